package org.modelevolution.github;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A window of creation times {@code [start, end)} in UTC, searched with a {@code created:}
 * qualifier. GitHub returns at most 1,000 results per query, so a window whose
 * {@code total_count} is above that is {@link #split() bisected}: whole days while it spans more
 * than a day, then whole hours; a one-hour window is the smallest.
 */
public record CreatedRange(Instant start, Instant end) implements Comparable<CreatedRange> {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  public CreatedRange {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("empty range " + start + ".." + end);
    }
    if (!start.truncatedTo(ChronoUnit.HOURS).equals(start) || !end.truncatedTo(ChronoUnit.HOURS).equals(end)) {
      throw new IllegalArgumentException("range bounds must be whole hours: " + start + ".." + end);
    }
  }

  /** The calendar months covering {@code from} to {@code until} (both inclusive), in order. */
  public static List<CreatedRange> months(LocalDate from, LocalDate until) {
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("until " + until + " is before " + from);
    }
    List<CreatedRange> months = new ArrayList<>();
    LocalDate cursor = from;
    LocalDate stop = until.plusDays(1);
    while (cursor.isBefore(stop)) {
      LocalDate next = cursor.withDayOfMonth(1).plusMonths(1);
      if (next.isAfter(stop)) {
        next = stop;
      }
      months.add(new CreatedRange(midnight(cursor), midnight(next)));
      cursor = next;
    }
    return months;
  }

  /** The search qualifier; both ends of GitHub's {@code a..b} are inclusive. */
  public String qualifier() {
    if (isWholeDays()) {
      return "created:" + DAY.format(start) + ".." + DAY.format(end.minus(1, ChronoUnit.DAYS));
    }
    return "created:" + SECOND.format(start) + ".." + SECOND.format(end.minusSeconds(1));
  }

  public boolean canSplit() {
    return duration().compareTo(Duration.ofHours(1)) > 0;
  }

  /** Two halves: by whole days while the range spans more than one day, then by whole hours. */
  public List<CreatedRange> split() {
    if (!canSplit()) {
      throw new IllegalStateException(this + " is already the smallest window");
    }
    Instant middle = duration().compareTo(Duration.ofDays(1)) > 0 && isWholeDays()
        ? start.plus(duration().toDays() / 2, ChronoUnit.DAYS)
        : start.plus(duration().toHours() / 2, ChronoUnit.HOURS);
    return List.of(new CreatedRange(start, middle), new CreatedRange(middle, end));
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** A key that sorts by start, then by end: the order of checkpoint entries. */
  public String key() {
    return SECOND.format(start) + ".." + SECOND.format(end);
  }

  @Override
  public int compareTo(CreatedRange other) {
    return key().compareTo(other.key());
  }

  @Override
  public String toString() {
    return qualifier();
  }

  private boolean isWholeDays() {
    return start.truncatedTo(ChronoUnit.DAYS).equals(start) && end.truncatedTo(ChronoUnit.DAYS).equals(end);
  }

  private static Instant midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
