package org.modelevolution.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.modelevolution.study.FormatHistory;
import org.modelevolution.study.StudyDataException;

/**
 * The formats first added, by repository creation month, exactly as the study's code computes them
 * ({@code rq2_analysis.ipynb}, cells 4 and 10), which is what {@code RQ2FormatsRepoCreation_*.csv}
 * hold. Its steps differ from the stated method ({@link Rq2}'s stated variant):
 *
 * <ol>
 *   <li>rows whose format is {@code undetermined} or {@code UNDETERMINED (symbolic link)} are
 *       dropped first;
 *   <li>the creation date is adjusted row by row, not per repository: each row's
 *       {@code created_at} becomes that row's commit date when the commit is older than
 *       {@code createdAt}, so one repository can carry several creation dates;
 *   <li>the rows whose file the commit added ({@code change_status == "+"}) are sorted by commit
 *       date with pandas' default {@code sort_values}, numpy's unstable introsort
 *       ({@link NumpyArgsort}), which decides the order of rows with the same date;
 *   <li>{@code drop_duplicates(["repo_url", "created_at"], keep="first")} keeps one row per
 *       repository and adjusted creation date: one row (one file, not the whole first commit) for
 *       the rows dated after {@code createdAt}, plus one per distinct commit date before it;
 *   <li>each month's shares are the surviving rows' formats over the month's surviving rows.
 * </ol>
 */
final class StudyRepoCreationShares {
  private StudyRepoCreationShares() {}

  /**
   * @param formats the group's format table ("both": recent rows, then legacy)
   * @param createdAt the Hub's {@code createdAt} per repository ("both": legacy's value wins, as
   *     {@code {**recent, **legacy}} does)
   * @param selectionFiles the selection file(s) {@code createdAt} came from, to name in an error
   * @throws StudyDataException when a repository with a row of a kept format has no
   *     {@code createdAt} (the study's code stops there with a {@code KeyError}): one line naming
   *     the repository and the file, which the command line prints as it is
   */
  static FormatShares of(FormatHistory formats, Map<String, Instant> createdAt, String selectionFiles) {
    formats.repositories().values().stream()
        .filter(r -> !createdAt.containsKey(r.id()))
        .filter(r -> r.commits().stream().anyMatch(c -> c.formats().keySet().stream().anyMatch(f -> !undetermined(f))))
        .findFirst().ifPresent(r -> {
          throw new StudyDataException("repository " + r.id() + " has format rows but its record in "
              + selectionFiles + " has no created_at, so its creation month (RQ2) is unknown; the study's"
              + " code stops here too (KeyError). Add the repository's created_at to its record or drop it from"
              + " the format table.");
        });
    // the kept files by their index in the history, with their adjusted creation time: the
    // repository's createdAt (kept per repository) or, when the commit is older, the commit's time
    int files = formats.addedFiles().size();
    int[] added = new int[files];
    long[] dates = new long[files];
    Repository[] repository = new Repository[files];
    boolean[] createdIsHub = new boolean[files];
    int kept = 0;
    Map<String, Repository> repositories = new HashMap<>();
    Repository last = null;
    for (int index = 0; index < files; index++) {
      String format = formats.addedFormat(index);
      if (undetermined(format)) {
        continue;
      }
      String repo = formats.addedRepo(index);
      if (last == null || !last.id.equals(repo)) {
        last = repositories.computeIfAbsent(repo, r -> new Repository(r, createdAt.get(r)));
      }
      long committed = formats.addedSeconds(index);
      added[kept] = index;
      dates[kept] = committed;
      repository[kept] = last;
      createdIsHub[kept] = last.hubNoLaterThan(committed);
      kept++;
    }
    dates = Arrays.copyOf(dates, kept);
    Map<Integer, String> months = new HashMap<>();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (int i : NumpyArgsort.quicksort(dates)) {
      Repository repo = repository[i];
      // drop_duplicates(["repo_url", "created_at"]): the first row of each repository and adjusted creation time
      if (createdIsHub[i] ? !repo.takeHub() : !repo.takeEarlier(dates[i])) {
        continue;
      }
      String format = formats.addedFormat(added[i]);
      if (format.isEmpty()) {
        continue; // a missing format is NaN in pandas, which groupby leaves out
      }
      String month = month(createdIsHub[i] ? repo.hub.getEpochSecond() : dates[i], months);
      counts.computeIfAbsent(month, m -> new TreeMap<>()).merge(format, 1L, Long::sum);
    }
    return FormatShares.fromCounts("created_at_month_year", counts);
  }

  /** The creation month, {@code YYYY-MM}, of a time in epoch seconds (UTC); one string per month. */
  private static String month(long seconds, Map<Integer, String> months) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    return months.computeIfAbsent(day.getYear() * 12 + day.getMonthValue() - 1,
        m -> String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue()));
  }

  /** A repository's createdAt and the adjusted creation times of its rows seen so far. */
  private static final class Repository {
    final String id;
    final Instant hub;
    private boolean hubTaken;
    /** Commit times (epoch seconds) before createdAt taken as creation times: a few, in an array, else in a set. */
    private long[] earlier = new long[0];
    private Set<Long> manyEarlier;

    Repository(String id, Instant hub) {
      this.id = id;
      this.hub = hub;
    }

    /** Whether createdAt is no later than a commit time (whole seconds): then it is the row's creation time. */
    boolean hubNoLaterThan(long committed) {
      return hub.getEpochSecond() < committed || hub.getEpochSecond() == committed && hub.getNano() == 0;
    }

    /** Takes a commit time before createdAt as a creation time; whether it was not taken before. */
    boolean takeEarlier(long committed) {
      if (manyEarlier != null) {
        return manyEarlier.add(committed);
      }
      for (long taken : earlier) {
        if (taken == committed) {
          return false;
        }
      }
      if (earlier.length < 8) {
        earlier = Arrays.copyOf(earlier, earlier.length + 1);
        earlier[earlier.length - 1] = committed;
      } else {
        manyEarlier = new HashSet<>();
        for (long taken : earlier) {
          manyEarlier.add(taken);
        }
        manyEarlier.add(committed);
      }
      return true;
    }

    /** Takes createdAt as a creation time; whether it was not taken before. */
    boolean takeHub() {
      boolean fresh = !hubTaken;
      hubTaken = true;
      return fresh;
    }
  }

  /** The two spellings the study's code drops before anything else. */
  private static boolean undetermined(String format) {
    return format.equals("undetermined") || format.equals("UNDETERMINED (symbolic link)");
  }

}
