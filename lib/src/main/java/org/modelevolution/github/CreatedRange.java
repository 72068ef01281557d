package org.modelevolution.github;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A window of creation times {@code [start, end)} in UTC, searched with a {@code created:}
 * qualifier. GitHub returns at most 1,000 results per query, so a window whose
 * {@code total_count} is above that is {@link #split() bisected}: whole days while it spans more
 * than a day, then whole hours, then seconds; a one-second window is the smallest.
 *
 * <p>A window may be open at one end, like the study's first and last windows
 * ({@code created:<2020-01-01}, {@code created:>2024-09-01}): it then starts at
 * {@link #OPEN_START}, before GitHub had any issue or pull request, or ends at {@link #OPEN_END},
 * and its qualifier says so; as bounds they select exactly what the open qualifier selects.
 */
public record CreatedRange(Instant start, Instant end) implements Comparable<CreatedRange> {
  /** The start of a window open to the past: GitHub went public in 2008, with pull requests. */
  public static final Instant OPEN_START = Instant.parse("2007-10-01T00:00:00Z");
  /** The end of a window open to the future: far enough that no item is created after it. */
  public static final Instant OPEN_END = Instant.parse("2100-01-01T00:00:00Z");

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  public CreatedRange {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("empty range " + start + ".." + end);
    }
    if (start.getNano() != 0 || end.getNano() != 0) {
      throw new IllegalArgumentException("range bounds must be whole seconds: " + start + ".." + end);
    }
  }

  /** The days {@code from} to {@code until}, both inclusive, as GitHub's {@code created:from..until}. */
  public static CreatedRange days(LocalDate from, LocalDate until) {
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("until " + until + " is before " + from);
    }
    return new CreatedRange(midnight(from), midnight(until.plusDays(1)));
  }

  /** Everything created before {@code day}: GitHub's {@code created:<day}. */
  public static CreatedRange before(LocalDate day) {
    return new CreatedRange(OPEN_START, midnight(day));
  }

  /** Everything created after {@code day}: GitHub's {@code created:>day}. */
  public static CreatedRange after(LocalDate day) {
    return new CreatedRange(midnight(day.plusDays(1)), OPEN_END);
  }

  /** The part of this window inside {@code other}, if any. */
  public Optional<CreatedRange> intersect(CreatedRange other) {
    Instant from = start.isAfter(other.start) ? start : other.start;
    Instant to = end.isBefore(other.end) ? end : other.end;
    return from.isBefore(to) ? Optional.of(new CreatedRange(from, to)) : Optional.empty();
  }

  /** The search qualifier; both ends of GitHub's {@code a..b} are inclusive. */
  public String qualifier() {
    boolean openStart = start.equals(OPEN_START);
    boolean openEnd = end.equals(OPEN_END);
    if (openStart && !openEnd && isMidnight(end)) {
      return "created:<" + DAY.format(end);
    }
    if (openEnd && !openStart && isMidnight(start)) {
      return "created:>" + DAY.format(start.minus(1, ChronoUnit.DAYS));
    }
    if (isWholeDays()) {
      return "created:" + DAY.format(start) + ".." + DAY.format(end.minus(1, ChronoUnit.DAYS));
    }
    return "created:" + SECOND.format(start) + ".." + SECOND.format(end.minusSeconds(1));
  }

  public boolean canSplit() {
    return duration().compareTo(Duration.ofSeconds(1)) > 0;
  }

  /** Two halves: by whole days while the range spans more than a day, then by whole hours, then by seconds. */
  public List<CreatedRange> split() {
    if (!canSplit()) {
      throw new IllegalStateException(this + " is already the smallest window");
    }
    Instant middle;
    if (duration().compareTo(Duration.ofDays(1)) > 0 && isWholeDays()) {
      middle = start.plus(duration().toDays() / 2, ChronoUnit.DAYS);
    } else if (duration().compareTo(Duration.ofHours(1)) > 0 && isWhole(ChronoUnit.HOURS)) {
      middle = start.plus(duration().toHours() / 2, ChronoUnit.HOURS);
    } else {
      middle = start.plusSeconds(duration().toSeconds() / 2);
    }
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
    return isWhole(ChronoUnit.DAYS);
  }

  private boolean isWhole(ChronoUnit unit) {
    return start.truncatedTo(unit).equals(start) && end.truncatedTo(unit).equals(end);
  }

  private static boolean isMidnight(Instant instant) {
    return instant.truncatedTo(ChronoUnit.DAYS).equals(instant);
  }

  private static Instant midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
