package org.modelevolution.study;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One conversion PR after the study's RQ3 processing: its status label, whether HF staff made the
 * first human status change, the time to that first response, and its discussion activity.
 *
 * @param prUrl the PR page URL
 * @param modelId the model repository
 * @param time the {@code time} column (creation time text)
 * @param date the date part of {@code time}
 * @param title the discussion title
 * @param opener the PR author's user name
 * @param statusLabel {@code open}, {@code merged}, {@code closed}, or one of them with {@code " (has conflicts)"}
 * @param statusChanges the statuses of every status-change event, in page order
 * @param hfStaff the study's {@code was_status_changed_by_hf_staff}: the first status change not
 *     made by the bot was made by an account with {@code isHf}
 * @param firstResponse time from the discussion's creation to that first non-bot status change
 * @param activity the discussion's human activity (relevance filter)
 */
public record BotPrOutcome(
    String prUrl, String modelId, String time, LocalDate date, String title, String opener,
    String statusLabel, List<String> statusChanges, boolean hfStaff, Optional<Duration> firstResponse,
    DiscussionActivity activity) {

  public BotPrOutcome {
    statusChanges = List.copyOf(statusChanges);
  }

  public int year() {
    return date.getYear();
  }

  /**
   * Applies the study's per-PR loop to one page: the status comes from the header, with
   * {@code " (has conflicts)"} when its conflict list is non-empty; the first status change whose
   * author is not the bot gives the response time and the HF-staff flag (a deleted author has no
   * {@code author} key and counts as a non-staff human, as in the notebook).
   */
  static BotPrOutcome of(String prUrl, String modelId, String time, LocalDate date,
      BotDiscussion discussion, BotPrHeader header, Shared shared) {
    String label = shared.of(header.hasConflicts() ? header.status() + " (has conflicts)" : header.status());
    List<String> changes = new java.util.ArrayList<>();
    BotDiscussion.StatusChange first = null;
    for (BotDiscussion.Event event : discussion.events()) {
      if (event instanceof BotDiscussion.StatusChange change) {
        changes.add(shared.of(String.valueOf(change.status())));
        if (first == null && !BotDiscussion.isBot(change.authorName())) {
          first = change;
        }
      }
    }
    boolean hfStaff = first != null && first.authorIsHf();
    Optional<Duration> response = Optional.empty();
    if (first != null && first.createdAt() != null && discussion.createdAt() != null) {
      response = Optional.of(Duration.between(instant(discussion.createdAt()), instant(first.createdAt())));
    }
    return new BotPrOutcome(prUrl, modelId, time, date, shared.of(discussion.title()),
        shared.of(discussion.openerName()), label, shared.of(List.copyOf(changes)), hfStaff, response,
        shared.of(DiscussionActivity.of(discussion, shared::of)));
  }

  /**
   * {@link Instant#parse} of a page's time: the Hub's {@code YYYY-MM-DDTHH:MM:SS.mmmZ} (or without
   * the milliseconds) read digit by digit, where each field is in range; any other text by
   * {@link Instant#parse}, which decides (and raises its own error). The formatter's machinery costs
   * microseconds a call, and a compilation of its own.
   */
  static Instant instant(String text) {
    int n = text.length();
    if ((n == 24 || n == 20) && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
        && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':' && (n == 20 || text.charAt(19) == '.')) {
      int year = CommitTime.digits(text, 0, 4);
      int month = CommitTime.digits(text, 5, 2);
      int day = CommitTime.digits(text, 8, 2);
      int hour = CommitTime.digits(text, 11, 2);
      int minute = CommitTime.digits(text, 14, 2);
      int second = CommitTime.digits(text, 17, 2);
      int millis = n == 24 ? CommitTime.digits(text, 20, 3) : 0;
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0
          && minute <= 59 && second >= 0 && second <= 59 && millis >= 0
          && day <= java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, millis * 1_000_000L);
      }
    }
    return Instant.parse(text);
  }

  /**
   * Shares the values that many PRs repeat (titles, names, status labels and lists, activities)
   * among the PRs of one table: one object each instead of one per PR, which the table keeps for
   * the whole run. For the one thread that reads the table.
   */
  static final class Shared {
    private final java.util.HashMap<Object, Object> seen = new java.util.HashMap<>();

    /** The first value equal to {@code value} seen (null stays null). */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
      if (value == null) {
        return null;
      }
      Object known = seen.putIfAbsent(value, value);
      return known == null ? value : (T) known;
    }
  }
}
