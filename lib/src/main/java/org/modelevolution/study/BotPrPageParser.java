package org.modelevolution.study;

import java.util.ArrayList;
import java.util.List;
import org.modelevolution.hub.FilesWithConflicts;
import org.modelevolution.hub.StoredDiscussionPage;

/**
 * The study's view of a conversion PR page's two JSON blocks ({@code discussion_metadata} and
 * {@code header_metadata}): the Hub's page JSON is read by {@link StoredDiscussionPage} (the
 * client that owns that JSON); this adapter keeps what the RQ3 analysis needs, counting comment
 * words as the study's Python does.
 */
public final class BotPrPageParser {
  private BotPrPageParser() {}

  /** A page block that is not the JSON the study's crawler wrote. */
  public static final class MalformedPageException extends Exception {
    public MalformedPageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses {@code discussion_metadata}: {@code {"discussion": {author, createdAt, title, events, …}, …}}. */
  public static BotDiscussion parseDiscussion(String json) throws MalformedPageException {
    return parseDiscussion(parse(json));
  }

  static BotDiscussion parseDiscussion(StoredDiscussionPage page) throws MalformedPageException {
    return parseDiscussion(page, new WordCounts());
  }

  /**
   * The words of comment texts, counted once for the text of the last comment counted: pages read
   * in turn by one {@link StoredDiscussionPage.CsvFieldReader} give the same text object for the
   * same text (the bot's description, in every PR), so a comparison of references tells it.
   */
  static final class WordCounts {
    private String last;
    private int words;

    int of(String text) {
      if (text != last) {
        words = PythonWords.count(text);
        last = text;
      }
      return words;
    }
  }

  static BotDiscussion parseDiscussion(StoredDiscussionPage page, WordCounts words) throws MalformedPageException {
    if (page.events() == null) {
      throw new MalformedPageException("the discussion has no \"events\" list", null);
    }
    List<BotDiscussion.Event> events = new ArrayList<>(page.events().size());
    for (StoredDiscussionPage.Event event : page.events()) {
      if (event instanceof StoredDiscussionPage.Comment c) {
        events.add(new BotDiscussion.Comment(c.createdAt(), c.authorName(), c.hidden(), words.of(c.latestRaw())));
      } else if (event instanceof StoredDiscussionPage.StatusChange s) {
        events.add(new BotDiscussion.StatusChange(s.createdAt(), s.authorName(), s.authorIsHf(), s.status()));
      }
    }
    return new BotDiscussion(page.title(), page.authorName(), page.createdAt(), events);
  }

  /**
   * Parses {@code header_metadata}: {@code {"discussion": {status, filesWithConflicts, …}, …}}.
   * {@code filesWithConflicts: true} (conflicts the Hub cannot list) counts as conflicts.
   */
  public static BotPrHeader parseHeader(String json) throws MalformedPageException {
    return parseHeader(parse(json));
  }

  static BotPrHeader parseHeader(StoredDiscussionPage page) throws MalformedPageException {
    if (page.status() == null) {
      throw new MalformedPageException("the header has no discussion status", null);
    }
    FilesWithConflicts conflicts = page.conflicts().orElse(new FilesWithConflicts(false, List.of()));
    return new BotPrHeader(page.status(), conflicts.paths(), conflicts.unlisted());
  }

  /**
   * A page block from its UTF-8 bytes {@code [start, start + length)}, read where it lies: with
   * {@code quotesDoubled} as a quoted CSV field holds it (no pass to undo the doubled quotes).
   */
  static StoredDiscussionPage page(byte[] bytes, int start, int length, boolean quotesDoubled)
      throws MalformedPageException {
    try {
      return StoredDiscussionPage.parse(bytes, start, length, quotesDoubled);
    } catch (StoredDiscussionPage.MalformedPageException e) {
      throw new MalformedPageException(e.getMessage(), e);
    }
  }

  private static StoredDiscussionPage parse(String json) throws MalformedPageException {
    try {
      return StoredDiscussionPage.parse(json);
    } catch (StoredDiscussionPage.MalformedPageException e) {
      throw new MalformedPageException(e.getMessage(), e);
    }
  }
}
