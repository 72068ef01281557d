package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.List;
import org.modelevolution.charts.AdoptionCharts;
import org.modelevolution.charts.ChartFiles;
import org.modelevolution.study.Group;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.StudyData;
import tech.tablesaw.api.Table;

/** Draws the RQ1 figures of a group (PNG and SVG) and returns their paths, PNG first. */
public final class Rq1Figures {
  private Rq1Figures() {}

  /** {@code RQ1CommitsDistribution_{group}}: adopting commits per elapsed day with release markers. */
  public static List<Path> commitsDistribution(StudyData data, Rq1Result result, Path outDir) {
    GroupData g = data.group(result.group());
    String suffix = result.group().fileSuffix();
    Table byDay = result.adoptionsByDay();
    String scope = g.developerAdditionsKnown() ? "" : " (converter-made only: developer additions unavailable)";
    return ChartFiles.save(AdoptionCharts.commitsDistribution(
            "Commits adding safetensors files by days since release, " + suffix + scope,
            byDay.intColumn("elapsed_days").asIntArray(), byDay.intColumn("converter_commits").asIntArray(),
            byDay.intColumn("developer_commits").asIntArray(), data.releases(), Group.SAFETENSORS_RELEASE),
        outDir, "RQ1CommitsDistribution_" + suffix);
  }

  /** {@code RQ1Heatmap_{group}}: added safetensors files per day, weekday by week, per year. */
  public static List<Path> heatmap(StudyData data, Group group, Path outDir) {
    return ChartFiles.save(AdoptionCharts.calendarHeatmap("Safetensors files added per day, " + group.fileSuffix(),
        Rq1Analysis.filesPerDay(data.group(group).additions())), outDir, "RQ1Heatmap_" + group.fileSuffix());
  }
}
