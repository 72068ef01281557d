package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelevolution.analysis.StepOutput.FigureCounterpart;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;

/**
 * RQ2's part of {@code reproduce}. With the full inputs it writes the study's tables
 * ({@code RQ2FormatsRepoCreation_{group}.csv} and {@code RQ2FormatsYearly_{group}.csv}, with the
 * study's code's behaviour, and their {@code _stated_method.csv} variants)
 * and their stacked-bar figures. Without them (the published data), the final RQ2 numbers are
 * NOT_RECOMPUTABLE: it checks the published tables' internal consistency instead and re-draws
 * the figures from the published tables.
 */
public final class Rq2Reproduction implements ReproductionStep {
  private static final double ROW_SUM_TOLERANCE = 1e-3;

  @Override
  public String researchQuestion() {
    return "RQ2";
  }

  @Override
  public StepOutput run(StudyData data, Path outDir) {
    String differs = Rq1Reproduction.differenceNote(data);
    return StepOutput.perGroup(group -> runGroup(data, group, outDir, differs), METHOD_NOTES);
  }

  static final List<String> METHOD_NOTES = List.of(
      "Yearly formats: the study's filter meant to keep each repository's last commit of the year keeps every row, so "
          + "its yearly shares count all model-file rows of all commits of the year (`RQ2FormatsYearly_{group}.csv`); "
          + "the stated method takes each repository's tree at its last commit of the year, carried forward to years "
          + "without commits (`RQ2FormatsYearly_{group}_stated_method.csv`). Both study-named RQ2 tables "
          + "equal the output of the study's own notebook run on synthetic inputs of the same schema (a test checks "
          + "this month by month); the study's final inputs are Git LFS-only, so the published numbers cannot be "
          + "recomputed.",
      "Creation month: `RQ2FormatsRepoCreation_{group}.csv` follows the study's code: undetermined rows dropped, "
          + "each row's `created_at` replaced by its commit date when the commit is older, the added-file rows sorted by "
          + "date with numpy's unstable quicksort, one row kept per repository and adjusted creation date; "
          + "`RQ2FormatsRepoCreation_{group}_stated_method.csv` follows the stated method: `createdAt` is replaced by "
          + "the repository's first commit date when it is the Hub's sentinel (2022-03-02T23:29), and the first-added "
          + "formats are those of every file the repository's earliest model-adding commit added.",
      "Published tables: every row's shares sum to 100; in `RQ2FormatsRepoCreation_both.csv` some months before "
          + "2022-09 differ from the legacy table although the recent group starts in 2022-09, so the study's both "
          + "table is not the union of its group tables there (see the row notes).");

  private StepOutput runGroup(StudyData data, Group group, Path outDir, String differs) {
    List<Comparison> comparisons = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<FigureCounterpart> figures = new ArrayList<>();
    {
      String suffix = group.fileSuffix();
      Optional<Rq2Result> result = Rq2Analysis.of(data, group);
      Optional<FormatShares> publishedCreation = data.published("RQ2FormatsRepoCreation_" + suffix + ".csv").map(FormatShares::read);
      Optional<FormatShares> publishedYearly =
          data.published("RQ2FormatsYearly_" + suffix + "_notebook_output.csv").map(FormatShares::read);
      Optional<FormatShares> legacyCreation = data.published("RQ2FormatsRepoCreation_legacy.csv").map(FormatShares::read);
      Optional<FormatShares> legacyYearly = data.published("RQ2FormatsYearly_legacy_notebook_output.csv").map(FormatShares::read);

      Optional<FormatShares> creation = result.map(Rq2Result::repoCreation);
      Optional<FormatShares> yearly = result.map(Rq2Result::yearlyStudy);
      if (result.isPresent()) {
        files.add(result.get().repoCreation().write(outDir.resolve("RQ2FormatsRepoCreation_" + suffix + ".csv")));
        files.add(result.get().repoCreationStated().write(outDir.resolve("RQ2FormatsRepoCreation_" + suffix + "_stated_method.csv")));
        files.add(result.get().yearlyStudy().write(outDir.resolve("RQ2FormatsYearly_" + suffix + ".csv")));
        files.add(result.get().yearlyStated().write(outDir.resolve("RQ2FormatsYearly_" + suffix + "_stated_method.csv")));
      }
      String inputsNote = group == Group.BOTH
          ? "the final RQ2 inputs of both groups (repositories_evolution_{legacy,recent}_commits_processed.csv, "
              + "selected_{legacy,recent}_repos.json) are Git LFS-only"
          : "the final RQ2 inputs (repositories_evolution_" + suffix + "_commits_processed.csv, selected_" + suffix
              + "_repos.json) are Git LFS-only";
      publishedCreation.ifPresent(p -> comparisons.addAll(compare(p, "RQ2FormatsRepoCreation_" + suffix + ".csv", creation, -1,
          group == Group.BOTH ? legacyCreation : Optional.empty(), "2022-09", inputsNote, differs)));
      publishedYearly.ifPresent(p -> comparisons.addAll(compare(p, "RQ2FormatsYearly_" + suffix + "_notebook_output.csv",
          yearly, 6, group == Group.BOTH ? legacyYearly : Optional.empty(), "2022", inputsNote, differs)));

      Optional<FormatShares> creationToDraw = creation.or(() -> publishedCreation);
      Optional<FormatShares> yearlyToDraw = yearly.or(() -> publishedYearly);
      String origin = result.isPresent() ? "recomputed" : "re-drawn from the published table";
      figures.add(figure(creationToDraw, "RQ2FormatsRepoCreation_" + suffix,
          "First-added model file formats by repository creation month, " + suffix + " (" + origin + ")",
          outDir, files, origin));
      figures.add(figure(yearlyToDraw, "RQ2FormatsYearly_" + suffix,
          "Model file formats by year, " + suffix + " (" + origin + (result.isPresent() ? ", study's behaviour" : "") + ")",
          outDir, files, origin + (result.isPresent() ? "; study's every-row behaviour" : "")));
      if (result.isPresent()) {
        figures.add(figure(Optional.of(result.get().yearlyStated()), "RQ2FormatsYearly_" + suffix + "_stated_method",
            "Model file formats by year, " + suffix + " (stated method: last commit of the year, carried forward)",
            outDir, files, "stated method (no study counterpart)"));
      }
      for (String older : List.of("RQ2FormatsDistribution_", "RQ2FormatsStacked_")) {
        figures.add(new FigureCounterpart(older + suffix + ".pdf", List.of(),
            "no counterpart: neither its method nor its numbers are in the published tables"));
      }
    }
    return new StepOutput(comparisons, files, figures);
  }

  private static FigureCounterpart figure(Optional<FormatShares> shares, String baseName, String title, Path outDir, List<Path> files, String note) {
    String studyName = baseName.endsWith("_stated_method") ? "(none)" : baseName + ".pdf";
    if (shares.isEmpty()) {
      return new FigureCounterpart(studyName, List.of(), "not drawn: neither the inputs nor a published table are present");
    }
    List<Path> written = Rq2Figures.stacked(shares.get(), title, outDir, baseName);
    files.addAll(written);
    return new FigureCounterpart(studyName, written, note);
  }

  /**
   * One comparison per published row. Without recomputed values, the note records the row's
   * internal consistency (sum of shares) and, for "both", agreement with the legacy table on the
   * keys before the recent group exists.
   */
  static List<Comparison> compare(FormatShares published, String fileName, Optional<FormatShares> recomputed, int decimals,
      Optional<FormatShares> legacy, String recentStart, String inputsNote, String differs) {
    List<Comparison> out = new ArrayList<>();
    for (int r = 0; r < published.keys().size(); r++) {
      String key = published.keys().get(r);
      String metric = key + " (" + String.join(", ", published.formats()) + ")";
      String publishedText = String.join(" ", rawRow(published, r, decimals));
      if (recomputed.isPresent()) {
        int index = recomputed.get().keys().indexOf(key);
        String value = index < 0 ? "" : recomputed.get().formats() + " " + String.join(" ", recomputed.get().formattedRow(index, decimals));
        boolean same = index >= 0 && recomputed.get().formats().equals(published.formats())
            && recomputed.get().formattedRow(index, decimals).equals(rawRow(published, r, decimals));
        String shown = index < 0 ? "" : String.join(" ", recomputed.get().formattedRow(index, decimals));
        out.add(new Comparison("RQ2", fileName, metric, publishedText, same ? shown : value,
            same ? Comparison.Status.MATCH : Comparison.Status.DIFFERS,
            same ? "" : index < 0 ? "key absent from the recomputed table; " + differs : differs));
        continue;
      }
      StringBuilder note = new StringBuilder(inputsNote).append(". Consistency: row sums to ")
          .append(String.format(Locale.ROOT, "%.6f", published.rowSum(r)))
          .append(Math.abs(published.rowSum(r) - 100) <= ROW_SUM_TOLERANCE ? " (consistent)" : " (INCONSISTENT)");
      if (legacy.isPresent() && key.compareTo(recentStart) < 0) {
        int li = legacy.get().keys().indexOf(key);
        boolean equal = li >= 0 && sharesEqual(published, r, legacy.get(), li);
        note.append(equal
            ? "; equals the legacy table's row (consistent: recent repositories start in " + recentStart + ")"
            : "; differs from the legacy table's row although recent repositories start in " + recentStart
                + " (both is not the union of the group tables here)");
      }
      out.add(new Comparison("RQ2", fileName, metric, publishedText, "", Comparison.Status.NOT_RECOMPUTABLE, note.toString()));
    }
    return out;
  }

  private static List<String> rawRow(FormatShares table, int row, int decimals) {
    return table.formattedRow(row, decimals);
  }

  private static boolean sharesEqual(FormatShares a, int ra, FormatShares b, int rb) {
    for (int f = 0; f < a.formats().size(); f++) {
      int fb = b.formats().indexOf(a.formats().get(f));
      double vb = fb < 0 ? 0.0 : b.percent()[rb][fb];
      if (Math.abs(a.percent()[ra][f] - vb) > 1e-6) {
        return false;
      }
    }
    return true;
  }
}
