package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modelevolution.analysis.StepOutput.FigureCounterpart;
import org.modelevolution.study.Group;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;
import tech.tablesaw.api.Table;

/**
 * RQ1's part of {@code reproduce}: for each group, the stats tables (study's behaviour and
 * stated method), the adoption tables, the two figures, and the comparison with the published
 * {@code rq1_dataset_stats_*.csv} (and the 2024 iteration's {@code rq1_dataset_stats.csv}).
 */
public final class Rq1Reproduction implements ReproductionStep {
  /** Rows of the fastest-adopter table written (the study printed the first ten). */
  static final int FASTEST_ADOPTERS_SHOWN = 10;

  @Override
  public String researchQuestion() {
    return "RQ1";
  }

  @Override
  public StepOutput run(StudyData data, Path outDir) {
    String differs = differenceNote(data);
    StepOutput groups = StepOutput.perGroup(group -> runGroup(data, group, outDir, differs), METHOD_NOTES);
    List<Comparison> comparisons = new ArrayList<>(groups.comparisons());
    run2024(data, differs, comparisons);
    return new StepOutput(comparisons, groups.files(), groups.figures(), METHOD_NOTES);
  }

  static final List<String> METHOD_NOTES = List.of(
      "`rq1_dataset_stats_both.csv`: the study adds the two groups' commit-log rows as pandas series, so `last commit date` "
          + "is the recent and legacy dates concatenated as strings, and the two \"adding at least one serialized model\" "
          + "rows are doubled (published 19200 = 2 x (4650 + 4950), 6806 = 2 x (1703 + 1700)); the row order is the one "
          + "that sum produced. The stated method (`*_stated_method.csv`) counts the union once and takes the latest date.",
      "`date with max number of adoptions`: the study takes the mode of the elapsed days over added-file rows (a commit "
          + "adding many files weighs more; ties go to the smallest day) and prints the date of the first such row; the "
          + "stated method counts adopting commits per calendar day (earliest day on ties).",
      "Fastest adopters: the study sorted with pandas' default, unstable sort, so the order of tied repositories is "
          + "arbitrary there; here ties are ordered by repository id (`rq1_fastest_adopters_{group}.csv`, first ten).",
      "The \"80%\" figure: `rq1_adoption_summary_{group}.csv` gives it as the nearest-rank 80th percentile of the "
          + "adopting commits' elapsed days (stated reading) and as 80% of the observation window with the share of "
          + "adoptions inside it (a reading that is not a percentile). The study's own code for this number is not "
          + "available outside Git LFS-era notebook versions, so neither is checked against a published value.",
      "Commit-log rows follow the study's notebook: commits are counted for the repositories of the format table; "
          + "\"modifying/adding/deleting\" uses the suffix of each `changed_files` entry; \"adding\" counts commits with a "
          + "format-table row whose change status is `+` (so files whose name contains a space, which the pipeline marks "
          + "as not in the commit, are not counted); leftover weights are a root-level `pytorch_model.bin` in the "
          + "newest commit's tree. On the paper-scale synthetic inputs these rules give exactly the numbers the "
          + "generator's README reports for the original notebook (e.g. legacy 28,702 / 9,438 / 5,172 / 28, "
          + "recent 5,948, leftover 96.5% and 82.7%).",
      "Release markers come from `safetensors_tags.csv` when the full inputs are present (the study's filter: no rc "
          + "tags, one tag per date, `python-` stripped); otherwise from the hand-typed `data/safetensors-releases.csv`, "
          + "whose dates are marked unverified in its `source` column.");

  private StepOutput runGroup(StudyData data, Group group, Path outDir, String differs) {
    List<Comparison> comparisons = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<FigureCounterpart> figures = new ArrayList<>();
    GroupData g = data.group(group);
    {
      String suffix = group.fileSuffix();
      boolean any = !g.additions().isEmpty() || g.hasFullInputs();
      if (any) {
        Rq1Result result = Rq1Analysis.of(data, group);
        files.add(write(result.studyStats(), outDir.resolve("rq1_dataset_stats_" + suffix + ".csv")));
        files.add(write(result.statedStats(), outDir.resolve("rq1_dataset_stats_" + suffix + "_stated_method.csv")));
        files.add(write(result.adoptionSummary(), outDir.resolve("rq1_adoption_summary_" + suffix + ".csv")));
        files.add(TableFiles.writeCsv(result.adoptionsByDay(), outDir.resolve("rq1_adoptions_by_day_" + suffix + ".csv")));
        Table fastest = result.fastestAdopters().first(FASTEST_ADOPTERS_SHOWN);
        files.add(TableFiles.writeCsv(fastest, outDir.resolve("rq1_fastest_adopters_" + suffix + ".csv")));
        data.published(StudyFiles.rq1Stats(group)).ifPresent(p -> comparisons.addAll(
            PublishedTable.read(p).compare("RQ1", result.studyStats(), result.notRecomputable(), differs)));

        String scope = g.developerAdditionsKnown() ? "" : " (converter-made only: developer additions unavailable)";
        List<Path> distribution = Rq1Figures.commitsDistribution(data, result, outDir);
        files.addAll(distribution);
        figures.add(new FigureCounterpart("RQ1CommitsDistribution_" + suffix + ".pdf", distribution,
            "adopting commits per elapsed day, converter vs developers, release markers from "
                + releaseSource(data) + scope));
        if (g.developerAdditionsKnown()) {
          List<Path> heatmap = Rq1Figures.heatmap(data, group, outDir);
          files.addAll(heatmap);
          figures.add(new FigureCounterpart("RQ1Heatmap_" + suffix + ".pdf", heatmap,
              "added safetensors files per day, weekday x week, one block per year"));
        } else {
          figures.add(new FigureCounterpart("RQ1Heatmap_" + suffix + ".pdf", List.of(),
              "not drawn: needs the developer-made additions of this group"));
        }
      } else {
        data.published(StudyFiles.rq1Stats(group)).ifPresent(p -> comparisons.addAll(
            PublishedTable.read(p).compare("RQ1", new MetricsTable(), Map.of(), differs)));
        figures.add(new FigureCounterpart("RQ1CommitsDistribution_" + suffix + ".pdf", List.of(), "no inputs for this group"));
        figures.add(new FigureCounterpart("RQ1Heatmap_" + suffix + ".pdf", List.of(), "no inputs for this group"));
      }
    }
    return new StepOutput(comparisons, files, figures);
  }

  private void run2024(StudyData data, String differs, List<Comparison> comparisons) {
    data.published("rq1_dataset_stats.csv").ifPresent(p -> {
      MetricsTable recomputed = data.additions2024().map(Rq1Analysis::iteration2024).orElseGet(MetricsTable::new);
      comparisons.addAll(PublishedTable.read(p).compare("RQ1", recomputed, Map.of(),
          "2024 iteration; " + differs));
      comparisons.replaceAll(c -> c.publishedFile().equals("rq1_dataset_stats.csv")
          && c.status() == Comparison.Status.NOT_RECOMPUTABLE
          ? new Comparison(c.researchQuestion(), c.publishedFile(), c.metric(), c.published(), "", c.status(),
              data.additions2024().isPresent()
                  ? "needs the 2024 iteration's commit logs (not kept in the study's repository)"
                  : "needs safetensors_commits_by_tool.csv and safetensors_commits_not_by_tool.csv (2024 iteration)")
          : c);
    });
  }

  private static Path write(MetricsTable table, Path file) {
    table.write(file);
    return file;
  }

  private static String releaseSource(StudyData data) {
    return data.releases().isEmpty() ? "nowhere (no release list)" : data.releases().get(0).source().startsWith("safetensors_tags")
        ? "safetensors_tags.csv" : "data/safetensors-releases.csv (hand-typed)";
  }

  /** Why a recomputed value may differ: say so when the inputs are not the pinned originals. */
  static String differenceNote(StudyData data) {
    boolean allPinned = data.inputs().stream().allMatch(i -> i.verification() == InputFile.Verification.VERIFIED);
    return allPinned
        ? "recomputed from the pinned originals but differs: see the method notes"
        : "inputs are not the study's pinned originals (e.g. synthetic data), so values are expected to differ";
  }
}
