package org.modelevolution.study;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One safetensors file added by a commit: a row of the study's {@code df_safetensors} (format
 * safetensors, change status {@code +}), as read from the full inputs or from the published
 * {@code safetensors_commits_[not_]by_tool_*.csv} files. The added file's path is not kept: no
 * number of the study reads it, and it is the one string of a row that no other row shares. The
 * commit time is kept as epoch seconds (commit times are whole seconds, no zone), not as a
 * {@link LocalDateTime} of three objects.
 *
 * @param repo repository id {@code owner/name}
 * @param commit commit hash
 * @param seconds commit time, epoch seconds of the time as written (UTC)
 * @param byConverter whether the commit message contains the converter's text
 */
public record SafetensorsAddition(
    String repo, String commit, long seconds, boolean byConverter) {

  public SafetensorsAddition(String repo, String commit, LocalDateTime date, boolean byConverter) {
    this(repo, commit, FormatHistory.seconds(date), byConverter);
  }

  /** The text the study searched commit messages for to recognise converter commits. */
  public static final String CONVERTER_MESSAGE = "Adding `safetensors` variant of this model";

  public static boolean isConverterMessage(String message) {
    return message.contains(CONVERTER_MESSAGE);
  }

  /** Commit time. */
  public LocalDateTime date() {
    return FormatHistory.time(seconds);
  }

  public long elapsedDays(LocalDate reference) {
    return Math.floorDiv(seconds - reference.toEpochSecond(java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC),
        86_400L);
  }

  /** The (repository, commit) pair the study counted commits by. */
  public String commitKey() {
    return repo + '\u0000' + commit;
  }
}
