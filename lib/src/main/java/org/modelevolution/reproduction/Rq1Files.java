package org.modelevolution.reproduction;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modelevolution.analysis.Rq1Group;
import org.modelevolution.analysis.Rq1Result;
import org.modelevolution.charts.CalendarHeatmapChart;
import org.modelevolution.charts.DailyAdditionsChart;
import org.modelevolution.charts.ReleaseMarker;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;
import tech.tablesaw.api.Table;

/** Writes RQ1's tables and figures, per group, named like the study's files. */
final class Rq1Files {
  /** Rows of the fastest-adopter table written (the study printed the first ten). */
  static final int FASTEST_ADOPTERS_SHOWN = 10;
  static final String X_AXIS = "# Days Elapsed Since September 22, 2022";
  static final String CONVERTER = "Commits made by the converter";
  static final String DEVELOPER = "Commits not made by the converter";
  /** The study's calendar blocks; later years are added when the data reach them. */
  static final int FIRST_YEAR = 2022;
  static final int STUDY_LAST_YEAR = 2024;

  private Rq1Files() {}

  /**
   * Writes every group's files. The groups are drawn side by side (RQ1's figures are the longest of the
   * four writers) into separate records that are then appended in group order, so the record, and every
   * file's bytes, are those of drawing them one after the other.
   */
  static void write(Rq1Result rq1, StudyData data, Outputs out) {
    List<java.util.concurrent.CompletableFuture<Outputs>> groups = new ArrayList<>();
    for (Group group : Group.values()) {
      groups.add(StepPool.start(() -> {
        Outputs part = new Outputs(out.dir());
        String suffix = group.fileSuffix();
        rq1.group(group).ifPresentOrElse(result -> writeGroup(result, data, part), () -> {
          part.notDrawn("RQ1CommitsDistribution_" + suffix + ".pdf", "no inputs read for this group");
          part.notDrawn("RQ1Heatmap_" + suffix + ".pdf", "no inputs read for this group");
        });
        return part;
      }));
    }
    groups.forEach(group -> out.append(StepPool.join(group)));
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
    commitsDistribution(result, data, out);
    heatmap(result, data, out);
  }

  /** The study's figure (added file rows per day) and, separately named, the stated method's (adopting commits). */
  private static void commitsDistribution(Rq1Group result, StudyData data, Outputs out) {
    String baseName = "RQ1CommitsDistribution_" + result.group().fileSuffix();
    DailyAdditionsChart.Input files = commitsDistributionInput(result, data, false);
    out.figure(baseName + ".pdf", DailyAdditionsChart.draw(files), baseName, files.basis());
    DailyAdditionsChart.Input commits = commitsDistributionInput(result, data, true);
    out.extraFigure(baseName + "_stated_method (adopting commits per day)",
        DailyAdditionsChart.draw(commits).save(out.dir(), baseName + "_stated_method"), commits.basis());
  }

  /**
   * What {@code RQ1CommitsDistribution_{group}} draws: added file rows per elapsed day (the study's
   * quantity), or, for the stated method, adopting commits per day.
   */
  static DailyAdditionsChart.Input commitsDistributionInput(Rq1Group result, StudyData data, boolean statedMethod) {
    String suffix = result.group().fileSuffix();
    String groupName = groupName(result.group());
    boolean partial = !result.developerAdditionsKnown();
    String basis = Figures.basis(data) + (partial
        ? "; partial: converter-made additions only, the developer series is unavailable (" + DOWNLOAD + ")" : "");
    List<ReleaseMarker> releases = releases(data);
    long later = data.releases().tags().stream().filter(r -> r.date().isAfter(STUDY_DATA_END)).count();
    String releaseNote = "Release markers: " + releases.size() + " safetensors tags from " + data.releases().source()
        + " (no release candidates, one tag per date, 'python-' stripped) up to the end of the study's data ("
        + STUDY_DATA_END + ")" + (later == 0 ? "." : "; " + later + " later tags are not marked, as in the study's"
        + " figures.");
    String unavailable = partial ? "the developer-made additions of the " + suffix + " group ("
        + StudyFiles.notByTool(result.group()) + ") are not at hand" : null;
    String unit = statedMethod ? "commits" : "files";
    DailyAdditionsChart.Series converter = series(result, "converter_" + unit, CONVERTER, null);
    DailyAdditionsChart.Series developer = series(result, "developer_" + unit, DEVELOPER, unavailable);
    String release = " by Days Elapsed Since First Safetensors Release (September 22, 2022)";
    if (statedMethod) {
      return new DailyAdditionsChart.Input("Adopting Commits in " + groupName + " Repositories" + release
          + ", as the Study States the Method", X_AXIS, "# adopting commits", converter, developer, releases, basis,
          List.of("Stated method (the study's own y label '# Commits'; rq1_analysis.ipynb markdown cell 14: 'the"
              + " number of adoptions per elapsed days'): commits adding safetensors files per day (one count per"
              + " commit, however many files it adds); the study's figure counts file rows (RQ1CommitsDistribution_"
              + suffix + ").",
              releaseNote));
    }
    return new DailyAdditionsChart.Input("Number of Commits in " + groupName + " Repositories" + release, X_AXIS,
        "# Commits", converter, developer, releases, basis,
        List.of("As in the study, '# Commits' counts added safetensors file rows per day (value counts of"
            + " elapsed_days over file rows), not commits; the commit count is the separate _stated_method figure.",
            releaseNote));
  }

  private static void heatmap(Rq1Group result, StudyData data, Outputs out) {
    String suffix = result.group().fileSuffix();
    if (!result.developerAdditionsKnown()) {
      out.notDrawn("RQ1Heatmap_" + suffix + ".pdf", "not drawn: needs the developer-made additions of the " + suffix
          + " group (" + DOWNLOAD + ")");
      return;
    }
    SortedMap<LocalDate, Long> counts = new TreeMap<>();
    result.filesPerDay().forEach((day, n) -> {
      if (n > 0) {
        counts.put(day, n.longValue());
      }
    });
    int lastYear = Math.max(STUDY_LAST_YEAR, counts.isEmpty() ? STUDY_LAST_YEAR : counts.lastKey().getYear());
    List<Integer> years = new ArrayList<>();
    for (int y = FIRST_YEAR; y <= lastYear; y++) {
      years.add(y);
    }
    long before = counts.keySet().stream().filter(d -> d.getYear() < FIRST_YEAR).count();
    List<String> notes = before == 0 ? List.of()
        : List.of(before + " days with additions before " + FIRST_YEAR + " are outside the study's calendar blocks.");
    String baseName = "RQ1Heatmap_" + suffix;
    CalendarHeatmapChart.Input input = new CalendarHeatmapChart.Input(
        "Safetensors Files Added per Day, " + groupName(result.group()) + " Repositories", counts, years,
        Group.SAFETENSORS_RELEASE, "Safetensors' first release (" + Group.SAFETENSORS_RELEASE + ")",
        "added safetensors files per day (log scale)", Figures.basis(data), notes);
    out.figure(baseName + ".pdf", CalendarHeatmapChart.draw(input), baseName, Figures.basis(data));
  }

  /** A series of the per-day table: the days with a non-zero count, or unavailable with its reason. */
  private static DailyAdditionsChart.Series series(Rq1Group result, String column, String label, String unavailable) {
    if (unavailable != null) {
      return DailyAdditionsChart.Series.unavailable(label, unavailable);
    }
    Table byDay = result.adoptionsByDay();
    int[] days = byDay.intColumn("elapsed_days").asIntArray();
    int[] counts = byDay.intColumn(column).asIntArray();
    SortedMap<Integer, Long> byElapsedDay = new TreeMap<>();
    for (int i = 0; i < days.length; i++) {
      if (counts[i] > 0) {
        byElapsedDay.merge(days[i], (long) counts[i], Long::sum);
      }
    }
    return DailyAdditionsChart.Series.of(label, byElapsedDay);
  }

  /** What brings the recent group's developer additions: an ordinary git blob of the study's repository. */
  static final String DOWNLOAD = "safetensors_commits_not_by_tool_recent.csv, an ordinary git blob of the study's"
      + " repository: reproduce --download fetches it and draws this";

  /** The last day of the study's data (its tables' last commit date, 2024-12-31 12:30:54): later releases are not drawn. */
  static final LocalDate STUDY_DATA_END = LocalDate.of(2024, 12, 31);

  /** The releases within the study's data window, as the study's figures mark them (none after its data). */
  static List<ReleaseMarker> releases(StudyData data) {
    return data.releases().tags().stream().filter(r -> !r.date().isAfter(STUDY_DATA_END))
        .map(r -> new ReleaseMarker(r.tag(), ChronoUnit.DAYS.between(Group.SAFETENSORS_RELEASE, r.date()))).toList();
  }

  /** The group as the study's titles name it ("Legacy", "Recent", "Both"). */
  static String groupName(Group group) {
    String suffix = group.fileSuffix();
    return Character.toUpperCase(suffix.charAt(0)) + suffix.substring(1);
  }
}
