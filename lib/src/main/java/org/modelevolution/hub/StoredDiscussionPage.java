package org.modelevolution.hub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A discussion as a page of the Hub stores it: a top-level object whose {@code discussion} object
 * is the discussion of api-reference.md 1.9 (the {@code discussion_metadata} and
 * {@code header_metadata} blocks of the bot PR tables have this shape). Read with Jackson's
 * streaming parser, keeping only the fields below and skipping every other subtree unread, so
 * that tens of thousands of pages parse in seconds; pages given as bytes are read by the leaner
 * {@link LeanPageReader} where it can vouch for the result, which is then the same.
 *
 * <p>{@code filesWithConflicts} comes as an array of paths, as the literal {@code true} when the
 * Hub knows of conflicts it cannot list (gotcha #20), or not at all.
 *
 * @param conflicts empty when the page has no {@code filesWithConflicts}
 * @param events the comment and status-change events in page order (others are skipped)
 */
public record StoredDiscussionPage(String title, String authorName, String createdAt, String status,
    Optional<FilesWithConflicts> conflicts, List<Event> events) {

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(16 << 20).maxNestingDepth(200).build())
      .build();

  public StoredDiscussionPage {
    events = events == null ? null : List.copyOf(events);
  }

  /** A comment or status-change event. */
  public sealed interface Event permits Comment, StatusChange {
    String createdAt();
  }

  /**
   * @param authorName null when the author's account was deleted (no author object)
   * @param latestRaw the latest raw text of the comment, empty when absent
   */
  public record Comment(String createdAt, String authorName, boolean hidden, String latestRaw) implements Event {}

  /** @param authorName null when the author's account was deleted (no {@code author} key) */
  public record StatusChange(String createdAt, String authorName, boolean authorIsHf, String status) implements Event {}

  /** Page JSON that is not a discussion page: malformed, truncated, or without a discussion object. */
  public static final class MalformedPageException extends Exception {
    public MalformedPageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses a page. Fields the page lacks are null ({@code events} too: a header block has none);
   * a page without a {@code discussion} object, or JSON that is malformed, truncated or followed by
   * more text, is a {@link MalformedPageException} naming what is wrong.
   */
  public static StoredDiscussionPage parse(String json) throws MalformedPageException {
    try (JsonParser p = JSON.createParser(json)) {
      return parse(p);
    } catch (IOException e) {
      throw new MalformedPageException("malformed discussion JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a page from its UTF-8 bytes {@code utf8[offset, offset + length)}, as {@link #parse(String)}. */
  public static StoredDiscussionPage parse(byte[] utf8, int offset, int length) throws MalformedPageException {
    return parse(utf8, offset, length, false);
  }

  /**
   * Parses a page from its UTF-8 bytes {@code utf8[offset, offset + length)}, as {@link #parse(String)};
   * with {@code quotesDoubled} the bytes are a quoted CSV field's, every {@code "} written twice
   * (left so: the bytes are not changed). The bulk of the bot PR tables' pages is read by
   * {@link LeanPageReader}, which gives the same page; Jackson reads whatever it cannot vouch for,
   * and decides what is malformed.
   */
  public static StoredDiscussionPage parse(byte[] utf8, int offset, int length, boolean quotesDoubled)
      throws MalformedPageException {
    Optional<StoredDiscussionPage> lean = LeanPageReader.read(utf8, offset, length, quotesDoubled);
    if (lean.isPresent()) {
      return lean.get();
    }
    if (!quotesDoubled) {
      return parseWithJackson(utf8, offset, length);
    }
    byte[] json = new byte[length];
    int n = 0;
    for (int i = offset; i < offset + length; i++) {
      json[n++] = utf8[i];
      if (utf8[i] == '"' && i + 1 < offset + length && utf8[i + 1] == '"') {
        i++;
      }
    }
    return parseWithJackson(json, 0, n);
  }

  /**
   * Reads pages where they lie in quoted CSV fields (every {@code "} doubled), in the pass that
   * looks for where each field ends: a page the lean reader vouches for, followed by the field's
   * closing quote, is read and its field's end found in one walk over its bytes. One reader reads
   * many pages in turn, on one thread, and remembers values it met (the bot's author object and
   * comment, say, which every page of a bot PR table repeats) to pass them with a comparison of
   * bytes the next time; the pages are the same as {@link #parse(byte[], int, int, boolean)}'s.
   */
  public static final class CsvFieldReader {
    private final LeanPageReader lean;
    private StoredDiscussionPage page;
    private int lines;

    public CsvFieldReader() {
      this(LeanPageReader.remembering());
    }

    private CsvFieldReader(LeanPageReader lean) {
      this.lean = lean;
    }

    /** Another reader with this one's memory, for another column of the same table (on the same thread). */
    public CsvFieldReader sharingMemory() {
      return new CsvFieldReader(lean);
    }

    /**
     * Reads the page of the quoted field whose text starts at {@code bytes[from]}, looking no
     * further than {@code limit}: the index of the field's closing quote (a {@code "} not followed
     * by another before {@code limit}) when the page and the whitespace after it run up to it and
     * the lean reader vouches for the page; otherwise -1, and the field must be split and read
     * as any other ({@link #parse(byte[], int, int, boolean)}).
     */
    public int read(byte[] bytes, int from, int limit) {
      page = null;
      lines = 0;
      StoredDiscussionPage read = lean.readAt(bytes, from, limit, true);
      int at = lean.position();
      if (read == null || at >= limit || bytes[at] != '"' || (at + 1 < limit && bytes[at + 1] == '"')) {
        return -1;
      }
      page = read;
      lines = lean.lines();
      return at;
    }

    /** The page the last successful {@link #read} read. */
    public StoredDiscussionPage page() {
      return page;
    }

    /** The line feeds in the field the last successful {@link #read} read (JSON whitespace may hold them). */
    public int lines() {
      return lines;
    }
  }

  /**
   * Whether {@link #parse(byte[], int, int, boolean)} reads this page with its lean reader rather
   * than with Jackson (for the tests that compare the two).
   */
  public static boolean leanReadable(byte[] utf8, int offset, int length, boolean quotesDoubled) {
    return LeanPageReader.read(utf8, offset, length, quotesDoubled).isPresent();
  }

  /**
   * The reference reading of a page's UTF-8 bytes, with Jackson's streaming parser alone (tests
   * compare the lean reader with it).
   */
  public static StoredDiscussionPage parseWithJackson(byte[] utf8, int offset, int length) throws MalformedPageException {
    try (JsonParser p = JSON.createParser(utf8, offset, length)) {
      return parse(p);
    } catch (IOException e) {
      throw new MalformedPageException("malformed discussion JSON: " + e.getMessage(), e);
    }
  }

  private static StoredDiscussionPage parse(JsonParser p) throws IOException, MalformedPageException {
    StoredDiscussionPage found = null;
    expect(p, p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("discussion".equals(name) && value == JsonToken.START_OBJECT) {
        found = readDiscussion(p);
      } else {
        p.skipChildren();
      }
    }
    expect(p, p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null, "the end of the object");
    if (found == null) {
      throw new MalformedPageException("no \"discussion\" object", null);
    }
    return found;
  }

  private static StoredDiscussionPage readDiscussion(JsonParser p) throws IOException, MalformedPageException {
    String title = null;
    String author = null;
    String createdAt = null;
    String status = null;
    Optional<FilesWithConflicts> conflicts = Optional.empty();
    List<Event> events = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "title" -> title = text(p);
        case "createdAt" -> createdAt = text(p);
        case "status" -> status = text(p);
        case "author" -> author = value == JsonToken.START_OBJECT ? readAuthor(p).name() : skip(p);
        case "filesWithConflicts" -> conflicts = readConflicts(p, value);
        case "events" -> {
          if (value == JsonToken.START_ARRAY) {
            events = readEvents(p);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new StoredDiscussionPage(title, author, createdAt, status, conflicts, events);
  }

  /** An array of paths, {@code true}/{@code false}, or anything else (skipped: no conflicts known). */
  private static Optional<FilesWithConflicts> readConflicts(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
      return Optional.of(new FilesWithConflicts(value == JsonToken.VALUE_TRUE, List.of()));
    }
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        paths.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
    return Optional.of(new FilesWithConflicts(false, paths));
  }

  /** An event's author as the page gives it (both readers of the page JSON build these). */
  record Author(String name, boolean isHf) {}

  /**
   * Adds the event a page's fields describe: comments and status changes are kept, other event
   * types are not. The one rule for both readers of the page JSON (Jackson's and {@link LeanPageReader}).
   */
  static void addEvent(List<Event> events, String type, String createdAt, Author author, boolean hidden,
      String status, String raw) {
    String authorName = author == null ? null : author.name();
    if ("comment".equals(type)) {
      events.add(new Comment(createdAt, authorName, hidden, raw));
    } else if ("status-change".equals(type)) {
      events.add(new StatusChange(createdAt, authorName, author != null && author.isHf(), status));
    }
  }

  private static List<Event> readEvents(JsonParser p) throws IOException, MalformedPageException {
    List<Event> events = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new MalformedPageException("an event is not an object", null);
      }
      String type = null;
      String createdAt = null;
      Author author = null;
      boolean hidden = false;
      String status = null;
      String raw = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> type = text(p);
          case "createdAt" -> createdAt = text(p);
          case "author" -> {
            if (value == JsonToken.START_OBJECT) {
              author = readAuthor(p);
            } else {
              p.skipChildren();
            }
          }
          case "data" -> {
            if (value != JsonToken.START_OBJECT) {
              p.skipChildren();
              continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              JsonToken v = p.nextToken();
              switch (field) {
                case "hidden" -> hidden = v == JsonToken.VALUE_TRUE;
                case "status" -> status = text(p);
                case "latest" -> raw = readLatestRaw(p, v);
                default -> p.skipChildren();
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      addEvent(events, type, createdAt, author, hidden, status, raw);
    }
    return events;
  }

  private static String readLatestRaw(JsonParser p, JsonToken value) throws IOException {
    String raw = "";
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return raw;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("raw".equals(field) && p.currentToken() == JsonToken.VALUE_STRING) {
        raw = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return raw;
  }

  private static Author readAuthor(JsonParser p) throws IOException {
    String name = null;
    boolean isHf = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("name".equals(field)) {
        name = text(p);
      } else if ("isHf".equals(field)) {
        isHf = value == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    return new Author(name, isHf);
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String text(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : skip(p);
  }

  private static void expect(JsonParser p, boolean condition, String what) throws MalformedPageException {
    if (!condition) {
      throw new MalformedPageException("expected " + what + " at " + p.currentLocation().getCharOffset(), null);
    }
  }
}
