package org.modelevolution.reproduction;

import java.util.List;

/** Where the study's code departs from its stated method, and what the reproduction does about it: stated once. */
final class MethodNotes {
  private MethodNotes() {}

  static final List<String> ALL = List.of(
      "**RQ1** `rq1_dataset_stats_both.csv`: the study adds the two groups' commit-log rows as pandas series, so "
          + "`last commit date` is the recent and legacy dates concatenated as strings, and the two \"adding at least "
          + "one serialized model\" rows are doubled (published 19200 = 2 × (4950 + 4650)); the row order is the one "
          + "that sum produced. The stated method (`*_stated_method.csv`) counts the union once and takes the latest "
          + "date.",
      "**RQ1** `date with max number of adoptions`: the study takes the mode of the elapsed days over added-file rows "
          + "(a commit adding many files weighs more; ties go to the smallest day) and prints the date of the first "
          + "such row; the stated method counts adopting commits per calendar day (earliest day on ties).",
      "**RQ1** The \"80% of the adoptions happened after\" figure (cell 13 of `rq1_analysis.ipynb`): over the "
          + "repositories' first adoptions in ascending order, the study takes the running sum of their elapsed "
          + "days and reports the first repository at which that sum reaches 80% of the number of added-file rows. "
          + "It is reproduced as written (`rq1_notebook_outputs_{group}.csv`); the stated reading, the 80th "
          + "percentile of adopting commits, is in `rq1_adoption_summary_{group}.csv`.",
      "**RQ1** Fastest adopters: the study sorted with pandas' default, unstable sort, so the order of tied "
          + "repositories is arbitrary there; here ties are ordered by repository id (`rq1_fastest_adopters_{group}.csv`, "
          + "first ten, not committed). Their elapsed days do not depend on the order and are compared.",
      "**RQ1** Commit-log rows follow the study's notebook: commits are counted for the repositories of the format "
          + "table; \"modifying/adding/deleting\" uses the suffix of each `changed_files` entry; \"adding\" counts "
          + "commits with a format-table row whose change status is `+`; leftover weights are a root-level "
          + "`pytorch_model.bin` in the newest commit's tree.",
      "**RQ1** Release markers come from `safetensors_tags.csv` when the full inputs are present (the study's filter: "
          + "no rc tags, one tag per date, `python-` stripped); otherwise from `data/safetensors-releases.csv`.",
      "**RQ2** Creation month (`RQ2FormatsRepoCreation_{group}.csv`): the study's code drops undetermined rows, "
          + "replaces each row's creation date by the row's commit date when that is earlier, keeps added files, sorts "
          + "them by date with numpy's quicksort (unstable: which of the rows with tied dates survives depends on it; "
          + "emulated exactly), keeps the first row per (repository, adjusted creation date) and takes the shares of "
          + "the surviving rows by month. The stated method (`*_stated_method.csv`) counts every file of each "
          + "repository's first model-adding commit by its creation month.",
      "**RQ2** Yearly formats: the study's filter meant to keep each repository's last commit of the year keeps every "
          + "row, so its yearly shares count all model-file rows of all commits of the year "
          + "(`RQ2FormatsYearly_{group}.csv`); the stated method takes each repository's tree at its last commit of "
          + "the year, carried forward to years without commits (`RQ2FormatsYearly_{group}_stated_method.csv`).",
      "**RQ3** Relevant discussions: the study's code kept PRs whose average comment size is above 0 words, the paper "
          + "states 4; the coded file's own columns give both counts (paper-vs-code row of `rq3_analysis.ipynb`).",
      "**RQ3** Time to first response: the study's code divides seconds by 60 and labels the axis hours; the values "
          + "are minutes. The figure here draws minutes and says so.",
      "**RQ3** `RQ4TimeToFirstResponse.pdf` in the study's `results/` is the same box plot as "
          + "`RQ3TimeToFirstResponse.pdf` under the bot-PR question's earlier number (both rendered and compared by eye).",
      "**RQ4** Relevance ranking: the study sorted by relevance with an unstable sort; here ties keep file order. The "
          + "sample is Cochran's formula at 95% confidence and 5% margin with the finite population correction.");
}
