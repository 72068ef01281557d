package org.modelevolution.analysis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    // the kept files by their index in the history (the history makes each file when it is read)
    List<FormatHistory.AddedFile> files = formats.addedFiles();
    int[] added = new int[files.size()];
    int kept = 0;
    List<Instant> created = new ArrayList<>();
    for (int index = 0; index < files.size(); index++) {
      FormatHistory.AddedFile file = files.get(index);
      if (undetermined(file.format())) {
        continue;
      }
      Instant hub = createdAt.get(file.repo());
      Instant committed = file.date().toInstant(ZoneOffset.UTC);
      added[kept++] = index;
      created.add(hub.compareTo(committed) <= 0 ? hub : committed);
    }
    long[] dates = new long[kept];
    for (int i = 0; i < dates.length; i++) {
      dates[i] = files.get(added[i]).date().toEpochSecond(ZoneOffset.UTC);
    }
    Set<RepoCreation> seen = new HashSet<>();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (int i : NumpyArgsort.quicksort(dates)) {
      FormatHistory.AddedFile file = files.get(added[i]);
      if (!seen.add(new RepoCreation(file.repo(), created.get(i)))) {
        continue;
      }
      if (file.format().isEmpty()) {
        continue; // a missing format is NaN in pandas, which groupby leaves out
      }
      LocalDateTime creation = LocalDateTime.ofInstant(created.get(i), ZoneOffset.UTC);
      String month = String.format(Locale.ROOT, "%04d-%02d", creation.getYear(), creation.getMonthValue());
      counts.computeIfAbsent(month, m -> new TreeMap<>()).merge(file.format(), 1L, Long::sum);
    }
    return FormatShares.fromCounts("created_at_month_year", counts);
  }

  /** The two spellings the study's code drops before anything else. */
  private static boolean undetermined(String format) {
    return format.equals("undetermined") || format.equals("UNDETERMINED (symbolic link)");
  }

  private record RepoCreation(String repo, Instant createdAt) {}
}
