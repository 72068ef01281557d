package org.modelevolution.mining;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The study's commit date form, {@code YYYY-MM-DD HH:MM:SS} (UTC, no zone). */
final class StudyDates {
  private static final DateTimeFormatter COMMIT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private StudyDates() {}

  static String commitDate(Instant instant) {
    return COMMIT_DATE.format(instant);
  }
}
