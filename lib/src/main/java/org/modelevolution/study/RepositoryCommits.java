package org.modelevolution.study;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repository's rows of {@code selected_{group}_commits.csv}, reduced while the log streams to
 * what the analyses use of them; the long {@code changed_files} and {@code all_files_in_tree}
 * fields are scanned, never kept. Commit times are compared as written
 * ({@code YYYY-MM-DD HH:MM:SS}), as the study's code compared them.
 *
 * @param repo repository id
 * @param commits the repository's commits
 * @param touching commits with an entry of {@code changed_files} with a model-file suffix (any status)
 * @param touchingWithModelInTree of those, the commits whose tree afterwards holds a model file
 * @param lastTouching the latest commit time among the touching commits, {@code ""} when none
 * @param first the earliest commit time
 * @param newest the newest commit time (of the first such commit in file order)
 * @param newestHoldsPytorchBin whether that commit's tree holds {@code pytorch_model.bin} at its root
 */
public record RepositoryCommits(
    String repo,
    long commits,
    long touching,
    long touchingWithModelInTree,
    String lastTouching,
    LocalDateTime first,
    String newest,
    boolean newestHoldsPytorchBin) {

  /** The repository's commits of {@code earlier} followed by those of {@code later} (another table, or shard). */
  static RepositoryCommits merge(RepositoryCommits earlier, RepositoryCommits later) {
    boolean laterIsNewer = later.newest.compareTo(earlier.newest) > 0;
    return new RepositoryCommits(earlier.repo, earlier.commits + later.commits, earlier.touching + later.touching,
        earlier.touchingWithModelInTree + later.touchingWithModelInTree,
        later.lastTouching.compareTo(earlier.lastTouching) > 0 ? later.lastTouching : earlier.lastTouching,
        later.first.isBefore(earlier.first) ? later.first : earlier.first,
        laterIsNewer ? later.newest : earlier.newest,
        laterIsNewer ? later.newestHoldsPytorchBin : earlier.newestHoldsPytorchBin);
  }

  /** Two logs, {@code first}'s rows followed by {@code second}'s: a repository in both is merged. */
  static Map<String, RepositoryCommits> concat(Map<String, RepositoryCommits> first,
      Map<String, RepositoryCommits> second) {
    Map<String, RepositoryCommits> all = new LinkedHashMap<>(first);
    second.forEach((repo, commits) -> all.merge(repo, commits, RepositoryCommits::merge));
    return Collections.unmodifiableMap(all);
  }

  /** One commit of the repository's log, as a log of one commit. */
  static RepositoryCommits of(String repo, String date, boolean touchesModel, boolean modelInTree,
      boolean pytorchBinInTree) {
    LocalDateTime time = CommitTime.parse(date);
    return new RepositoryCommits(repo, 1, touchesModel ? 1 : 0, touchesModel && modelInTree ? 1 : 0,
        touchesModel ? date : "", time, date, pytorchBinInTree);
  }
}
