package org.modelevolution.study;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Commit times as the study wrote them: {@code YYYY-MM-DD HH:MM:SS}, no zone. */
public final class CommitTime {
  public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CommitTime() {}

  public static LocalDateTime parse(String text) {
    String trimmed = text.trim();
    LocalDateTime plain = plain(trimmed);
    if (plain != null) {
      return plain;
    }
    try {
      return LocalDateTime.parse(trimmed, FORMAT);
    } catch (RuntimeException e) {
      throw new StudyDataException("not a commit time 'YYYY-MM-DD HH:MM:SS': '" + text + "'", e);
    }
  }

  /**
   * The time of a plainly valid {@code YYYY-MM-DD HH:MM:SS} (ASCII digits, year from 1, a real
   * day, hour 0-23), read by hand; null for anything else, which {@link #FORMAT} then reads as
   * before. Every input the fast path accepts is one the formatter gives the same time for
   * ({@code CommitTimeTest}); it is there because the formatter's general machinery, called once per
   * commit, was among the code the JIT spent longest compiling while the inputs load (JFR), besides
   * its own cost per call.
   */
  private static LocalDateTime plain(String s) {
    if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second);
  }

  /** The value of the ASCII digits {@code s[from, from + count)}, or -1 when one is not a digit. */
  static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = 10 * value + (c - '0');
    }
    return value;
  }

  public static String format(LocalDateTime time) {
    return FORMAT.format(time);
  }

  /**
   * Whole days from the reference date's midnight to {@code time}, rounded down like pandas'
   * {@code Timedelta.days}.
   */
  public static long elapsedDays(LocalDate reference, LocalDateTime time) {
    long seconds = ChronoUnit.SECONDS.between(reference.atStartOfDay(), time);
    return Math.floorDiv(seconds, 86_400L);
  }
}
