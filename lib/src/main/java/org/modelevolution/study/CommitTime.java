package org.modelevolution.study;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Commit times as the study wrote them: {@code YYYY-MM-DD HH:MM:SS}, no zone. */
public final class CommitTime {
  public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CommitTime() {}

  public static LocalDateTime parse(String text) {
    try {
      return LocalDateTime.parse(text.trim(), FORMAT);
    } catch (RuntimeException e) {
      throw new StudyDataException("not a commit time 'YYYY-MM-DD HH:MM:SS': '" + text + "'", e);
    }
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
