package org.modelevolution.study;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A repository's rows of {@code selected_{group}_commits.csv}, reduced while the log streams to
 * what the analyses use of them; the long {@code changed_files} and {@code all_files_in_tree}
 * fields are scanned, never kept. Commit times are compared as written
 * ({@code YYYY-MM-DD HH:MM:SS}), as the study's code compared them.
 *
 * <p>Times are kept as epoch seconds (a commit time written in any other way than
 * {@code YYYY-MM-DD HH:MM:SS} with a four-digit year keeps its text as well, so that it compares
 * and prints as written): a repository costs well under a hundred bytes here, which matters at the
 * whole Hub's millions of repositories.
 */
public final class RepositoryCommits {
  /** {@link #lastTouching} when no commit touches a model file. */
  private static final long NONE = Long.MIN_VALUE;

  private final String repo;
  private final long commits;
  private final long touching;
  private final long touchingWithModelInTree;
  private final long lastTouching;
  /** The text of {@link #lastTouching} when it is not written canonically, else null. */
  private final String lastTouchingText;
  private final long first;
  private final long newest;
  /** The text of {@link #newest} when it is not written canonically, else null. */
  private final String newestText;
  private final boolean newestHoldsPytorchBin;

  private RepositoryCommits(String repo, long commits, long touching, long touchingWithModelInTree, long lastTouching,
      String lastTouchingText, long first, long newest, String newestText, boolean newestHoldsPytorchBin) {
    this.repo = repo;
    this.commits = commits;
    this.touching = touching;
    this.touchingWithModelInTree = touchingWithModelInTree;
    this.lastTouching = lastTouching;
    this.lastTouchingText = lastTouchingText;
    this.first = first;
    this.newest = newest;
    this.newestText = newestText;
    this.newestHoldsPytorchBin = newestHoldsPytorchBin;
  }

  /** Repository id. */
  public String repo() {
    return repo;
  }

  /** The repository's commits. */
  public long commits() {
    return commits;
  }

  /** Commits with an entry of {@code changed_files} with a model-file suffix (any status). */
  public long touching() {
    return touching;
  }

  /** Of those, the commits whose tree afterwards holds a model file. */
  public long touchingWithModelInTree() {
    return touchingWithModelInTree;
  }

  /** The latest commit time among the touching commits, as written; {@code ""} when none. */
  public String lastTouching() {
    return lastTouchingText != null ? lastTouchingText : lastTouching == NONE ? "" : text(lastTouching);
  }

  /** The earliest commit time. */
  public LocalDateTime first() {
    return LocalDateTime.ofEpochSecond(first, 0, ZoneOffset.UTC);
  }

  /** The newest commit time (of the first such commit in file order), as written. */
  public String newest() {
    return newestText != null ? newestText : text(newest);
  }

  /** Whether the newest commit's tree holds {@code pytorch_model.bin} at its root. */
  public boolean newestHoldsPytorchBin() {
    return newestHoldsPytorchBin;
  }

  /** The repository's commits of {@code earlier} followed by those of {@code later} (another table, or shard). */
  static RepositoryCommits merge(RepositoryCommits earlier, RepositoryCommits later) {
    boolean laterIsNewer = compare(later.newest, later.newestText, earlier.newest, earlier.newestText) > 0;
    boolean laterTouchedLast = compare(later.lastTouching, later.lastTouchingText, earlier.lastTouching,
        earlier.lastTouchingText) > 0;
    RepositoryCommits lastTouching = laterTouchedLast ? later : earlier;
    RepositoryCommits newest = laterIsNewer ? later : earlier;
    return new RepositoryCommits(earlier.repo, earlier.commits + later.commits, earlier.touching + later.touching,
        earlier.touchingWithModelInTree + later.touchingWithModelInTree,
        lastTouching.lastTouching, lastTouching.lastTouchingText,
        Math.min(earlier.first, later.first), newest.newest, newest.newestText, newest.newestHoldsPytorchBin);
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
    long seconds = time.toEpochSecond(ZoneOffset.UTC);
    String text = isCanonical(date, time) ? null : date;
    return new RepositoryCommits(repo, 1, touchesModel ? 1 : 0, touchesModel && modelInTree ? 1 : 0,
        touchesModel ? seconds : NONE, touchesModel ? text : null, seconds, seconds, text, pytorchBinInTree);
  }

  /**
   * Whether this log's newest commit takes the place of {@code earlier}'s when this log follows it
   * (as {@link #merge} decides): only then can this log's tree flag matter.
   */
  boolean newerThan(RepositoryCommits earlier) {
    return compare(newest, newestText, earlier.newest, earlier.newestText) > 0;
  }

  /** This log of one commit, with what its tree holds (a model file; {@code pytorch_model.bin} at the root). */
  RepositoryCommits withTree(boolean modelInTree, boolean pytorchBinInTree) {
    if (commits != 1) {
      throw new IllegalStateException("a tree belongs to one commit, not to a log of " + commits);
    }
    return new RepositoryCommits(repo, 1, touching, touching == 1 && modelInTree ? 1 : 0, lastTouching,
        lastTouchingText, first, newest, newestText, pytorchBinInTree);
  }

  /**
   * Whether {@code date} is the four-digit-year form of {@code time} exactly: then the text
   * follows from the seconds, and comparing the seconds compares the texts.
   */
  private static boolean isCanonical(String date, LocalDateTime time) {
    // compared digit by digit with what CommitTime.format writes ("yyyy-MM-dd HH:mm:ss"), without
    // formatting: the formatter's machinery, once per commit, was a visible share of the log's read
    return date.length() == 19 && time.getYear() >= 1000 && time.getYear() <= 9999
        && digitsAre(date, 0, 4, time.getYear()) && date.charAt(4) == '-' && digitsAre(date, 5, 2, time.getMonthValue())
        && date.charAt(7) == '-' && digitsAre(date, 8, 2, time.getDayOfMonth()) && date.charAt(10) == ' '
        && digitsAre(date, 11, 2, time.getHour()) && date.charAt(13) == ':' && digitsAre(date, 14, 2, time.getMinute())
        && date.charAt(16) == ':' && digitsAre(date, 17, 2, time.getSecond());
  }

  /** Whether {@code s[from, from + count)} is {@code value} in ASCII decimal, zero-padded to {@code count} digits. */
  private static boolean digitsAre(String s, int from, int count, int value) {
    int v = value;
    for (int i = from + count - 1; i >= from; i--) {
      if (s.charAt(i) != '0' + v % 10) {
        return false;
      }
      v /= 10;
    }
    return v == 0;
  }

  private static String text(long seconds) {
    return CommitTime.format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
  }

  /** Compares two commit times as their texts compare ({@code NONE} as {@code ""}). */
  private static int compare(long a, String aText, long b, String bText) {
    if (aText == null && bText == null) {
      // canonical texts (or none, the smallest) compare as their times
      return Long.compare(a, b);
    }
    String x = aText != null ? aText : a == NONE ? "" : text(a);
    String y = bText != null ? bText : b == NONE ? "" : text(b);
    return x.compareTo(y);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepositoryCommits r && repo.equals(r.repo) && commits == r.commits && touching == r.touching
        && touchingWithModelInTree == r.touchingWithModelInTree && lastTouching().equals(r.lastTouching())
        && first == r.first && newest().equals(r.newest()) && newestHoldsPytorchBin == r.newestHoldsPytorchBin;
  }

  @Override
  public int hashCode() {
    return Objects.hash(repo, commits, touching, lastTouching(), first, newest());
  }

  @Override
  public String toString() {
    return "RepositoryCommits[" + repo + ", " + commits + " commits, " + touching + " touching, newest " + newest()
        + "]";
  }
}
