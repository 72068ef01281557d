package org.modelevolution.reproduction;

import org.modelevolution.analysis.Rq1Group;
import org.modelevolution.analysis.Rq1Result;
import org.modelevolution.charts.AdoptionCharts;
import org.modelevolution.charts.ChartFiles;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;
import tech.tablesaw.api.Table;

/** Writes RQ1's tables and figures, per group, named like the study's files. */
final class Rq1Files {
  /** Rows of the fastest-adopter table written (the study printed the first ten). */
  static final int FASTEST_ADOPTERS_SHOWN = 10;

  private Rq1Files() {}

  static void write(Rq1Result rq1, StudyData data, Outputs out) {
    for (Group group : Group.values()) {
      String suffix = group.fileSuffix();
      rq1.group(group).ifPresentOrElse(result -> writeGroup(result, data, out), () -> {
        out.notDrawn("RQ1CommitsDistribution_" + suffix + ".pdf", "no inputs for this group");
        out.notDrawn("RQ1Heatmap_" + suffix + ".pdf", "no inputs for this group");
      });
    }
  }

  /** Writes one group's files; notebooks call this for the group they show. */
  static void writeGroup(Rq1Group result, StudyData data, Outputs out) {
    String suffix = result.group().fileSuffix();
    out.text("rq1_dataset_stats_" + suffix + ".csv", result.studyStats().toCsv());
    out.text("rq1_dataset_stats_" + suffix + "_stated_method.csv", result.statedStats().toCsv());
    out.text("rq1_adoption_summary_" + suffix + ".csv", result.adoptionSummary().toCsv());
    if (!result.notebookOutputs().rows().isEmpty()) {
      out.text("rq1_notebook_outputs_" + suffix + ".csv", result.notebookOutputs().toCsv());
    }
    out.text("rq1_adoptions_by_day_" + suffix + ".csv", TableFiles.csv(result.adoptionsByDay()));
    Table fastest = result.fastestAdopters().first(FASTEST_ADOPTERS_SHOWN);
    out.text("rq1_fastest_adopters_" + suffix + ".csv", TableFiles.csv(fastest));

    String basis = Figures.basis(data) + (result.developerAdditionsKnown() ? ""
        : "; partial: converter-made additions only, the developer series is unavailable");
    Table byDay = result.adoptionsByDay();
    out.figure("RQ1CommitsDistribution_" + suffix + ".pdf", ChartFiles.save(AdoptionCharts.commitsDistribution(
            "Commits adding safetensors files by days since release, " + suffix,
            byDay.intColumn("elapsed_days").asIntArray(), byDay.intColumn("converter_commits").asIntArray(),
            byDay.intColumn("developer_commits").asIntArray(), data.releases().tags(), Group.SAFETENSORS_RELEASE),
        out.dir(), "RQ1CommitsDistribution_" + suffix), basis);
    if (result.developerAdditionsKnown()) {
      out.figure("RQ1Heatmap_" + suffix + ".pdf", ChartFiles.save(AdoptionCharts.calendarHeatmap(
          "Safetensors files added per day, " + suffix, result.filesPerDay()), out.dir(), "RQ1Heatmap_" + suffix),
          Figures.basis(data));
    } else {
      out.notDrawn("RQ1Heatmap_" + suffix + ".pdf", "not drawn: needs the developer-made additions of the " + suffix
          + " group (" + org.modelevolution.study.StudyFiles.notByTool(result.group()) + ")");
    }
  }
}
