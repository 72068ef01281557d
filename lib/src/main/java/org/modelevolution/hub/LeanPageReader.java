package org.modelevolution.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modelevolution.hub.StoredDiscussionPage.Author;

/**
 * A lean reader of a stored discussion page for the bulk of the bot PR tables (tens of thousands of
 * pages of hundreds of kilobytes): it walks the UTF-8 bytes once, decodes only the strings
 * {@link StoredDiscussionPage} keeps, and can read the bytes as they lie in a quoted CSV field
 * (every {@code "} doubled), so the field need not be unquoted first.
 *
 * <p>It gives a page only for strict JSON (RFC 8259: no comments, no trailing commas, escapes
 * {@code \" \\ \/ \b \f \n \r \t \\uXXXX} only, no unescaped control character, well-formed UTF-8
 * with no overlong form or encoded surrogate) well inside Jackson's read limits, and only where
 * {@link StoredDiscussionPage}'s Jackson reading walks the fields in the plain way. Every such
 * document Jackson reads the same, so the page is the one Jackson's reading gives. For anything
 * else (malformed or truncated JSON, a page without a discussion object, an event that is not an
 * object, an {@code isHf}/{@code hidden} flag holding an object or array, deep nesting, a byte
 * order mark) it gives nothing, and {@link StoredDiscussionPage} reads the page with Jackson,
 * which decides, with its own message. {@code LeanPageReaderTest} compares the two.
 */
final class LeanPageReader {
  /** Well inside Jackson's limits (nesting 200, numbers 1,000 digits, names 50,000 chars, strings 16 M chars). */
  private static final int MAX_DEPTH = 100;
  private static final int MAX_NUMBER = 100;
  private static final int MAX_NAME = 1_000;
  private static final int MAX_STRING = 1 << 22;

  private static final byte[] DISCUSSION = ascii("discussion");
  private static final byte[] TITLE = ascii("title");
  private static final byte[] CREATED_AT = ascii("createdAt");
  private static final byte[] STATUS = ascii("status");
  private static final byte[] AUTHOR = ascii("author");
  private static final byte[] FILES_WITH_CONFLICTS = ascii("filesWithConflicts");
  private static final byte[] EVENTS = ascii("events");
  private static final byte[] TYPE = ascii("type");
  private static final byte[] DATA = ascii("data");
  private static final byte[] HIDDEN = ascii("hidden");
  private static final byte[] LATEST = ascii("latest");
  private static final byte[] RAW = ascii("raw");
  private static final byte[] NAME = ascii("name");
  private static final byte[] IS_HF = ascii("isHf");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");

  /** The reader cannot vouch for the page; Jackson reads it instead. No stack trace: it is control flow. */
  private static final class Unsure extends Exception {
    private static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super(null, null, false, false);
    }
  }

  /** Values met on earlier pages, or null: each page read on its own. */
  private final Memory memory;

  // the page being read
  private byte[] b;
  private int end;
  /** 2 when the bytes are a quoted CSV field's, where each {@code "} of the JSON is written twice. */
  private int quote;
  private int i;
  private int depth;
  /** Whether the container open at each depth within {@link #skipValue} is an object (else an array). */
  private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
  /** The deepest nesting since the value being remembered began (see {@link #startRemembering}). */
  private int deepest;
  /** Of the value being remembered: the deepest nesting before it, the line feeds before it. */
  private int outerDeepest;
  private int rememberedLines;
  /** Line feeds passed (JSON whitespace may hold them; strings may not). */
  private int lines;
  /** The last name read: bytes {@code [nameStart, nameEnd)}, with escapes when {@code nameEscaped}. */
  private int nameStart;
  private int nameEnd;
  private boolean nameEscaped;

  private LeanPageReader(boolean remember) {
    this.memory = remember ? new Memory() : null;
  }

  /**
   * A reader of many pages in turn, on one thread, that remembers the values it read and skipped
   * (see {@link Memory}): pages that repeat values (the bot's author object in every event, its
   * comment text in every PR) are read faster, and read the same.
   */
  static LeanPageReader remembering() {
    return new LeanPageReader(true);
  }

  /**
   * The page in {@code bytes[offset, offset + length)}, or empty when this reader cannot vouch for
   * it (then read it with Jackson); {@code quotesDoubled}: the bytes are a quoted CSV field's.
   */
  static Optional<StoredDiscussionPage> read(byte[] bytes, int offset, int length, boolean quotesDoubled) {
    LeanPageReader reader = new LeanPageReader(false);
    StoredDiscussionPage page = reader.readAt(bytes, offset, offset + length, quotesDoubled);
    // text after the object: Jackson says what is wrong
    return page != null && reader.i == offset + length ? Optional.of(page) : Optional.empty();
  }

  /**
   * The page whose JSON starts at {@code bytes[from]}: read to the end of its object and the
   * whitespace after it, never past {@code limit}; null when this reader cannot vouch for it
   * (then read the page's whole extent with {@link #read}). {@link #position()} is then where the
   * reading stopped, and {@link #lines()} the line feeds it passed.
   */
  StoredDiscussionPage readAt(byte[] bytes, int from, int limit, boolean quotesDoubled) {
    this.b = bytes;
    this.i = from;
    this.end = limit;
    this.quote = quotesDoubled ? 2 : 1;
    this.depth = 0;
    this.deepest = 0;
    this.lines = 0;
    try {
      return page();
    } catch (Unsure e) {
      return null;
    } catch (RuntimeException e) {
      // an index past the end, say, on a page cut short: Jackson decides
      return null;
    }
  }

  /** Where the last {@link #readAt} stopped: after the page's object and the whitespace after it. */
  int position() {
    return i;
  }

  /** The line feeds the last {@link #readAt} passed. */
  int lines() {
    return lines;
  }

  private StoredDiscussionPage page() throws Unsure {
    skipSpace();
    StoredDiscussionPage found = null;
    if (beginObject()) {
      do {
        name();
        if (nameIs(DISCUSSION) && at('{')) {
          found = discussion();
        } else {
          skipMember(PAGE);
        }
      } while (nextMember());
    }
    if (found == null) {
      throw Unsure.INSTANCE; // no discussion: Jackson says so
    }
    return found;
  }

  /**
   * The discussion object, its events included, in one body: over C2's limit for inlining a hot
   * callee (FreqInlineSize, 325 bytes of bytecode), so the compiler compiles it once, on its own,
   * rather than again inside each caller it is inlined into (the CSV reader's loop, which reads the
   * PR table and other tables, was recompiled with the whole reader in it, for a second or more of
   * compiling at SYNTHETIC scale 1).
   */
  private StoredDiscussionPage discussion() throws Unsure {
    String title = null;
    String author = null;
    String createdAt = null;
    String status = null;
    Optional<FilesWithConflicts> conflicts = Optional.empty();
    List<StoredDiscussionPage.Event> events = null;
    if (beginObject()) {
      do {
        name();
        if (nameIs(TITLE)) {
          title = atQuote() ? text(memory == null ? null : memory.titles) : skipToNull();
        } else if (nameIs(CREATED_AT)) {
          createdAt = text();
        } else if (nameIs(STATUS)) {
          status = text();
        } else if (nameIs(AUTHOR)) {
          author = at('{') ? authorObject().name() : skipToNull();
        } else if (nameIs(FILES_WITH_CONFLICTS)) {
          conflicts = conflicts();
        } else if (nameIs(EVENTS) && at('[')) {
          // the events read here, not in a method of their own: see this method's comment
          events = new ArrayList<>();
          if (beginArray()) {
            do {
              if (!at('{')) {
                throw Unsure.INSTANCE; // an event that is not an object: malformed, Jackson's reading says so
              }
              String type = null;
              String eventCreatedAt = null;
              Author eventAuthor = null;
              boolean hidden = false;
              String eventStatus = null;
              String raw = "";
              if (beginObject()) {
                do {
                  name();
                  if (nameIs(TYPE)) {
                    type = text();
                  } else if (nameIs(CREATED_AT)) {
                    eventCreatedAt = text();
                  } else if (nameIs(AUTHOR)) {
                    if (at('{')) {
                      eventAuthor = authorObject();
                    } else {
                      skipValue();
                    }
                  } else if (nameIs(DATA) && at('{')) {
                    if (beginObject()) {
                      do {
                        name();
                        if (nameIs(HIDDEN)) {
                          hidden = flag();
                        } else if (nameIs(STATUS)) {
                          eventStatus = text();
                        } else if (nameIs(LATEST)) {
                          raw = latestRaw();
                        } else {
                          skipValue();
                        }
                      } while (nextMember());
                    }
                  } else {
                    skipValue();
                  }
                } while (nextMember());
              }
              StoredDiscussionPage.addEvent(events, type, eventCreatedAt, eventAuthor, hidden, eventStatus, raw);
            } while (nextElement());
          }
        } else {
          skipValue();
        }
      } while (nextMember());
    }
    return new StoredDiscussionPage(title, author, createdAt, status, conflicts, events);
  }

  private Optional<FilesWithConflicts> conflicts() throws Unsure {
    if (at('t') || at('f')) {
      return Optional.of(new FilesWithConflicts(bool(), List.of()));
    }
    if (!at('[')) {
      skipValue();
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    if (beginArray()) {
      do {
        if (atQuote()) {
          paths.add(string());
        } else {
          skipValue();
        }
      } while (nextElement());
    }
    return Optional.of(new FilesWithConflicts(false, paths));
  }


  private Author author() throws Unsure {
    String name = null;
    boolean isHf = false;
    if (beginObject()) {
      do {
        name();
        if (nameIs(NAME)) {
          name = text();
        } else if (nameIs(IS_HF)) {
          isHf = flag();
        } else {
          skipValue();
        }
      } while (nextMember());
    }
    return new Author(name, isHf);
  }

  private String latestRaw() throws Unsure {
    String raw = "";
    if (!at('{')) {
      skipValue();
      return raw;
    }
    if (beginObject()) {
      do {
        name();
        if (nameIs(RAW) && atQuote()) {
          raw = text(memory == null ? null : memory.raws);
        } else {
          skipMember(LATEST_SITE);
        }
      } while (nextMember());
    }
    return raw;
  }

  /**
   * A flag read as Jackson's reading does ({@code true} is true, any other scalar false). An object
   * or array there is left to Jackson: its reading does not skip it, but reads into it.
   */
  private boolean flag() throws Unsure {
    if (at('{') || at('[')) {
      throw Unsure.INSTANCE;
    }
    if (at('t')) {
      return bool();
    }
    skipValue();
    return false;
  }

  // --- values met before ---

  /**
   * The objects whose other members {@link #skipMember} skips, told apart in {@link Memory#skipped}:
   * the page (its {@code repo} object, which a header block repeats) and a comment's latest version
   * (the bot's markup and author object). Elsewhere values skipped repeat little (under 2% of a
   * SYNTHETIC table's bytes), not worth what the compiler spends on each place that recalls them.
   */
  private static final int PAGE = 1;
  private static final int LATEST_SITE = 2;

  /**
   * Skips the value of a member this reader does not keep, in an object at {@code site}: an
   * object, array or string whose bytes equal one skipped before (under a member of the same name
   * there, as far as {@link Memory#skipped} tells them apart) is passed in one comparison.
   */
  private void skipMember(int site) throws Unsure {
    if (memory == null || !(at('{') || at('[') || at('"'))) {
      skipValue();
      return;
    }
    Recent recent = memory.skipped(site, b, nameStart, nameEnd);
    if (recall(recent) == null) {
      int start = startRemembering();
      skipValue();
      remember(recent, start, Boolean.TRUE);
    }
  }

  /** An author object ({@link #author}), remembered: the bot's comes in every event of every page. */
  private Author authorObject() throws Unsure {
    if (memory == null) {
      return author();
    }
    Recent.Entry seen = recall(memory.authors);
    if (seen != null) {
      return (Author) seen.value;
    }
    int start = startRemembering();
    Author author = author();
    remember(memory.authors, start, author);
    return author;
  }

  /** A string's text ({@link #string}), remembered in {@code recent} (titles, comment texts). */
  private String text(Recent recent) throws Unsure {
    if (recent == null) {
      return string();
    }
    Recent.Entry seen = recall(recent);
    if (seen != null) {
      return (String) seen.value;
    }
    int start = startRemembering();
    String text = string();
    remember(recent, start, text);
    return text;
  }

  /**
   * When the bytes at {@link #i} (an object, array or string) equal those of a value in
   * {@code recent}, passes them and the whitespace after them, and gives that value's entry: its
   * bytes were read by the same strict reading before, which gives the same for the same bytes
   * (nesting aside, checked against {@link #MAX_DEPTH}). Null otherwise, and nothing is passed.
   */
  private Recent.Entry recall(Recent recent) {
    Recent.Entry seen = recent.match(b, i, end, MAX_DEPTH - depth);
    if (seen != null) {
      i += seen.length;
      lines += seen.lines;
      deepest = Math.max(deepest, depth + seen.height);
      skipSpace();
    }
    return seen;
  }

  /** Before reading a value to {@link #remember}: where it starts (values remembered do not nest). */
  private int startRemembering() {
    rememberedLines = lines;
    outerDeepest = deepest;
    deepest = depth;
    return i;
  }

  /**
   * After reading the value that starts at {@code start} (and the whitespace after it): remembers
   * its bytes and what they read as in {@code recent}, when long enough to be worth it.
   */
  private void remember(Recent recent, int start, Object value) {
    int height = deepest - depth;
    deepest = Math.max(outerDeepest, deepest);
    int stop = i;
    int trailingLines = 0;
    while (stop > start && isSpace(b[stop - 1])) {
      stop--;
      if (b[stop] == '\n') {
        trailingLines++;
      }
    }
    if (stop - start >= Memory.SHORTEST && stop - start <= Memory.LONGEST) {
      recent.remember(b, start, stop, height, lines - rememberedLines - trailingLines, value);
    }
  }

  /**
   * What a reader of many pages met before: the last few values of each kind and place, as bytes
   * with what they read as. Pages of one table repeat much (the bot's author object in the page
   * and in each of its events, its comment's text and markup in every PR; about half the bytes of
   * a SYNTHETIC table), and a comparison of bytes costs far less than reading them.
   */
  private static final class Memory {
    /** Shorter values are read as fast as compared. */
    static final int SHORTEST = 32;
    /** Longer values are not copied. */
    static final int LONGEST = 1 << 16;

    final Recent[] skipped = new Recent[64];
    final Recent authors = new Recent(4);
    final Recent titles = new Recent(2);
    final Recent raws = new Recent(2);

    /** The values skipped in an object at {@code site} under the name {@code b[nameStart, nameEnd)} (or another). */
    Recent skipped(int site, byte[] b, int nameStart, int nameEnd) {
      int hash = site * 31 + (nameEnd - nameStart) * 7 + (nameEnd > nameStart ? b[nameStart] + 3 * b[nameEnd - 1] : 0);
      int slot = hash & (skipped.length - 1);
      if (skipped[slot] == null) {
        skipped[slot] = new Recent(2);
      }
      return skipped[slot];
    }
  }

  /** The last few values remembered at one place, most recent first. */
  private static final class Recent {
    static final class Entry {
      byte[] bytes = new byte[0];
      int length;
      /** The nesting the value opens: it may be passed only where that stays within the limit. */
      int height;
      int lines;
      Object value;
    }

    private final Entry[] entries;
    private int filled;

    Recent(int ways) {
      entries = new Entry[ways];
    }

    /** The entry whose bytes are those at {@code b[from]} (before {@code end}) and whose nesting fits {@code room}, or null. */
    Entry match(byte[] b, int from, int end, int room) {
      for (int k = 0; k < filled; k++) {
        Entry e = entries[k];
        int n = e.length;
        if (n <= end - from && b[from] == e.bytes[0] && e.height <= room && same(b, from, e.bytes, n)) {
          if (k > 0) {
            System.arraycopy(entries, 0, entries, 1, k);
            entries[0] = e;
          }
          return e;
        }
      }
      return null;
    }

    /**
     * Whether {@code b[from, from + n)} equals {@code bytes[0, n)}: eight bytes a step, in a loop the
     * compiler inlines cheaply at every place a value is recalled.
     */
    private static boolean same(byte[] b, int from, byte[] bytes, int n) {
      int k = 0;
      for (; k + Long.BYTES <= n; k += Long.BYTES) {
        if ((long) LONGS.get(b, from + k) != (long) LONGS.get(bytes, k)) {
          return false;
        }
      }
      for (; k < n; k++) {
        if (b[from + k] != bytes[k]) {
          return false;
        }
      }
      return true;
    }

    /** Remembers {@code b[from, to)} as the most recent entry, in place of the least recent. */
    void remember(byte[] b, int from, int to, int height, int lines, Object value) {
      Entry e;
      if (filled < entries.length) {
        e = new Entry();
        filled++;
      } else {
        e = entries[entries.length - 1];
      }
      System.arraycopy(entries, 0, entries, 1, filled - 1);
      entries[0] = e;
      int n = to - from;
      if (e.bytes.length < n) {
        e.bytes = new byte[Math.max(n, 2 * e.bytes.length)];
      }
      System.arraycopy(b, from, e.bytes, 0, n);
      e.length = n;
      e.height = height;
      e.lines = lines;
      e.value = value;
    }
  }

  // --- structure ---

  /** At '{': enters the object; false when it is empty (then it is consumed whole). */
  private boolean beginObject() throws Unsure {
    expect('{');
    enter();
    skipSpace();
    if (at('}')) {
      i++;
      depth--;
      skipSpace();
      return false;
    }
    return true;
  }

  /** After a member's value: true at a comma (another member follows), false at the closing brace. */
  private boolean nextMember() throws Unsure {
    skipSpace();
    if (at(',')) {
      i++;
      skipSpace();
      return true;
    }
    expect('}');
    depth--;
    skipSpace();
    return false;
  }

  private boolean beginArray() throws Unsure {
    expect('[');
    enter();
    skipSpace();
    if (at(']')) {
      i++;
      depth--;
      skipSpace();
      return false;
    }
    return true;
  }

  private boolean nextElement() throws Unsure {
    skipSpace();
    if (at(',')) {
      i++;
      skipSpace();
      return true;
    }
    expect(']');
    depth--;
    skipSpace();
    return false;
  }

  private void enter() throws Unsure {
    if (++depth > MAX_DEPTH) {
      throw Unsure.INSTANCE;
    }
    if (depth > deepest) {
      deepest = depth;
    }
  }

  /** Reads a member's name and the colon after it; {@link #nameIs} then compares it. */
  private void name() throws Unsure {
    if (!atQuote()) {
      throw Unsure.INSTANCE;
    }
    i += quote;
    nameStart = i;
    nameEscaped = scanString();
    nameEnd = i;
    i += quote;
    if (nameEnd - nameStart > MAX_NAME) {
      throw Unsure.INSTANCE;
    }
    skipSpace();
    expect(':');
    skipSpace();
  }

  /** Whether the last name is {@code ascii}: equal raw bytes are equal text (UTF-8 is one-to-one). */
  private boolean nameIs(byte[] ascii) throws Unsure {
    if (!nameEscaped) {
      return java.util.Arrays.equals(b, nameStart, nameEnd, ascii, 0, ascii.length);
    }
    return decode(nameStart, nameEnd).equals(new String(ascii, StandardCharsets.US_ASCII));
  }

  /** A string value's text, or null after skipping any other value (as {@code StoredDiscussionPage.text}). */
  private String text() throws Unsure {
    return atQuote() ? string() : skipToNull();
  }

  private String skipToNull() throws Unsure {
    skipValue();
    return null;
  }

  private String string() throws Unsure {
    i += quote;
    int start = i;
    boolean escaped = scanString();
    int stop = i;
    i += quote;
    skipSpace();
    return escaped ? decode(start, stop) : new String(b, start, stop - start, StandardCharsets.UTF_8);
  }

  private boolean bool() throws Unsure {
    if (literal(TRUE)) {
      return true;
    }
    if (literal(FALSE)) {
      return false;
    }
    throw Unsure.INSTANCE;
  }

  /**
   * Skips a value as strictly as the rest of the reading, in one loop that keeps the containers it
   * opened in {@link #inObject}: no recursion, and over C2's FreqInlineSize (see {@link
   * #discussion}), so the compiler makes one body of it, called from each place that skips (a
   * recursive skip was inlined into itself, and that pair again at each of those places, which made
   * the reader slow to compile and to recompile after a rare branch).
   */
  private void skipValue() throws Unsure {
    int outer = depth;
    while (true) {
      // at a value
      if (i >= end) {
        throw Unsure.INSTANCE;
      }
      byte c = b[i];
      if (c == '"') {
        if (quote == 2 && (i + 1 >= end || b[i + 1] != '"')) {
          throw Unsure.INSTANCE;
        }
        i += quote;
        scanString();
        i += quote;
        skipSpace();
      } else if (c == '{' || c == '[') {
        i++;
        enter();
        boolean object = c == '{';
        inObject[depth] = object;
        skipSpace();
        if (!at(object ? '}' : ']')) {
          if (object) {
            name();
          }
          continue; // to the first value inside
        }
        i++;
        depth--;
        skipSpace();
      } else if (c == 't' || c == 'f' || c == 'n') {
        if (!literal(c == 't' ? TRUE : c == 'f' ? FALSE : NULL)) {
          throw Unsure.INSTANCE;
        }
      } else {
        number();
      }
      // after a value: close the containers it ended, up to the next value or the one skipped
      while (true) {
        if (depth == outer) {
          return;
        }
        boolean object = inObject[depth];
        if (at(',')) {
          i++;
          skipSpace();
          if (object) {
            name();
          }
          break;
        }
        expect(object ? '}' : ']');
        depth--;
        skipSpace();
      }
    }
  }

  private boolean literal(byte[] word) {
    int n = word.length;
    if (end - i < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[i + k] != word[k]) {
        return false;
      }
    }
    i += n;
    // what may follow (a delimiter) is checked by whoever reads on
    skipSpace();
    return true;
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, not longer than {@link #MAX_NUMBER}. */
  private void number() throws Unsure {
    int start = i;
    if (at('-')) {
      i++;
    }
    if (at('0')) {
      i++;
    } else if (digits() == 0) {
      throw Unsure.INSTANCE;
    }
    if (at('.')) {
      i++;
      if (digits() == 0) {
        throw Unsure.INSTANCE;
      }
    }
    if (at('e') || at('E')) {
      i++;
      if (at('+') || at('-')) {
        i++;
      }
      if (digits() == 0) {
        throw Unsure.INSTANCE;
      }
    }
    if (i - start > MAX_NUMBER) {
      throw Unsure.INSTANCE;
    }
    skipSpace();
  }

  private int digits() {
    int start = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i - start;
  }

  // --- strings ---

  /**
   * From just after an opening quote to the closing one (left at it), checking every byte as
   * strict JSON in UTF-8; returns whether the string holds escapes.
   */
  private boolean scanString() throws Unsure {
    // locals, not the fields: the loop over plain bytes is most of the reading
    byte[] b = this.b;
    int end = this.end;
    int p = i;
    int start = p;
    boolean escaped = false;
    while (true) {
      // eight bytes at a time to the first that needs a look: a quote, a backslash, a control
      // character or a byte of a multi-byte sequence (the rest of a string is plain ASCII)
      while (p + Long.BYTES <= end) {
        long special = special((long) LONGS.get(b, p));
        if (special != 0) {
          p += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        p += Long.BYTES;
      }
      int c = 0;
      while (p < end && (c = b[p]) >= 0x20 && c != '"' && c != '\\') {
        p++;
      }
      if (p >= end) {
        throw Unsure.INSTANCE;
      }
      if (c == '"') {
        if (quote == 2 && (p + 1 >= end || b[p + 1] != '"')) {
          throw Unsure.INSTANCE; // a lone quote in a CSV field: not the crawler's escaping
        }
        break;
      }
      if (c == '\\') {
        escaped = true;
        p++;
        if (p >= end) {
          throw Unsure.INSTANCE;
        }
        int e = b[p];
        if (e == '"') {
          if (quote == 2 && (p + 1 >= end || b[p + 1] != '"')) {
            throw Unsure.INSTANCE;
          }
          p += quote;
        } else if (e == 'u') {
          if (end - p < 5 || hex(b[p + 1]) < 0 || hex(b[p + 2]) < 0 || hex(b[p + 3]) < 0 || hex(b[p + 4]) < 0) {
            throw Unsure.INSTANCE;
          }
          p += 5;
        } else if (e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
          p++;
        } else {
          throw Unsure.INSTANCE;
        }
      } else if (c < 0) {
        p = utf8(p);
      } else {
        throw Unsure.INSTANCE; // a control character, which JSON requires escaped
      }
    }
    i = p;
    if (p - start > MAX_STRING) {
      throw Unsure.INSTANCE;
    }
    return escaped;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  /**
   * The high bit of each byte of the little-endian {@code word} that is a quote, a backslash, below
   * 0x20 or above 0x7F; the lowest one set is exact (a borrow only marks bytes above a marked one).
   */
  private static long special(long word) {
    long quotes = word ^ (ONES * '"');
    long backslashes = word ^ (ONES * '\\');
    return (word | ((word - ONES * 0x20) & ~word) | ((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes))
        & HIGH;
  }

  /** Checks the well-formed UTF-8 sequence at {@code at} (RFC 3629) and returns the index after it. */
  private int utf8(int at) throws Unsure {
    int lead = b[at] & 0xFF;
    int length;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      min = 0x10000;
    } else {
      throw Unsure.INSTANCE;
    }
    if (end - at < length) {
      throw Unsure.INSTANCE;
    }
    int code = lead & (0xFF >> (length + 1));
    for (int k = 1; k < length; k++) {
      int next = b[at + k] & 0xFF;
      if ((next & 0xC0) != 0x80) {
        throw Unsure.INSTANCE;
      }
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      throw Unsure.INSTANCE;
    }
    return at + length;
  }

  /** The text of the (scanned, so well-formed) string body {@code [start, stop)} that holds escapes. */
  private String decode(int start, int stop) {
    StringBuilder text = new StringBuilder(stop - start);
    int run = start;
    int k = start;
    while (k < stop) {
      if (b[k] != '\\') {
        k++;
        continue;
      }
      // a run between escapes is whole UTF-8 sequences: a backslash never falls inside one
      text.append(new String(b, run, k - run, StandardCharsets.UTF_8));
      byte e = b[k + 1];
      switch (e) {
        case '"' -> {
          text.append('"');
          k += 1 + quote;
        }
        case 'u' -> {
          text.append((char) (hex(b[k + 2]) << 12 | hex(b[k + 3]) << 8 | hex(b[k + 4]) << 4 | hex(b[k + 5])));
          k += 6;
        }
        default -> {
          text.append(switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> (char) e; // \\ and \/
          });
          k += 2;
        }
      }
      run = k;
    }
    text.append(new String(b, run, stop - run, StandardCharsets.UTF_8));
    return text.toString();
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // --- bytes ---

  private boolean at(char c) {
    return i < end && b[i] == c;
  }

  /** At a string's opening quote (both quotes of a doubled one). */
  private boolean atQuote() throws Unsure {
    if (!at('"')) {
      return false;
    }
    if (quote == 2 && (i + 1 >= end || b[i + 1] != '"')) {
      throw Unsure.INSTANCE;
    }
    return true;
  }

  private void expect(char c) throws Unsure {
    if (!at(c)) {
      throw Unsure.INSTANCE;
    }
    i++;
  }

  /** JSON's four whitespace bytes only. */
  private void skipSpace() {
    while (i < end) {
      byte c = b[i];
      if (c == ' ' || c == '\r' || c == '\t') {
        i++;
      } else if (c == '\n') {
        i++;
        lines++;
      } else {
        return;
      }
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
