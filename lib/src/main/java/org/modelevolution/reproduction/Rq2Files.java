package org.modelevolution.reproduction;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.analysis.FormatShares;
import org.modelevolution.analysis.Rq2Group;
import org.modelevolution.analysis.Rq2Result;
import org.modelevolution.charts.FormatSharesChart;
import org.modelevolution.charts.YearlyFormatsChart;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;

/**
 * Writes RQ2's tables and figures. With the full inputs: the study's tables
 * ({@code RQ2FormatsRepoCreation_{group}.csv}, {@code RQ2FormatsYearly_{group}.csv} with the study's
 * every-row behaviour, {@code RQ2FormatsYearly_{group}_stated_method.csv}) and their figures; without
 * them, the figures are re-drawn from the study's published tables (which carry no n).
 */
final class Rq2Files {
  static final String PUBLISHED_TABLE = "published table";

  private Rq2Files() {}

  static void write(Rq2Result rq2, StudyData data, Outputs out) {
    for (Group group : Group.values()) {
      writeGroup(rq2.group(group), group, data, out);
    }
  }

  static void writeGroup(Optional<Rq2Group> result, Group group, StudyData data, Outputs out) {
    String suffix = group.fileSuffix();
    result.ifPresent(r -> {
      out.text("RQ2FormatsRepoCreation_" + suffix + ".csv", r.repoCreation().toCsv());
      out.text("RQ2FormatsRepoCreation_" + suffix + "_stated_method.csv", r.repoCreationStated().toCsv());
      out.text("RQ2FormatsYearly_" + suffix + ".csv", r.yearlyStudy().toCsv());
      out.text("RQ2FormatsYearly_" + suffix + "_stated_method.csv", r.yearlyStated().toCsv());
      if (!r.notebookOutputs().rows().isEmpty()) {
        out.text("rq2_notebook_outputs_" + suffix + ".csv", r.notebookOutputs().toCsv());
      }
    });
    String creationTable = "RQ2FormatsRepoCreation_" + suffix + ".csv";
    String yearlyTable = "RQ2FormatsYearly_" + suffix + "_notebook_output.csv";
    Optional<FormatShares> creation = result.map(Rq2Group::repoCreation).or(() -> data.published()
        .table(creationTable).map(FormatShares::of));
    Optional<FormatShares> yearly = result.map(Rq2Group::yearlyStudy).or(() -> data.published()
        .table(yearlyTable).map(FormatShares::of));
    String groupTitle = "(" + (group == Group.BOTH ? "All" : Rq1Files.groupName(group)) + " Repositories)";
    String basis = result.isPresent() ? Figures.basis(data) : PUBLISHED_TABLE;
    creation.ifPresentOrElse(shares -> {
      String base = "RQ2FormatsRepoCreation_" + suffix;
      String why = result.isPresent() ? basis : PUBLISHED_TABLE + " (" + creationTable + "; it gives no n)";
      out.figure(base + ".pdf", FormatSharesChart.draw(new FormatSharesChart.Input(
          creationTitle(group) + " by Repository Creation Date " + groupTitle, shares.formats(),
          months(shares), why, List.of(
              "Percentages: the formats of the model files each repository added first (its earliest model-adding"
                  + " commit), by the repository's creation month; undetermined formats excluded."))), base, basis);
    }, () -> notDrawn(out, "RQ2FormatsRepoCreation_" + suffix));
    yearly.ifPresentOrElse(shares -> {
      String base = "RQ2FormatsYearly_" + suffix;
      String why = result.isPresent() ? basis : PUBLISHED_TABLE + " (" + yearlyTable + "; it gives no n)";
      out.figure(base + ".pdf", YearlyFormatsChart.draw(new YearlyFormatsChart.Input(
          "Yearly Serialization Format Distribution " + groupTitle, shares.formats(), years(shares), why,
          List.of())), base, basis);
    }, () -> notDrawn(out, "RQ2FormatsYearly_" + suffix));
  }

  /** The study's PDFs title the legacy and recent figures "Safetensors Adoption", the one of all repositories not. */
  private static String creationTitle(Group group) {
    return group == Group.BOTH ? "Serialization Formats Adoption" : "Safetensors Adoption";
  }

  private static void notDrawn(Outputs out, String baseName) {
    out.notDrawn(baseName + ".pdf", "not drawn: needs the group's full RQ2 inputs (Git LFS only), and the study"
        + " published no table for it");
  }

  private static List<FormatSharesChart.Month> months(FormatShares shares) {
    List<FormatSharesChart.Month> months = new ArrayList<>();
    for (int i = 0; i < shares.keys().size(); i++) {
      months.add(new FormatSharesChart.Month(YearMonth.parse(shares.keys().get(i)),
          shares.resting().isEmpty() ? FormatSharesChart.UNKNOWN : shares.resting().get(i), row(shares, i)));
    }
    return months;
  }

  private static List<YearlyFormatsChart.Year> years(FormatShares shares) {
    List<YearlyFormatsChart.Year> years = new ArrayList<>();
    for (int i = 0; i < shares.keys().size(); i++) {
      years.add(new YearlyFormatsChart.Year(Integer.parseInt(shares.keys().get(i)),
          shares.resting().isEmpty() ? FormatSharesChart.UNKNOWN : shares.resting().get(i), row(shares, i)));
    }
    return years;
  }

  private static Map<String, Double> row(FormatShares shares, int index) {
    Map<String, Double> row = new LinkedHashMap<>();
    for (int f = 0; f < shares.formats().size(); f++) {
      row.put(shares.formats().get(f), shares.percent()[index][f]);
    }
    return row;
  }
}
