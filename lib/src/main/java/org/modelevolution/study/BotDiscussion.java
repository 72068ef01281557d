package org.modelevolution.study;

import java.util.List;

/**
 * The parts of a conversion PR's discussion page that the study's RQ3 analysis reads: the opener,
 * the creation time, the status and conflicts of the header, and the comment and status-change
 * events. Everything else of the page JSON is skipped while parsing.
 *
 * @param title the discussion title
 * @param openerName user name of the PR author (usually {@code SFconvertbot})
 * @param createdAt the discussion's {@code createdAt} (ISO-8601 instant text)
 * @param events the comment and status-change events in page order
 */
public record BotDiscussion(String title, String openerName, String createdAt, List<Event> events) {

  /** The bot's user name; the study compares names case-insensitively. */
  public static final String BOT_NAME = "SFconvertbot";

  public BotDiscussion {
    events = List.copyOf(events);
  }

  /** True when {@code name} is the converter bot (case-insensitive, as the study's {@code .lower()}). */
  public static boolean isBot(String name) {
    return name != null && name.equalsIgnoreCase(BOT_NAME);
  }

  /** A comment or status-change event of the discussion. */
  public sealed interface Event permits Comment, StatusChange {
    String createdAt();
  }

  /**
   * A comment.
   *
   * @param authorName null when the author's account was deleted (the event has no author)
   * @param hidden the comment was hidden by a moderator or its author
   * @param words whitespace-separated words of the latest raw text, counted like Python's {@code str.split()}
   */
  public record Comment(String createdAt, String authorName, boolean hidden, int words) implements Event {}

  /**
   * A status change.
   *
   * @param authorName null when the author's account was deleted (the event has no {@code author} key)
   * @param authorIsHf the author's {@code isHf} flag (false when absent)
   * @param status the new status: open, closed or merged
   */
  public record StatusChange(String createdAt, String authorName, boolean authorIsHf, String status) implements Event {}
}
