package org.modelevolution.reproduction;

import java.util.List;

/** Where the study's code departs from its stated method, and what the reproduction does about it: stated once. */
final class MethodNotes {
  private MethodNotes() {}

  static final List<String> ALL = List.of(
      "Where a *stated method* is named below, the citation is to the study's repository "
          + "(github.com/s2e-lab/model-evolution at 58d8e17d1): its notebooks' markdown cells, code comments and the names "
          + "of its published rows. This package holds no paper text and says nothing about what the paper states.",
      "**RQ1** `rq1_dataset_stats_both.csv`: the study adds the two groups' commit-log rows as pandas series, so "
          + "`last commit date` is the recent and legacy dates concatenated as strings, and the two \"adding at least "
          + "one serialized model\" rows are doubled (published 19200 = 2 × (4950 + 4650)); the row order is the one "
          + "that sum produced. The stated method (`*_stated_method.csv`) reads the rows by their own names (e.g. "
          + "`# commits in all logs (total)`, `last commit date`): it counts the union once and takes the latest date.",
      "**RQ1** `date with max number of adoptions`: the study takes the mode of the elapsed days over added-file rows "
          + "(a commit adding many files weighs more; ties go to the smallest day) and prints the date of the first "
          + "such row; the stated method reads the row's name (adoptions, as `rq1_analysis.ipynb` markdown cell 5 "
          + "counts them: commits adding safetensors files) and counts adopting commits per calendar day (earliest day "
          + "on ties).",
      "**RQ1** The \"80% of the adoptions happened after\" figure (cell 13 of `rq1_analysis.ipynb`): over the "
          + "repositories' first adoptions in ascending order, the study takes the running sum of their elapsed "
          + "days and reports the first repository at which that sum reaches 80% of the number of added-file rows. "
          + "It is reproduced as written (`rq1_notebook_outputs_{group}.csv`; the recent run's outputs of the final "
          + "notebook and the legacy run's at study commit 7cf3fedf8 are compared); the stated reading, the 80th "
          + "percentile of adopting commits (markdown cell 12: \"After which date was most (80%) of the adoptions?\"), "
          + "is in `rq1_adoption_summary_{group}.csv`.",
      "**RQ1** Fastest adopters: the study sorted with pandas' default, unstable sort, so the order of tied "
          + "repositories is arbitrary there; here ties are ordered by repository id (`rq1_fastest_adopters_{group}.csv`, "
          + "first ten, not committed). Their elapsed days do not depend on the order and are compared.",
      "**RQ1** Commit-log rows follow the study's notebook: commits are counted for the repositories of the format "
          + "table; \"modifying/adding/deleting\" uses the suffix of each `changed_files` entry; \"adding\" counts "
          + "commits with a format-table row whose change status is `+`; leftover weights are a root-level "
          + "`pytorch_model.bin` in the newest commit's tree. The 2024 table's `% repos with old files` is compared by "
          + "the final tables' rule (repositories with old files over repositories the converter committed to).",
      "**RQ1** Release markers come from `safetensors_tags.csv` when the full inputs are present (the study's filter: "
          + "no rc tags, one tag per date, `python-` stripped); otherwise from `data/safetensors-releases.csv`. Only "
          + "releases up to the last day of the study's data (2024-12-31) are drawn, as in the study's figures.",
      "**RQ2** Creation month (`RQ2FormatsRepoCreation_{group}.csv`): the study's code drops undetermined rows, "
          + "replaces each row's creation date by the row's commit date when that is earlier, keeps added files, sorts "
          + "them by date with numpy's quicksort (unstable: which of the rows with tied dates survives depends on it; "
          + "emulated exactly), keeps the first row per (repository, adjusted creation date) and takes the shares of "
          + "the surviving rows by month. The stated method (`*_stated_method.csv`; `rq2_analysis.ipynb` markdown "
          + "cell 8: \"the first format being used in the repo ... grabbing first commit adding model files\") counts "
          + "every file of each repository's first model-adding commit by its creation month.",
      "**RQ2** Yearly formats: the study's filter meant to keep each repository's last commit of the year keeps every "
          + "row, so its yearly shares count all model-file rows of all commits of the year "
          + "(`RQ2FormatsYearly_{group}.csv`); the stated method (`rq2_analysis.ipynb` markdown cell 14: \"the last "
          + "commit hash per year ... if not, we will use the last commit hash from the previous year(s)\") takes each "
          + "repository's tree at its last commit of the year, carried forward to years without commits "
          + "(`RQ2FormatsYearly_{group}_stated_method.csv`).",
      "**RQ3** Relevant discussions: the study's code (`rq3_analysis.ipynb` cell 13) keeps PRs with at least 2 "
          + "comments, 2 non-bot authors and an average comment size of at least 0 words; its markdown cell 12 states "
          + "\"more than 4 words\". The published 27 is the code's (a match: every row of the filtered file meets the "
          + "code's criteria); the stated criteria keep 20 of them (a separate stated-vs-code row).",
      "**RQ3** Time to first response: the study's code divides seconds by 60 and labels the axis hours; the values "
          + "are minutes. The figure here draws minutes and says so.",
      "**RQ3** `RQ4TimeToFirstResponse.pdf` in the study's `results/` is the same box plot as "
          + "`RQ3TimeToFirstResponse.pdf` under the bot-PR question's earlier number (both rendered and compared by eye).",
      "**RQ4** Relevance ranking: as the study's `scripts/analyze_devs_discussion.py` computes it, TF-IDF cosine "
          + "similarity to \"model serialization safetensors\" over the `json_content` column, sorted by pandas' "
          + "`sort_values(ascending=False)` (numpy's quicksort decides the order of tied scores; emulated), the first "
          + "Cochran sample (95% confidence, 5% margin, finite population correction) sampled. Checked rank by rank "
          + "against the script's own output (`Rq4StudyCodeTest`). A ranking over title and body is reported beside it "
          + "as a variant that no study file states.",
      "**Method figure** `assets/MethodArtifacts.png` prints 1,073 repositories per group where "
          + "`rq1_dataset_stats_{group}.csv` count 1,703, and gives the legacy repositories 13,338 commits and the recent "
          + "ones 8,967, where the tables give 8,967 to legacy and 13,338 to recent (swapped): those four rows differ "
          + "from the tables on purpose. Its post-sampling counts (291, 105, 24) are not Cochran samples of its own "
          + "pre-sampling counts (352, 159, 23 would be).");
}
