package org.modelevolution.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.modelevolution.study.RepositoryCommits;
import org.modelevolution.study.FormatHistory;
import org.modelevolution.study.Group;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.SafetensorsAddition;
import org.modelevolution.study.StudyData;
import org.modelevolution.analysis.AdditionColumns.Rows;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * RQ1: when safetensors was adopted, and how much of it came from Hugging Face's converter.
 *
 * <p>Per group (legacy, recent, both) it recomputes the study's {@code rq1_dataset_stats} rows
 * from whatever the data hold: the full inputs give every row; the published addition files give
 * the safetensors rows (all of them for legacy, the converter rows for recent unless its developer
 * file was downloaded). Rows that the inputs do not determine but the study's other published
 * tables do (the "both" sums, the leftover percentages) are recomputed by arithmetic on those
 * tables, and said so. Two tables come out per group: the study's behaviour, quirks included, and
 * the method as stated. Where they differ:
 *
 * <ul>
 *   <li>"both" commit-log rows: the study adds the two groups' values (strings concatenate, so
 *       {@code last commit date} reads {@code 2024-12-31 12:30:542024-12-30 11:22:26}) and doubles
 *       the two "adding at least one serialized model" rows (published 19200 = 2 × (4650 + 4950));
 *       the stated method counts the union once and takes the latest date.
 *   <li>"date with max number of adoptions": the study takes the mode of the elapsed days over
 *       file rows (a commit adding many files weighs more; ties go to the smallest day); the
 *       stated method counts adopting commits per day.
 *   <li>The "80%" figure of the notebook: the study sorts the repositories' first adoptions, takes
 *       the running sum of their elapsed days (not a count), and reports the first repository where
 *       that sum reaches 80% of the number of added-file rows; the stated reading is the 80th
 *       percentile of adopting commits ({@code rq1_adoption_summary_{group}.csv}).
 * </ul>
 */
public final class Rq1 {
  public static final String ALL_LOGS = "# commits in all logs (total)";
  public static final String TOUCHING = "# commits modifying/adding/deleting at least one serialized model";
  public static final String REPOS_TOUCHING =
      "# repos associated with commits modifying/adding/deleting at least one serialized model";
  public static final String ADDING = "# commits adding at least one serialized model";
  public static final String REPOS_ADDING = "# repos associated with commits adding at least one serialized model";
  public static final String CONTAINING = "# commits containing at least one model file in its tree";
  public static final String NOT_CONTAINING = "# commits not containing at least one model file";
  public static final String REPOS = "# repos";
  public static final String LAST_DATE = "last commit date";
  public static final String ST_COMMITS = "# commits adding safetensor files";
  public static final String ST_REPOS = "# repos with commits adding safetensor files";
  public static final String TOOL_COMMITS = "# commits adding safetensor files made by the converter";
  public static final String TOOL_REPOS = "# repos with commits adding safetensor files made by the converter";
  public static final String DEV_COMMITS = "# commits adding safetensor files made by developers";
  public static final String DEV_REPOS = "# repos with commits adding safetensor files made by developers";
  public static final String FIRST_DAYS = "how many days until safetensors is first added";
  public static final String MAX_DATE = "date with max number of adoptions";
  public static final String USED_TOOL = "# repos that used the conversion tool";
  public static final String OLD_BIN = "# repos with old pytorch_model.bin files after conversion";
  public static final String OLD_BIN_PCT = "% repos with old pytorch_model.bin files after conversion";

  /** Commit-log rows, in the order of the study's per-group tables. */
  static final List<String> LOG_ROWS =
      List.of(ALL_LOGS, TOUCHING, REPOS_TOUCHING, ADDING, REPOS_ADDING, CONTAINING, NOT_CONTAINING, REPOS, LAST_DATE);
  /** Commit-log rows in the order the study's "both" table holds them (the order its pandas sum produced). */
  static final List<String> BOTH_LOG_ROWS =
      List.of(LAST_DATE, NOT_CONTAINING, REPOS_TOUCHING, REPOS, CONTAINING, ADDING, TOUCHING, ALL_LOGS, REPOS_ADDING);
  /** Rows the study's "both" table doubles (2 × (legacy + recent)). */
  static final Set<String> DOUBLED_IN_BOTH = Set.of(ADDING, REPOS_ADDING);
  /** Safetensors rows of the "both" table that are sums of the group tables (the groups share no repository). */
  static final List<String> SUMMED_IN_BOTH = List.of(ST_COMMITS, ST_REPOS, DEV_COMMITS, DEV_REPOS);

  /** The notebook the study printed further RQ1 numbers in, and the group it was last run for. */
  static final String NOTEBOOK = "rq1_analysis.ipynb";
  static final Group NOTEBOOK_GROUP = Group.RECENT;
  /** The saved outputs of the notebook's run for the legacy group, at the study's commit 7cf3fedf8. */
  static final String NOTEBOOK_LEGACY_RUN = "rq1_analysis.ipynb@7cf3fedf8";
  /** The fastest adopters the notebook printed ({@code head(10)}). */
  static final int FASTEST_SHOWN = 10;
  static final String EIGHTY_DATE = "80% of the adoptions happened after";
  static final String EIGHTY_DAYS = "80% of the adoptions: days after the first safetensors release";

  private Rq1() {}

  /** RQ1 of every group the data hold additions for, with every published RQ1 number recomputed or accounted for. */
  public static Rq1Result of(StudyData data) {
    return of(data, Runnable::run);
  }

  /** RQ1, its groups computed side by side on {@code executor}; the same result as {@link #of(StudyData)}. */
  public static Rq1Result of(StudyData data, java.util.concurrent.Executor executor) {
    LogStats logStats = new LogStats(data);
    Map<Group, Rq1Group> groups = SideBySide.groups(Group.class, group -> {
      GroupData g = data.group(group);
      return !g.additions().isEmpty() || g.hasFullInputs() ? Optional.of(group(data, group, logStats))
          : Optional.empty();
    }, executor);
    Optional<MetricsTable> iteration2024 = data.iteration2024().map(i -> iteration2024(i.allAdditions()));
    List<Check> checks = new ArrayList<>(Rq1Checks.of(data));
    checks.addAll(Rq1Checks.heatmapCells(data, groups));
    return new Rq1Result(groups, iteration2024, Rq1Numbers.of(data, groups, iteration2024), checks);
  }

  /**
   * Each group's commit-log rows, computed once: the "both" group's study table adds those of
   * recent and legacy, which their own groups compute too (possibly at the same time, on another
   * thread: the second caller waits for the first's result).
   */
  private static final class LogStats {
    private final StudyData data;
    private final java.util.concurrent.ConcurrentMap<Group, Optional<MetricsTable>> computed =
        new java.util.concurrent.ConcurrentHashMap<>();

    LogStats(StudyData data) {
      this.data = data;
    }

    Optional<MetricsTable> of(Group group) {
      return computed.computeIfAbsent(group, g -> commitLogStats(data.group(g)));
    }
  }

  /** RQ1 of one group. */
  static Rq1Group group(StudyData data, Group group) {
    return group(data, group, new LogStats(data));
  }

  private static Rq1Group group(StudyData data, Group group, LogStats logStats) {
    LocalDate reference = Group.SAFETENSORS_RELEASE;
    GroupData g = data.group(group);
    MetricsTable study = new MetricsTable();
    MetricsTable stated = new MetricsTable();

    if (group == Group.BOTH) {
      Optional<MetricsTable> recent = logStats.of(Group.RECENT);
      Optional<MetricsTable> legacy = logStats.of(Group.LEGACY);
      if (recent.isPresent() && legacy.isPresent()) {
        for (String metric : BOTH_LOG_ROWS) {
          study.put(metric, combineAsStudy(metric, recent.get().get(metric).orElseThrow(),
              legacy.get().get(metric).orElseThrow()));
        }
        logStats.of(Group.BOTH).ifPresent(union -> LOG_ROWS.forEach(m -> stated.put(m, union.get(m).orElseThrow())));
      }
    } else {
      logStats.of(group).ifPresent(log -> LOG_ROWS.forEach(m -> {
        study.put(m, log.get(m).orElseThrow());
        stated.put(m, log.get(m).orElseThrow());
      }));
    }

    AdditionColumns all = AdditionColumns.of(g.additions(), reference);
    boolean complete = g.developerAdditionsKnown();
    for (MetricsTable table : List.of(study, stated)) {
      if (complete) {
        table.put(ST_COMMITS, all.commits(Rows.ALL)).put(ST_REPOS, all.repos(Rows.ALL));
      }
      table.put(TOOL_COMMITS, all.commits(Rows.CONVERTER)).put(TOOL_REPOS, all.repos(Rows.CONVERTER));
      if (complete) {
        table.put(DEV_COMMITS, all.commits(Rows.DEVELOPERS)).put(DEV_REPOS, all.repos(Rows.DEVELOPERS));
        if (all.size > 0) {
          table.put(FIRST_DAYS, all.minElapsedDays(Rows.ALL));
        }
      }
    }
    if (complete && all.size > 0) {
      study.put(MAX_DATE, all.busiestDayByFileRows(Rows.ALL).toString());
      stated.put(MAX_DATE, all.busiestDayByCommits(Rows.ALL).toString());
    }

    if (group != Group.BOTH) {
      Set<String> toolRepos = new HashSet<>();
      for (int i = 0; i < all.size; i++) {
        if (all.byConverter[i]) {
          toolRepos.add(all.repoNames[all.repo[i]]);
        }
      }
      for (MetricsTable table : List.of(study, stated)) {
        table.put(USED_TOOL, toolRepos.size());
      }
      reposStillHoldingPytorchBin(g, toolRepos).ifPresent(leftover -> {
        for (MetricsTable table : List.of(study, stated)) {
          table.put(OLD_BIN, leftover);
          table.put(OLD_BIN_PCT, PythonFormat.repr(PythonFormat.percent(leftover, toolRepos.size())));
        }
      });
    }

    Table fastest = fastestAdopters(all);
    MetricsTable notebook = complete ? notebookOutputs(all, fastest, reference) : new MetricsTable();
    return new Rq1Group(group, complete, study, stated, notebook, adoptionsByDay(all, reference), fastest,
        adoptionSummary(all, complete, reference), all.filesPerDay());
  }

  /**
   * The further numbers {@code rq1_analysis.ipynb} printed, computed the notebook's way from all
   * additions of a group (cells 4, 9, 11 and 13).
   */
  static MetricsTable notebookOutputs(AdditionColumns all, Table fastest, LocalDate reference) {
    MetricsTable out = new MetricsTable();
    if (all.size == 0) {
      return out;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long minDays = Long.MAX_VALUE;
    long maxDays = Long.MIN_VALUE;
    for (int i = 0; i < all.size; i++) {
      first = Math.min(first, all.seconds[i]);
      last = Math.max(last, all.seconds[i]);
      minDays = Math.min(minDays, all.elapsedDays[i]);
      maxDays = Math.max(maxDays, all.elapsedDays[i]);
    }
    out.put("df_safetensors['date'].min()", org.modelevolution.study.CommitTime.format(utc(first)));
    out.put("df_safetensors['date'].max()", org.modelevolution.study.CommitTime.format(utc(last)));
    out.put("df_safetensors['elapsed_days'].min()", minDays);
    out.put("df_safetensors['elapsed_days'].max()", maxDays);
    IntColumn fastestDays = fastest.intColumn("elapsed_days");
    for (int i = 0; i < Math.min(FASTEST_SHOWN, fastest.rowCount()); i++) {
      out.put("fastest adopter " + (i + 1) + ": elapsed_days", fastestDays.get(i));
    }
    int firstRows = 0;
    boolean[] firstCommits = new boolean[all.commitCount];
    long firstCommitCount = 0;
    for (int i = 0; i < all.size; i++) {
      if (all.elapsedDays[i] == minDays) {
        firstRows++;
        if (!firstCommits[all.commit[i]]) {
          firstCommits[all.commit[i]] = true;
          firstCommitCount++;
        }
      }
    }
    out.put("first adoption: rows", firstRows);
    out.put("first adoption: commits", firstCommitCount);
    studyEightyPercentDay(all.size, fastest).ifPresent(day -> {
      out.put(EIGHTY_DATE, reference.plusDays(day));
      out.put(EIGHTY_DAYS, day + " days 00:00:00");
    });
    return out;
  }

  private static java.time.LocalDateTime utc(long seconds) {
    return java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
  }

  /**
   * The notebook's "80% of the adoptions happened after" day: over the repositories' first
   * adoptions in ascending order, the first whose running sum of elapsed days reaches 80% of the
   * number of added-file rows. (A sum of days compared with a count of rows: the computation is
   * reproduced as written; the stated reading is in {@link #adoptionSummary}.) Empty when the sum
   * never gets there, where the notebook would have failed.
   */
  static Optional<Long> studyEightyPercentDay(int rows, Table fastest) {
    double threshold = 0.80 * rows;
    long cumulative = 0;
    IntColumn days = fastest.intColumn("elapsed_days");
    for (int i = 0; i < fastest.rowCount(); i++) {
      int day = days.get(i);
      cumulative += day;
      if (cumulative >= threshold) {
        return Optional.of((long) day);
      }
    }
    return Optional.empty();
  }

  /** The RQ1 safetensors rows of the 2024 iteration, formatted as its table wrote them (floats). */
  static MetricsTable iteration2024(List<SafetensorsAddition> additions) {
    AdditionColumns columns =
        AdditionColumns.of(additions, org.modelevolution.study.StudyFiles.ITERATION_2024_REFERENCE);
    long total = columns.commits(Rows.ALL);
    long tool = columns.commits(Rows.CONVERTER);
    long dev = columns.commits(Rows.DEVELOPERS);
    return new MetricsTable()
        .put(ST_COMMITS, PythonFormat.repr(total))
        .put(TOOL_COMMITS, PythonFormat.repr(tool))
        .put("% commits adding safetensor files made by the converter", PythonFormat.repr(PythonFormat.percent(tool, total)))
        .put(DEV_COMMITS, PythonFormat.repr(dev))
        .put("% commits adding safetensor files made by developers", PythonFormat.repr(PythonFormat.percent(dev, total)))
        .put(FIRST_DAYS, PythonFormat.repr(nonEmpty(columns).minElapsedDays(Rows.ALL)))
        .put(MAX_DATE, columns.busiestDayByFileRows(Rows.ALL).toString());
  }

  /** The columns, or the error the study's {@code min()} of no rows would give. */
  private static AdditionColumns nonEmpty(AdditionColumns columns) {
    if (columns.size == 0) {
      throw new java.util.NoSuchElementException("no additions");
    }
    return columns;
  }

  /** The commit-log rows of a group, from the full inputs. */
  static Optional<MetricsTable> commitLogStats(GroupData g) {
    if (!g.hasFullInputs()) {
      return Optional.empty();
    }
    Map<String, FormatHistory.Repository> evolutionRepos = g.formatHistory().get().repositories();
    long addingCommits = 0;
    long reposAdding = 0;
    for (FormatHistory.Repository repo : evolutionRepos.values()) {
      // the study counted additions in its format table: commits with a row whose file the commit added
      long adding = repo.commits().stream().filter(FormatHistory.Commit::addsFiles).count();
      addingCommits += adding;
      reposAdding += adding > 0 ? 1 : 0;
    }
    long all = 0;
    long touching = 0;
    long containing = 0;
    long reposTouching = 0;
    String last = "";
    for (RepositoryCommits c : g.commits().get().values()) {
      if (!evolutionRepos.containsKey(c.repo())) {
        continue; // the study counted the commits of the repositories in its format table
      }
      all += c.commits();
      touching += c.touching();
      containing += c.touchingWithModelInTree();
      reposTouching += c.touching() > 0 ? 1 : 0;
      if (c.lastTouching().compareTo(last) > 0) {
        last = c.lastTouching();
      }
    }
    return Optional.of(new MetricsTable()
        .put(ALL_LOGS, all)
        .put(TOUCHING, touching)
        .put(REPOS_TOUCHING, reposTouching)
        .put(ADDING, addingCommits)
        .put(REPOS_ADDING, reposAdding)
        .put(CONTAINING, containing)
        .put(NOT_CONTAINING, touching - containing)
        .put(REPOS, reposTouching)
        .put(LAST_DATE, last));
  }

  /** The study's "both" value of a commit-log row: pandas' sum of the two groups' series. */
  static String combineAsStudy(String metric, String recent, String legacy) {
    if (LAST_DATE.equals(metric)) {
      return recent + legacy; // string "sum" concatenates
    }
    long sum = Long.parseLong(recent) + Long.parseLong(legacy);
    return Long.toString(DOUBLED_IN_BOTH.contains(metric) ? 2 * sum : sum);
  }

  /**
   * Repositories that used the converter and whose newest commit's tree still holds a
   * {@code pytorch_model.bin}; empty without the commit log.
   */
  static Optional<Long> reposStillHoldingPytorchBin(GroupData g, Set<String> toolRepos) {
    if (g.commits().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(g.commits().get().values().stream()
        .filter(c -> toolRepos.contains(c.repo()) && c.newestHoldsPytorchBin()).count());
  }


  /**
   * Per elapsed day: added files, commits, converter and developer commits, and converter and
   * developer files (the study's figure plots files: value counts of {@code elapsed_days} over rows).
   */
  static Table adoptionsByDay(AdditionColumns additions, LocalDate reference) {
    TreeMap<Long, long[]> days = additions.adoptionsByDay();
    IntColumn day = IntColumn.create("elapsed_days");
    DateColumn date = DateColumn.create("date");
    IntColumn files = IntColumn.create("files");
    IntColumn commits = IntColumn.create("commits");
    IntColumn converter = IntColumn.create("converter_commits");
    IntColumn developer = IntColumn.create("developer_commits");
    IntColumn converterFiles = IntColumn.create("converter_files");
    IntColumn developerFiles = IntColumn.create("developer_files");
    days.forEach((d, c) -> {
      day.append(d.intValue());
      date.append(reference.plusDays(d));
      files.append((int) c[0]);
      commits.append((int) c[1]);
      converter.append((int) c[2]);
      developer.append((int) c[3]);
      converterFiles.append((int) c[4]);
      developerFiles.append((int) c[5]);
    });
    return Table.create("adoptions by elapsed day", day, date, files, commits, converter, developer, converterFiles,
        developerFiles);
  }

  /** Repositories by the elapsed days of their first safetensors addition; ties by repository id. */
  static Table fastestAdopters(AdditionColumns additions) {
    int repos = additions.repoNames.length;
    long[] first = new long[repos];
    boolean[] firstByTool = new boolean[repos];
    java.util.Arrays.fill(first, Long.MAX_VALUE);
    for (int i = 0; i < additions.size; i++) {
      int r = additions.repo[i];
      if (additions.elapsedDays[i] < first[r]) {
        first[r] = additions.elapsedDays[i];
        firstByTool[r] = additions.byConverter[i];
      }
    }
    Integer[] sorted = new Integer[repos];
    for (int r = 0; r < repos; r++) {
      sorted[r] = r;
    }
    String[] names = additions.repoNames;
    java.util.Arrays.sort(sorted, Comparator.<Integer>comparingLong(r -> first[r]).thenComparing(r -> names[r]));
    StringColumn repo = StringColumn.create("repo_url");
    IntColumn days = IntColumn.create("elapsed_days");
    StringColumn how = StringColumn.create("first_addition_by");
    for (int r : sorted) {
      repo.append(names[r]);
      days.append((int) first[r]);
      how.append(firstByTool[r] ? "converter" : "developer");
    }
    return Table.create("fastest adopters", repo, days, how);
  }

  /**
   * Further figures of the RQ1 text, each named with its method: the 80% figure both as a
   * percentile (the stated reading) and as a share of the observation window (a reading that is
   * not a percentile).
   */
  static MetricsTable adoptionSummary(AdditionColumns all, boolean complete, LocalDate reference) {
    MetricsTable summary = new MetricsTable();
    Rows basis = complete ? Rows.ALL : Rows.CONVERTER;
    String scope = complete ? "adoption commits" : "converter adoption commits (developer additions unavailable)";
    if (!all.any(basis)) {
      return summary;
    }
    long[] days = all.sortedCommitDays(basis);
    int rank = (int) Math.ceil(0.8 * days.length); // nearest-rank percentile
    long p80 = days[Math.max(rank, 1) - 1];
    long maxDay = days[days.length - 1];
    long window = (long) Math.floor(0.8 * maxDay);
    long within = java.util.Arrays.stream(days).filter(d -> d <= window).count();
    summary.put("scope", scope);
    summary.put("days by which 80% of " + scope + " had happened (80th percentile of elapsed days, nearest rank: the"
        + " study's stated reading)", p80);
    summary.put("date by which 80% of " + scope + " had happened (the stated reading)", reference.plusDays(p80));
    summary.put("80% of the observation window, in days (0.8 x the last elapsed day; another reading of the 80%"
        + " figure, not a percentile)", window);
    summary.put("% of " + scope + " within that 80% of the window (not a percentile)",
        PythonFormat.repr(PythonFormat.percent(within, days.length)));
    summary.put("busiest day counted in adopting commits (the stated unit)", all.busiestDayByCommits(basis));
    summary.put("busiest day counted in added files (the study's code: the most frequent elapsed day over file rows)",
        all.busiestDayByFileRows(basis));
    return summary;
  }
}
