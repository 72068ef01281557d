package org.modelevolution.analysis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.modelevolution.study.CommitSummary;
import org.modelevolution.study.CommitTime;
import org.modelevolution.study.EvolutionRow;
import org.modelevolution.study.Group;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.StudyData;

/**
 * RQ2: how the mix of serialization formats evolved.
 *
 * <ul>
 *   <li>By repository creation month, two ways: the study's code ({@link StudyRepoCreationShares});
 *       and the stated method, the formats of the model files each repository added
 *       first (its earliest commit adding model files), as shares of all such files of the
 *       repositories created that month. The creation date is the Hub's {@code createdAt},
 *       corrected to the repository's first commit when {@code createdAt} is the Hub's sentinel
 *       (2022-03-02T23:29, given to every repository created before then).
 *   <li>By year, two ways: the study's code, whose filter meant to keep each repository's last
 *       commit of the year keeps every row, so all model-file rows of the year's commits count;
 *       and the stated method, each repository's tree at its last commit of the year, carried
 *       forward to later years without commits.
 * </ul>
 *
 * Formats reported are the determined ones; {@code undetermined} rows are left out, as in the
 * study's tables.
 */
public final class Rq2 {
  /** The Hub's {@code createdAt} placeholder for repositories older than 2022-03-02 23:29. */
  public static final LocalDateTime CREATED_AT_SENTINEL = LocalDateTime.of(2022, 3, 2, 23, 29);
  /** The last year of the study's commit window. */
  static final int LAST_YEAR = 2024;

  private Rq2() {}

  /** RQ2 of every group with the full inputs, with every published RQ2 number recomputed or accounted for. */
  public static Rq2Result of(StudyData data) {
    Map<Group, Rq2Group> groups = new java.util.EnumMap<>(Group.class);
    for (Group group : Group.values()) {
      group(data, group).ifPresent(result -> groups.put(group, result));
    }
    return new Rq2Result(groups, Rq2Numbers.of(data, groups), Rq2Numbers.checks(data));
  }

  /** RQ2 of a group; empty without the full inputs. */
  static Optional<Rq2Group> group(StudyData data, Group group) {
    GroupData g = data.group(group);
    if (!g.hasFullInputs()) {
      return Optional.empty();
    }
    Map<String, List<Commit>> history = commitsByRepo(g.evolution().get());
    return Optional.of(new Rq2Group(group, StudyRepoCreationShares.of(g.evolution().get(), g.createdAt().get()),
        byCreationMonth(g, history), yearlyAllRows(g.evolution().get()), yearlyLastCommitCarriedForward(history),
        notebookOutputs(g)));
  }

  /** The dates {@code rq2_analysis.ipynb} printed (cells 10 and 15), computed its way. */
  static MetricsTable notebookOutputs(GroupData g) {
    List<EvolutionRow> rows = g.evolution().get();
    Map<String, Instant> createdAt = g.createdAt().get();
    MetricsTable out = new MetricsTable();
    if (rows.isEmpty()) {
      return out;
    }
    LocalDateTime createdMin = null;
    LocalDateTime createdMax = null;
    LocalDateTime adjustedMin = null;
    LocalDateTime adjustedMax = null;
    Map<String, LocalDateTime> lastOfYear = new HashMap<>();
    for (EvolutionRow row : rows) {
      Instant created = createdAt.get(row.repo());
      if (created != null) {
        LocalDateTime c = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
        // the notebook replaces each row's creation time by the row's commit time when that is earlier
        LocalDateTime adjusted = c.isAfter(row.date()) ? row.date() : c;
        createdMin = min(createdMin, c);
        createdMax = max(createdMax, c);
        adjustedMin = min(adjustedMin, adjusted);
        adjustedMax = max(adjustedMax, adjusted);
      }
      lastOfYear.merge(row.repo() + '\u0000' + row.date().getYear(), row.date(), Rq2::max);
    }
    if (createdMin != null) {
      out.put("created_at min (before adjustment)", utc(createdMin));
      out.put("created_at max (before adjustment)", utc(createdMax));
      out.put("created_at min (after adjustment)", utc(adjustedMin));
      out.put("created_at max (after adjustment)", utc(adjustedMax));
    }
    // carried-forward years reuse an earlier year's last commit, so they move neither end
    out.put("last commit per year: min date", utc(lastOfYear.values().stream().min(LocalDateTime::compareTo).get()));
    out.put("last commit per year: max date", utc(lastOfYear.values().stream().max(LocalDateTime::compareTo).get()));
    return out;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /** A time as pandas prints a UTC timestamp. */
  private static String utc(LocalDateTime time) {
    return org.modelevolution.study.CommitTime.format(time) + "+00:00";
  }

  /** Whether a format is a determined one (the study's tables leave {@code undetermined} out). */
  static boolean determined(String format) {
    return !format.toLowerCase(Locale.ROOT).startsWith("undetermined");
  }

  /** A model-touching commit of a repository and its rows, in file order. */
  record Commit(String hash, LocalDateTime date, List<EvolutionRow> rows) {}

  static Map<String, List<Commit>> commitsByRepo(List<EvolutionRow> rows) {
    Map<String, Map<String, Commit>> byRepo = new LinkedHashMap<>();
    for (EvolutionRow row : rows) {
      byRepo.computeIfAbsent(row.repo(), r -> new LinkedHashMap<>())
          .computeIfAbsent(row.commit(), c -> new Commit(c, row.date(), new ArrayList<>())).rows().add(row);
    }
    Map<String, List<Commit>> history = new LinkedHashMap<>();
    byRepo.forEach((repo, commits) -> {
      List<Commit> list = new ArrayList<>(commits.values());
      list.sort(java.util.Comparator.comparing(Commit::date)); // stable: file order breaks ties
      history.put(repo, list);
    });
    return history;
  }

  static FormatShares byCreationMonth(GroupData g, Map<String, List<Commit>> history) {
    Map<String, LocalDateTime> firstCommit = new HashMap<>();
    for (CommitSummary c : g.commits().get()) {
      LocalDateTime date = CommitTime.parse(c.date());
      firstCommit.merge(c.repo(), date, (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<String, Instant> createdAt = g.createdAt().get();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, Long> repositories = new TreeMap<>(); // the figure's n: repositories behind each month's shares
    history.forEach((repo, commits) -> {
      Instant created = createdAt.get(repo);
      if (created == null) {
        return;
      }
      LocalDateTime creation = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
      if (creation.withSecond(0).withNano(0).equals(CREATED_AT_SENTINEL) && firstCommit.containsKey(repo)) {
        creation = firstCommit.get(repo);
      }
      String month = String.format(Locale.ROOT, "%04d-%02d", creation.getYear(), creation.getMonthValue());
      for (Commit commit : commits) {
        List<EvolutionRow> added = commit.rows().stream().filter(r -> "+".equals(r.changeStatus())).toList();
        if (!added.isEmpty()) {
          Map<String, Long> perFormat = counts.computeIfAbsent(month, m -> new TreeMap<>());
          added.stream().filter(r -> determined(r.format())).forEach(r -> perFormat.merge(r.format(), 1L, Long::sum));
          if (added.stream().anyMatch(r -> determined(r.format()))) {
            repositories.merge(month, 1L, Long::sum);
          }
          break;
        }
      }
    });
    return FormatShares.fromCounts("created_at_month_year", counts, repositories, "repositories");
  }

  static FormatShares yearlyAllRows(List<EvolutionRow> rows) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (EvolutionRow row : rows) {
      if (determined(row.format())) {
        counts.computeIfAbsent(Integer.toString(row.date().getYear()), y -> new TreeMap<>()).merge(row.format(), 1L, Long::sum);
      }
    }
    return FormatShares.fromCounts("year", counts);
  }

  static FormatShares yearlyLastCommitCarriedForward(Map<String, List<Commit>> history) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    history.forEach((repo, commits) -> {
      int index = 0;
      Commit snapshot = null;
      int firstYear = commits.get(0).date().getYear();
      for (int year = firstYear; year <= LAST_YEAR; year++) {
        while (index < commits.size() && commits.get(index).date().getYear() <= year) {
          snapshot = commits.get(index++);
        }
        Map<String, Long> perFormat = counts.computeIfAbsent(Integer.toString(year), y -> new TreeMap<>());
        snapshot.rows().stream().filter(r -> determined(r.format())).forEach(r -> perFormat.merge(r.format(), 1L, Long::sum));
      }
    });
    return FormatShares.fromCounts("year", counts);
  }
}
