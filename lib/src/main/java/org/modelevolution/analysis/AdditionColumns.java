package org.modelevolution.analysis;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.study.SafetensorsAddition;

/**
 * A group's safetensors additions as columns, made once per group for RQ1's many counts: each row's
 * repository and (repository, commit) pair as a dense id (numbered by first appearance), its
 * elapsed days since the reference date, its calendar day and whether the converter made it. Counting
 * distinct commits then marks ids in an array instead of hashing a concatenated key string per row,
 * and per-day counts index arrays instead of boxing days into tree maps.
 *
 * <p>The counts follow the row order of the list they were made from, so "first row with …" means
 * what it means in the list.
 */
final class AdditionColumns {
  /** Which rows a count runs over. */
  enum Rows {
    ALL, CONVERTER, DEVELOPERS;

    boolean includes(boolean byConverter) {
      return this == ALL || (this == CONVERTER) == byConverter;
    }
  }

  final int size;
  final int[] repo;
  final String[] repoNames;
  final int[] commit;
  final int commitCount;
  /** Whole days from the reference date's midnight (UTC) to the commit time, rounded down. */
  final long[] elapsedDays;
  /** The commit time's calendar day, as epoch days. */
  final long[] calendarDay;
  final long[] seconds;
  final boolean[] byConverter;

  private AdditionColumns(List<SafetensorsAddition> additions, LocalDate reference) {
    size = additions.size();
    repo = new int[size];
    commit = new int[size];
    elapsedDays = new long[size];
    calendarDay = new long[size];
    seconds = new long[size];
    byConverter = new boolean[size];
    long referenceSeconds = reference.toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC);
    Map<String, Integer> repoIds = new HashMap<>();
    Map<CommitKey, Integer> commitIds = new HashMap<>();
    String lastRepo = null;
    String lastCommit = null;
    int lastRepoId = -1;
    int lastCommitId = -1;
    for (int i = 0; i < size; i++) {
      SafetensorsAddition a = additions.get(i);
      // rows come grouped by commit: most rows repeat the previous row's repository and commit
      if (!a.repo().equals(lastRepo)) {
        lastRepo = a.repo();
        lastRepoId = repoIds.computeIfAbsent(lastRepo, r -> repoIds.size());
        lastCommit = null;
      }
      if (!a.commit().equals(lastCommit)) {
        lastCommit = a.commit();
        lastCommitId = commitIds.computeIfAbsent(new CommitKey(lastRepoId, lastCommit), k -> commitIds.size());
      }
      repo[i] = lastRepoId;
      commit[i] = lastCommitId;
      seconds[i] = a.seconds();
      elapsedDays[i] = Math.floorDiv(a.seconds() - referenceSeconds, 86_400L);
      calendarDay[i] = Math.floorDiv(a.seconds(), 86_400L);
      byConverter[i] = a.byConverter();
    }
    repoNames = new String[repoIds.size()];
    repoIds.forEach((name, id) -> repoNames[id] = name);
    commitCount = commitIds.size();
  }

  private record CommitKey(int repo, String commit) {}

  static AdditionColumns of(List<SafetensorsAddition> additions, LocalDate reference) {
    return new AdditionColumns(additions, reference);
  }

  /** Whether any row is among {@code rows}. */
  boolean any(Rows rows) {
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i])) {
        return true;
      }
    }
    return false;
  }

  /** Distinct (repository, commit) pairs of the rows. */
  long commits(Rows rows) {
    return distinct(commit, commitCount, rows);
  }

  /** Distinct repositories of the rows. */
  long repos(Rows rows) {
    return distinct(repo, repoNames.length, rows);
  }

  private long distinct(int[] ids, int idCount, Rows rows) {
    boolean[] seen = new boolean[idCount];
    long count = 0;
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i]) && !seen[ids[i]]) {
        seen[ids[i]] = true;
        count++;
      }
    }
    return count;
  }

  /** The smallest elapsed day of the rows ({@code Long.MAX_VALUE} when there are none). */
  long minElapsedDays(Rows rows) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i])) {
        min = Math.min(min, elapsedDays[i]);
      }
    }
    return min;
  }

  /**
   * The study's busiest day: the most frequent elapsed day over the rows (the smallest of tied
   * days, as pandas' {@code mode()} sorts them), reported as the calendar date of the first such row.
   */
  LocalDate busiestDayByFileRows(Rows rows) {
    DaySlots slots = DaySlots.of(elapsedDays, size, rows, byConverter);
    int[] counts = new int[slots.count()];
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i])) {
        counts[slots.slot(elapsedDays[i])]++;
      }
    }
    int best = 0;
    for (int s = 1; s < counts.length; s++) {
      if (counts[s] > counts[best]) {
        best = s; // strictly more: the smallest day wins a tie
      }
    }
    long day = slots.day(best);
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i]) && elapsedDays[i] == day) {
        return LocalDate.ofEpochDay(calendarDay[i]);
      }
    }
    throw new java.util.NoSuchElementException("no rows");
  }

  /** The stated method's busiest day: the calendar day with the most adopting commits (earliest on ties). */
  LocalDate busiestDayByCommits(Rows rows) {
    DaySlots slots = DaySlots.of(calendarDay, size, rows, byConverter);
    int[] counts = new int[slots.count()];
    LongSet seen = new LongSet();
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i])) {
        int slot = slots.slot(calendarDay[i]);
        if (seen.add((long) slot << 32 | commit[i])) {
          counts[slot]++;
        }
      }
    }
    if (counts.length == 0) {
      throw new java.util.NoSuchElementException("no rows");
    }
    int best = 0;
    for (int s = 1; s < counts.length; s++) {
      if (counts[s] > counts[best]) {
        best = s;
      }
    }
    return LocalDate.ofEpochDay(slots.day(best));
  }

  /**
   * Per elapsed day, ascending: added files, commits, converter and developer commits (a commit
   * counts on each day it has rows, by its first row that day), converter and developer files.
   */
  TreeMap<Long, long[]> adoptionsByDay() {
    DaySlots slots = DaySlots.of(elapsedDays, size, Rows.ALL, byConverter);
    long[][] counts = new long[slots.count()][];
    LongSet seen = new LongSet();
    for (int i = 0; i < size; i++) {
      int slot = slots.slot(elapsedDays[i]);
      long[] c = counts[slot];
      if (c == null) {
        c = counts[slot] = new long[6];
      }
      c[0]++;
      c[byConverter[i] ? 4 : 5]++;
      if (seen.add((long) slot << 32 | commit[i])) {
        c[1]++;
        c[byConverter[i] ? 2 : 3]++;
      }
    }
    TreeMap<Long, long[]> days = new TreeMap<>();
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] != null) {
        days.put(slots.day(s), counts[s]);
      }
    }
    return days;
  }

  /** Rows per calendar day, ascending. */
  TreeMap<LocalDate, Integer> filesPerDay() {
    DaySlots slots = DaySlots.of(calendarDay, size, Rows.ALL, byConverter);
    int[] counts = new int[slots.count()];
    for (int i = 0; i < size; i++) {
      counts[slots.slot(calendarDay[i])]++;
    }
    TreeMap<LocalDate, Integer> perDay = new TreeMap<>();
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] > 0) {
        perDay.put(LocalDate.ofEpochDay(slots.day(s)), counts[s]);
      }
    }
    return perDay;
  }

  /**
   * Per (repository, commit) pair among the rows, its smallest elapsed day; pairs without rows
   * left out; in ascending order.
   */
  long[] sortedCommitDays(Rows rows) {
    long[] min = new long[commitCount];
    boolean[] has = new boolean[commitCount];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (rows.includes(byConverter[i])) {
        int c = commit[i];
        if (!has[c]) {
          has[c] = true;
          min[c] = elapsedDays[i];
          n++;
        } else if (elapsedDays[i] < min[c]) {
          min[c] = elapsedDays[i];
        }
      }
    }
    long[] days = new long[n];
    int k = 0;
    for (int c = 0; c < commitCount; c++) {
      if (has[c]) {
        days[k++] = min[c];
      }
    }
    Arrays.sort(days);
    return days;
  }

  /**
   * The days a count is kept for, each given a slot in ascending order: one slot per day of the
   * range when the range is small (it is a few years of days), else one per distinct day.
   */
  private static final class DaySlots {
    private final long first;
    private final long[] distinct;
    private final int count;

    private DaySlots(long first, long[] distinct, int count) {
      this.first = first;
      this.distinct = distinct;
      this.count = count;
    }

    static DaySlots of(long[] days, int size, Rows rows, boolean[] byConverter) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (rows.includes(byConverter[i])) {
          min = Math.min(min, days[i]);
          max = Math.max(max, days[i]);
          n++;
        }
      }
      if (n == 0) {
        return new DaySlots(0, null, 0);
      }
      // max - min overflows (goes negative) only for absurd days, which take the sparse path
      long range = max - min;
      if (range >= 0 && range < 4L * n + 4096) {
        return new DaySlots(min, null, (int) range + 1);
      }
      long[] all = new long[n];
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (rows.includes(byConverter[i])) {
          all[k++] = days[i];
        }
      }
      Arrays.sort(all);
      int unique = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || all[i] != all[i - 1]) {
          all[unique++] = all[i];
        }
      }
      return new DaySlots(0, Arrays.copyOf(all, unique), unique);
    }

    int count() {
      return count;
    }

    int slot(long day) {
      return distinct == null ? (int) (day - first) : Arrays.binarySearch(distinct, day);
    }

    long day(int slot) {
      return distinct == null ? first + slot : distinct[slot];
    }
  }

  /** A set of longs, open addressing: the (day, commit) pairs counted once. */
  static final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] table = newTable(1 << 10);
    private int size;
    private boolean hasEmpty;

    private static long[] newTable(int capacity) {
      long[] t = new long[capacity];
      Arrays.fill(t, EMPTY);
      return t;
    }

    /** Adds {@code value}; whether it was new. */
    boolean add(long value) {
      if (value == EMPTY) {
        boolean added = !hasEmpty;
        hasEmpty = true;
        return added;
      }
      int mask = table.length - 1;
      int i = mix(value) & mask;
      while (table[i] != EMPTY) {
        if (table[i] == value) {
          return false;
        }
        i = (i + 1) & mask;
      }
      table[i] = value;
      if (++size * 2 > table.length) {
        grow();
      }
      return true;
    }

    private void grow() {
      long[] old = table;
      table = newTable(old.length * 2);
      int mask = table.length - 1;
      for (long v : old) {
        if (v != EMPTY) {
          int i = mix(v) & mask;
          while (table[i] != EMPTY) {
            i = (i + 1) & mask;
          }
          table[i] = v;
        }
      }
    }

    private static int mix(long v) {
      long h = v * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
