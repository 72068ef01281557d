package org.modelevolution.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.modelevolution.study.RepositoryCommits;
import org.modelevolution.study.CommitTime;
import org.modelevolution.study.FormatHistory;
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
    return of(data, Runnable::run);
  }

  /** RQ2, its groups computed side by side on {@code executor}; the same result as {@link #of(StudyData)}. */
  public static Rq2Result of(StudyData data, java.util.concurrent.Executor executor) {
    Map<Group, Rq2Group> groups = SideBySide.groups(Group.class, group -> group(data, group), executor);
    return new Rq2Result(groups, Rq2Numbers.of(data, groups), Rq2Numbers.checks(data));
  }

  /** RQ2 of a group; empty without the full inputs. */
  static Optional<Rq2Group> group(StudyData data, Group group) {
    GroupData g = data.group(group);
    if (!g.hasFullInputs()) {
      return Optional.empty();
    }
    FormatHistory formats = g.formatHistory().get();
    Map<String, List<FormatHistory.Commit>> history = commitsByRepo(formats);
    return Optional.of(new Rq2Group(group, StudyRepoCreationShares.of(formats, g.createdAt().get(),
        group == Group.BOTH ? "selected_legacy_repos.json or selected_recent_repos.json"
            : "selected_" + group.fileSuffix() + "_repos.json"),
        byCreationMonth(g, history), yearlyAllRows(formats), yearlyLastCommitCarriedForward(history),
        notebookOutputs(g)));
  }

  /**
   * The dates {@code rq2_analysis.ipynb} printed (cells 10 and 15), computed its way. The
   * notebook adjusts row by row; the extremes of the adjusted dates follow from each
   * repository's earliest and latest row, as {@code min(created, date)} grows with the date.
   */
  static MetricsTable notebookOutputs(GroupData g) {
    FormatHistory formats = g.formatHistory().get();
    Map<String, Instant> createdAt = g.createdAt().get();
    MetricsTable out = new MetricsTable();
    if (formats.rows() == 0) {
      return out;
    }
    LocalDateTime createdMin = null;
    LocalDateTime createdMax = null;
    LocalDateTime adjustedMin = null;
    LocalDateTime adjustedMax = null;
    LocalDateTime lastOfYearMin = null;
    LocalDateTime lastOfYearMax = null;
    for (FormatHistory.Repository repo : formats.repositories().values()) {
      Instant created = createdAt.get(repo.id());
      if (created != null) {
        LocalDateTime c = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
        // the notebook replaces each row's creation time by the row's commit time when that is earlier
        createdMin = min(createdMin, c);
        createdMax = max(createdMax, c);
        adjustedMin = min(adjustedMin, c.isAfter(repo.firstRowDate()) ? repo.firstRowDate() : c);
        adjustedMax = max(adjustedMax, c.isAfter(repo.lastRowDate()) ? repo.lastRowDate() : c);
      }
      // per year ascending, the latest time of that year: the first year's is the least, the last year's the greatest
      lastOfYearMin = min(lastOfYearMin, repo.lastRowDateOfFirstYear());
      lastOfYearMax = max(lastOfYearMax, repo.lastRowDateOfLastYear());
    }
    if (createdMin != null) {
      out.put("created_at min (before adjustment)", utc(createdMin));
      out.put("created_at max (before adjustment)", utc(createdMax));
      out.put("created_at min (after adjustment)", utc(adjustedMin));
      out.put("created_at max (after adjustment)", utc(adjustedMax));
    }
    // carried-forward years reuse an earlier year's last commit, so they move neither end
    out.put("last commit per year: min date", utc(lastOfYearMin));
    out.put("last commit per year: max date", utc(lastOfYearMax));
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
    return CommitTime.format(time) + "+00:00";
  }

  /** Whether a format is a determined one (the study's tables leave {@code undetermined} out). */
  static boolean determined(String format) {
    return !format.toLowerCase(Locale.ROOT).startsWith("undetermined");
  }

  /** Each repository's model-touching commits in date order (stable: table order breaks ties). */
  static Map<String, List<FormatHistory.Commit>> commitsByRepo(FormatHistory formats) {
    Map<String, List<FormatHistory.Commit>> history = new LinkedHashMap<>();
    formats.repositories().forEach((repo, r) -> {
      List<FormatHistory.Commit> commits = r.commits();
      boolean sorted = true;
      for (int i = 1; i < commits.size() && sorted; i++) {
        sorted = commits.get(i - 1).seconds() <= commits.get(i).seconds();
      }
      if (sorted) {
        history.put(repo, commits); // a stable sort would leave it as it is
        return;
      }
      List<FormatHistory.Commit> list = new ArrayList<>(commits);
      list.sort(java.util.Comparator.comparingLong(FormatHistory.Commit::seconds));
      history.put(repo, list);
    });
    return history;
  }

  static FormatShares byCreationMonth(GroupData g, Map<String, List<FormatHistory.Commit>> history) {
    Map<String, RepositoryCommits> log = g.commits().get();
    Map<String, Instant> createdAt = g.createdAt().get();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, Long> repositories = new TreeMap<>(); // the figure's n: repositories behind each month's shares
    Map<Integer, String> months = new java.util.HashMap<>();
    history.forEach((repo, commits) -> {
      Instant created = createdAt.get(repo);
      if (created == null) {
        return;
      }
      LocalDateTime creation = LocalDateTime.ofInstant(created, ZoneOffset.UTC);
      if (creation.withSecond(0).withNano(0).equals(CREATED_AT_SENTINEL) && log.containsKey(repo)) {
        creation = log.get(repo).first();
      }
      LocalDateTime created0 = creation;
      String month = months.computeIfAbsent(creation.getYear() * 12 + creation.getMonthValue() - 1,
          m -> String.format(Locale.ROOT, "%04d-%02d", created0.getYear(), created0.getMonthValue()));
      for (FormatHistory.Commit commit : commits) {
        if (commit.addsFiles()) {
          Map<String, Long> perFormat = counts.computeIfAbsent(month, m -> new TreeMap<>());
          boolean anyDetermined = false;
          for (Map.Entry<String, Long> added : commit.addedFormats().entrySet()) {
            if (determined(added.getKey())) {
              perFormat.merge(added.getKey(), added.getValue(), Long::sum);
              anyDetermined = true;
            }
          }
          if (anyDetermined) {
            repositories.merge(month, 1L, Long::sum);
          }
          break;
        }
      }
    });
    return FormatShares.fromCounts("created_at_month_year", counts, repositories, "repositories");
  }

  static FormatShares yearlyAllRows(FormatHistory formats) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    formats.yearlyFormats().forEach((year, perFormat) -> perFormat.forEach((format, n) -> {
      if (determined(format)) {
        counts.computeIfAbsent(Integer.toString(year), y -> new TreeMap<>()).merge(format, n, Long::sum);
      }
    }));
    return FormatShares.fromCounts("year", counts);
  }

  static FormatShares yearlyLastCommitCarriedForward(Map<String, List<FormatHistory.Commit>> history) {
    // per year from the earliest first year to LAST_YEAR, per format (formats are few), the files summed
    int firstYear = firstYearOf(history);
    List<Map<String, long[]>> perYear = new ArrayList<>();
    for (int year = firstYear; year <= LAST_YEAR; year++) {
      perYear.add(new java.util.HashMap<>());
    }
    for (List<FormatHistory.Commit> commits : history.values()) {
      int index = 0;
      FormatHistory.Commit snapshot = null;
      for (int year = year(commits.get(0).seconds()); year <= LAST_YEAR; year++) {
        long nextYear = LocalDate.of(year + 1, 1, 1).toEpochDay() * 86_400L;
        while (index < commits.size() && commits.get(index).seconds() < nextYear) {
          snapshot = commits.get(index++);
        }
        Map<String, long[]> perFormat = perYear.get(year - firstYear);
        snapshot.formats().forEach((format, n) -> perFormat.computeIfAbsent(format, f -> new long[1])[0] += n);
      }
    }
    // every year from a repository's first to LAST_YEAR has a row, without determined files too
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (int year = firstYear; year <= LAST_YEAR; year++) {
      Map<String, Long> perFormat = new TreeMap<>();
      perYear.get(year - firstYear).forEach((format, n) -> {
        if (determined(format)) {
          perFormat.put(format, n[0]);
        }
      });
      counts.put(Integer.toString(year), perFormat);
    }
    return FormatShares.fromCounts("year", counts);
  }

  /** The earliest year any repository's carried-forward snapshots start in ({@code LAST_YEAR + 1} without any). */
  private static int firstYearOf(Map<String, List<FormatHistory.Commit>> history) {
    int first = LAST_YEAR + 1;
    for (List<FormatHistory.Commit> commits : history.values()) {
      first = Math.min(first, year(commits.get(0).seconds()));
    }
    return first;
  }

  /** The calendar year of a time in epoch seconds (UTC). */
  private static int year(long seconds) {
    return LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L)).getYear();
  }
}
