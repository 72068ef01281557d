package org.modelevolution.reproduction;

import java.util.Optional;
import org.modelevolution.analysis.FormatShares;
import org.modelevolution.analysis.Rq2Group;
import org.modelevolution.analysis.Rq2Result;
import org.modelevolution.charts.ChartFiles;
import org.modelevolution.charts.FormatCharts;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;

/**
 * Writes RQ2's tables and figures. With the full inputs: the study's tables
 * ({@code RQ2FormatsRepoCreation_{group}.csv}, {@code RQ2FormatsYearly_{group}.csv} with the study's
 * every-row behaviour, {@code RQ2FormatsYearly_{group}_stated_method.csv}) and their figures; without
 * them, the figures are re-drawn from the study's published tables.
 */
final class Rq2Files {
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
    Optional<FormatShares> creation = result.map(Rq2Group::repoCreation).or(() -> data.published()
        .table("RQ2FormatsRepoCreation_" + suffix + ".csv").map(FormatShares::of));
    Optional<FormatShares> yearly = result.map(Rq2Group::yearlyStudy).or(() -> data.published()
        .table("RQ2FormatsYearly_" + suffix + "_notebook_output.csv").map(FormatShares::of));
    String basis = result.isPresent() ? Figures.basis(data) : "published table";
    draw(creation, "RQ2FormatsRepoCreation_" + suffix, "First-added model file formats by repository creation month, "
        + suffix + " (" + basis + ")", basis, out);
    draw(yearly, "RQ2FormatsYearly_" + suffix, "Model file formats by year, " + suffix + " (" + basis + ")", basis,
        out);
  }

  private static void draw(Optional<FormatShares> shares, String baseName, String title, String basis, Outputs out) {
    if (shares.isEmpty()) {
      out.notDrawn(baseName + ".pdf", "not drawn: needs the group's full RQ2 inputs (Git LFS only), and the study"
          + " published no table for it");
      return;
    }
    String xTitle = shares.get().keyColumn().equals("year") ? "year" : "repository creation month";
    out.figure(baseName + ".pdf", ChartFiles.save(FormatCharts.stackedShares(title, xTitle, shares.get().keys(),
        shares.get().seriesByFormat()), out.dir(), baseName), basis);
  }
}
