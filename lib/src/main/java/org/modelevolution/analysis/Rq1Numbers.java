package org.modelevolution.analysis;

import static org.modelevolution.analysis.Rq1.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.Group;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.PublishedNumber;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;

/**
 * Every number the study published for RQ1, recomputed from input rows where the data hold them,
 * else by arithmetic on the study's other published tables where those determine it, else with
 * what it needs.
 */
final class Rq1Numbers {
  static final String RECENT_DEVELOPERS = StudyFiles.notByTool(Group.RECENT)
      + " (an ordinary git blob of the study's repository, pinned by blob id: reproduce --download)";
  private static final String GROUP_TABLES_OR = "the published group tables, or ";
  static final String ITERATION_2024_LOGS =
      "the 2024 iteration's commit logs (GROUP2_..._commits_0_1033.csv and kin: Git LFS only)";

  /** The further numbers {@code rq1_analysis.ipynb} printed for its group, in cell order. */
  static final List<String> NOTEBOOK_METRICS = notebookMetrics();

  private static List<String> notebookMetrics() {
    List<String> metrics = new ArrayList<>(List.of("df_safetensors['date'].min()", "df_safetensors['date'].max()",
        "df_safetensors['elapsed_days'].min()", "df_safetensors['elapsed_days'].max()"));
    for (int i = 1; i <= FASTEST_SHOWN; i++) {
      metrics.add("fastest adopter " + i + ": elapsed_days");
    }
    metrics.addAll(List.of("first adoption: rows", "first adoption: commits", EIGHTY_DATE, EIGHTY_DAYS));
    return List.copyOf(metrics);
  }

  private final StudyData data;
  private final List<Recomputed> out = new ArrayList<>();

  private Rq1Numbers(StudyData data) {
    this.data = data;
  }

  static List<Recomputed> of(StudyData data, Map<Group, Rq1Group> groups, Optional<MetricsTable> iteration2024) {
    Rq1Numbers numbers = new Rq1Numbers(data);
    for (Group group : Group.values()) {
      numbers.statsTable(group, Optional.ofNullable(groups.get(group)));
    }
    numbers.notebook(groups);
    numbers.iteration2024(iteration2024);
    numbers.heatmaps(groups);
    numbers.out.addAll(MethodFigureNumbers.of(data, "RQ1"));
    return List.copyOf(numbers.out);
  }

  /** The rows of {@code rq1_dataset_stats_{group}.csv}, in the study's order. */
  static List<String> statsMetrics(Group group) {
    List<String> metrics = new ArrayList<>(group == Group.BOTH ? BOTH_LOG_ROWS : LOG_ROWS);
    metrics.addAll(List.of(ST_COMMITS, ST_REPOS, TOOL_COMMITS, TOOL_REPOS, DEV_COMMITS, DEV_REPOS, FIRST_DAYS,
        MAX_DATE));
    if (group != Group.BOTH) {
      metrics.addAll(List.of(USED_TOOL, OLD_BIN, OLD_BIN_PCT));
    }
    return metrics;
  }

  private void statsTable(Group group, Optional<Rq1Group> result) {
    String source = StudyFiles.rq1Stats(group);
    String suffix = group.fileSuffix();
    GroupData g = data.group(group);
    for (String metric : statsMetrics(group)) {
      Optional<String> value = result.flatMap(r -> r.studyStats().get(metric));
      if (value.isPresent()) {
        out.add(Recomputed.fromRows(source, suffix, metric, value.get(), g.files()));
        continue;
      }
      Optional<Recomputed> arithmetic = arithmetic(group, source, metric);
      out.add(arithmetic.orElseGet(() -> missing(source, suffix, metric, needs(group, metric))));
    }
  }

  /** A row the published group tables determine although the inputs do not. */
  private Optional<Recomputed> arithmetic(Group group, String source, String metric) {
    String suffix = group.fileSuffix();
    if (group == Group.BOTH) {
      Optional<String> recent = published(Group.RECENT, metric);
      Optional<String> legacy = published(Group.LEGACY, metric);
      if (recent.isEmpty() || legacy.isEmpty()) {
        return Optional.empty();
      }
      List<String> inputs = List.of(publishedPath(Group.RECENT), publishedPath(Group.LEGACY));
      if (LOG_ROWS.contains(metric)) {
        return Optional.of(Recomputed.fromPublished(source, suffix, metric,
            combineAsStudy(metric, recent.get(), legacy.get()), inputs));
      }
      if (SUMMED_IN_BOTH.contains(metric)) {
        return Optional.of(Recomputed.fromPublished(source, suffix, metric,
            Long.parseLong(recent.get()) + Long.parseLong(legacy.get()), inputs));
      }
      if (FIRST_DAYS.equals(metric)) {
        return Optional.of(Recomputed.fromPublished(source, suffix, metric,
            Math.min(Long.parseLong(recent.get()), Long.parseLong(legacy.get())), inputs));
      }
      return Optional.empty();
    }
    if (OLD_BIN_PCT.equals(metric)) {
      Optional<String> leftover = published(group, OLD_BIN);
      Optional<String> used = published(group, USED_TOOL);
      if (leftover.isPresent() && used.isPresent()) {
        return Optional.of(Recomputed.fromPublished(source, suffix, metric,
            PythonFormat.repr(PythonFormat.percent(Long.parseLong(leftover.get()), Long.parseLong(used.get()))),
            List.of(publishedPath(group))));
      }
    }
    return Optional.empty();
  }

  /**
   * What a missing number lacks: the words the report prints, and whether {@code --download} supplies it (the
   * only input it lacks is the recent developers' file, which that option fetches).
   */
  private record Lacking(String needs, boolean downloadSupplies) {
    static Lacking recentDevelopers() {
      return new Lacking(RECENT_DEVELOPERS, true);
    }

    static Lacking other(String needs) {
      return new Lacking(needs, false);
    }
  }

  /** A missing number: needs-download when {@code --download} supplies what it lacks. */
  private static Recomputed missing(String source, String group, String metric, Lacking lacking) {
    return lacking.downloadSupplies() ? Recomputed.needsDownload(source, group, metric, lacking.needs())
        : Recomputed.missing(source, group, metric, lacking.needs());
  }

  private Lacking needs(Group group, String metric) {
    if (LOG_ROWS.contains(metric)) {
      return Lacking.other(group == Group.BOTH
          ? "the published rq1_dataset_stats_legacy.csv and rq1_dataset_stats_recent.csv, or both groups' commit logs"
          : StudyFiles.commitsCsv(group) + " and " + StudyFiles.evolutionCsv(group) + " (Git LFS only)");
    }
    if (OLD_BIN.equals(metric) || OLD_BIN_PCT.equals(metric)) {
      return Lacking.other(StudyFiles.commitsCsv(group) + " (its trees; Git LFS only)");
    }
    List<Group> groups = group == Group.BOTH ? List.of(Group.RECENT, Group.LEGACY) : List.of(group);
    List<String> lacking = groups.stream().flatMap(g -> additionsNeeded(g, metric).stream()).toList();
    String files = String.join(" and ",
        lacking.stream().map(f -> f.equals(StudyFiles.notByTool(Group.RECENT)) ? RECENT_DEVELOPERS : f).toList());
    return new Lacking(group == Group.BOTH && !MAX_DATE.equals(metric) ? GROUP_TABLES_OR + files : files,
        lacking.equals(List.of(StudyFiles.notByTool(Group.RECENT))));
  }

  /**
   * The addition files of {@code group} that {@code metric} needs and the data lack: the
   * converter's file for the converter's numbers, both files for the others.
   */
  private List<String> additionsNeeded(Group group, String metric) {
    List<String> files = new ArrayList<>(List.of(StudyFiles.byTool(group)));
    if (!TOOL_COMMITS.equals(metric) && !TOOL_REPOS.equals(metric)) {
      files.add(StudyFiles.notByTool(group));
    }
    files.removeAll(data.group(group).files());
    return files;
  }

  /**
   * The printed outputs of {@code rq1_analysis.ipynb}: its final saved run is for the recent group
   * ({@link Rq1#NOTEBOOK}); an earlier commit's saved run is for the legacy group
   * ({@link Rq1#NOTEBOOK_LEGACY_RUN}, study commit 7cf3fedf8, the same data files).
   */
  private void notebook(Map<Group, Rq1Group> groups) {
    Map<Group, String> runs = Map.of(NOTEBOOK_GROUP, NOTEBOOK, Group.LEGACY, NOTEBOOK_LEGACY_RUN);
    for (Group run : List.of(NOTEBOOK_GROUP, Group.LEGACY)) {
      String source = runs.get(run);
      String group = run.fileSuffix();
      Optional<Rq1Group> result = Optional.ofNullable(groups.get(run));
      for (String metric : NOTEBOOK_METRICS) {
        if (data.published().value(source, group, metric).isEmpty()) {
          continue;
        }
        Optional<String> value = result.flatMap(r -> r.notebookOutputs().get(metric));
        out.add(value.map(v -> Recomputed.fromRows(source, group, metric, v, data.group(run).files()))
            .orElseGet(() -> result.isPresent() && result.get().developerAdditionsKnown()
                ? Recomputed.missing(source, group, metric,
                    "the notebook's computation fails on these rows (its running sum never reaches the threshold)")
                : missing(source, group, metric, run == Group.RECENT ? Lacking.recentDevelopers()
                    : Lacking.other(StudyFiles.notByTool(run) + " (not at hand)"))));
      }
    }
  }

  /** The 2024 iteration's {@code rq1_dataset_stats.csv}: its commit-log rows need logs that were not kept. */
  private void iteration2024(Optional<MetricsTable> recomputed) {
    String source = "rq1_dataset_stats.csv";
    List<String> inputs = data.iteration2024().map(i -> i.additions().stream().map(f -> f.name()).toList())
        .orElse(List.of());
    for (PublishedNumber p : data.published().numbers()) {
      if (!p.source().equals(source)) {
        continue;
      }
      Optional<String> value = recomputed.flatMap(t -> t.get(p.metric()));
      if (value.isEmpty() && p.metric().equals(OLD_FILES_PCT_2024)) {
        Optional<Recomputed> share = oldFilesShare2024(source, p.metric());
        if (share.isPresent()) {
          out.add(share.get());
          continue;
        }
      }
      out.add(value.map(v -> Recomputed.fromRows(source, "", p.metric(), v, inputs))
          .orElseGet(() -> Recomputed.missing(source, "", p.metric(), recomputed.isPresent() ? ITERATION_2024_LOGS
              : StudyFiles.BY_TOOL_2024 + " and " + StudyFiles.NOT_BY_TOOL_2024)));
    }
  }

  /** Suffix of a heat-map cell's metric in the transcript: {@code <date>: added safetensors file rows}. */
  static final String HEATMAP_CELL = ": added safetensors file rows";

  /**
   * Every labelled cell of the study's heat maps ({@code RQ1Heatmap_{group}.pdf}): the added
   * safetensors file rows of that day, from the group's rows when both its files are at hand.
   */
  private void heatmaps(Map<Group, Rq1Group> groups) {
    for (PublishedNumber p : data.published().numbers()) {
      if (!p.source().startsWith("RQ1Heatmap_") || !p.metric().endsWith(HEATMAP_CELL)) {
        continue;
      }
      Group group = Group.valueOf(p.group().toUpperCase(java.util.Locale.ROOT));
      Optional<Rq1Group> result = Optional.ofNullable(groups.get(group)).filter(Rq1Group::developerAdditionsKnown);
      java.time.LocalDate day = java.time.LocalDate.parse(
          p.metric().substring(0, p.metric().length() - HEATMAP_CELL.length()));
      out.add(result.map(r -> Recomputed.fromRows(p.source(), p.group(), p.metric(),
              r.filesPerDay().getOrDefault(day, 0), data.group(group).files()))
          .orElseGet(() -> missing(p.source(), p.group(), p.metric(), group == Group.LEGACY
              ? Lacking.other(StudyFiles.notByTool(group) + " (not at hand)") : Lacking.recentDevelopers())));
    }
  }

  static final String OLD_FILES_2024 = "# repos with old `pytorch_model.bin` file after conversion";
  static final String OLD_FILES_PCT_2024 = "% repos with old files";

  /**
   * The 2024 table's share of converted repositories that kept their old weights, by the rule of the
   * final groups' tables (repositories with old files over repositories the converter committed to):
   * the published count over the converter's repositories in the 2024 converter file.
   */
  private Optional<Recomputed> oldFilesShare2024(String source, String metric) {
    Optional<String> old = data.published().value(source, "", OLD_FILES_2024);
    Optional<List<org.modelevolution.study.SafetensorsAddition>> additions =
        data.iteration2024().map(i -> i.allAdditions());
    if (old.isEmpty() || additions.isEmpty()) {
      return Optional.empty();
    }
    long converted = additions.get().stream().filter(org.modelevolution.study.SafetensorsAddition::byConverter)
        .map(org.modelevolution.study.SafetensorsAddition::repo).distinct().count();
    if (converted == 0) {
      return Optional.empty();
    }
    List<String> inputs = new ArrayList<>(List.of("published/" + source));
    data.iteration2024().get().additions().stream().map(f -> f.name()).filter(n -> !n.contains("not_by_tool"))
        .forEach(inputs::add);
    return Optional.of(Recomputed.fromPublished(source, "", metric,
        PythonFormat.repr(PythonFormat.percent(Long.parseLong(old.get()), converted)), inputs,
        "100 × " + old.get() + " (published " + OLD_FILES_2024 + ") / " + converted
            + " (repositories with a converter commit in the 2024 converter file: input rows)"));
  }

  private Optional<String> published(Group group, String metric) {
    return data.published().value(StudyFiles.rq1Stats(group), group.fileSuffix(), metric);
  }

  private static String publishedPath(Group group) {
    return "published/" + StudyFiles.rq1Stats(group);
  }
}
