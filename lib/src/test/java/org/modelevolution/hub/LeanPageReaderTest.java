package org.modelevolution.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lean page reader against the Jackson reading it stands in for, on pages that probe the edges:
 * wherever the lean reader gives a page, it is Jackson's page; where it does not, the public
 * {@link StoredDiscussionPage#parse(byte[], int, int, boolean)} gives Jackson's page or Jackson's
 * message. Each page is tried as plain bytes and as a quoted CSV field's bytes (quotes doubled).
 * {@code study.BotPrPagesLeanVsJacksonTest} compares the two over every page of a generated table.
 */
class LeanPageReaderTest {
  static final String BOT = "{\"_id\":\"1\",\"name\":\"SFconvertbot\",\"isHf\":false,\"n\":[1,-2.5e+3,0,{\"x\":null}]}";

  static String page(String discussionFields) {
    return "{\"apiBaseUrl\":\"/api/models/a/b\",\"repo\":{\"name\":\"a/b\"},\"discussion\":{" + discussionFields
        + "},\"discussionRole\":0}";
  }

  static String event(String type, String fields) {
    return "{\"id\":\"e\",\"type\":\"" + type + "\"," + fields + "}";
  }

  /** Pages the lean reader must read itself (and read as Jackson does). */
  static List<String> leanPages() {
    List<String> pages = new ArrayList<>();
    pages.add(page("\"title\":\"Adding `safetensors` variant\",\"status\":\"merged\",\"author\":" + BOT
        + ",\"createdAt\":\"2023-03-21T23:42:48.000Z\",\"filesWithConflicts\":[],\"events\":[]"));
    // escapes of every kind, \\u escapes with a surrogate pair, a lone surrogate, raw UTF-8 of 2, 3 and 4 bytes
    pages.add(page("\"title\":\"q\\\"uote \\\\ slash\\/ \\b\\f\\n\\r\\t \\u00e9\\u00A0\\ud83d\\ude00 \\udc00 é € 😀\","
        + "\"events\":[" + event("comment", "\"author\":" + BOT + ",\"createdAt\":\"t1\",\"data\":{\"hidden\":false,"
        + "\"latest\":{\"raw\":\"a\\u2028b\\u00a0c\\u0085d\\te\\u3000f \\\"g\\\" 😀 h\",\"html\":\"<p>\\\"x\\\"</p>\"}}")
        + "]"));
    // names written with escapes, unknown fields and nesting everywhere, a name holding raw UTF-8
    pages.add(page("\"ti\\u0074le\":\"T\",\"zoë\":{\"a\":[[[{}]],[]],\"b\":{}},\"st\\u0061tus\":\"open\","
        + "\"events\":[" + event("status-change", "\"author\":{\"name\":\"julien-c\",\"isHf\":true,\"extra\":{\"k\":[true,false,null]}},"
        + "\"createdAt\":\"t2\",\"data\":{\"status\":\"closed\",\"x\":[{\"y\":1E5}]}") + "]"));
    // missing fields: no author, no createdAt, no data, a comment without latest, an unknown event type
    pages.add(page("\"events\":[" + event("comment", "\"data\":{\"hidden\":true}") + ","
        + event("status-change", "\"data\":{\"status\":\"merged\"}") + "," + event("commit", "\"data\":{\"oid\":\"abc\"}")
        + "," + "{\"type\":\"comment\"}" + "]"));
    // values of the wrong kind where text or objects are expected: read as absent, as Jackson's reading does
    pages.add(page("\"title\":5,\"status\":null,\"author\":\"someone\",\"createdAt\":[1],\"events\":{\"not\":\"a list\"},"
        + "\"filesWithConflicts\":\"x\""));
    pages.add(page("\"status\":\"open\",\"filesWithConflicts\":[\"a.bin\",1,null,[\"b\"],{\"c\":\"d\"},\"\"]"));
    pages.add(page("\"status\":\"open\",\"filesWithConflicts\":true"));
    pages.add(page("\"status\":\"open\",\"filesWithConflicts\":false"));
    pages.add(page("\"status\":\"open\",\"filesWithConflicts\":null"));
    // duplicates: the last one wins where Jackson's reading overwrites, "events" of the wrong kind keeps the first
    pages.add(page("\"title\":\"a\",\"title\":\"b\",\"events\":[" + event("comment", "\"data\":{\"latest\":{\"raw\":\"x y\"},"
        + "\"latest\":5}") + "],\"events\":7,\"author\":{\"name\":\"p\"},\"author\":{\"isHf\":true}"));
    pages.add("{\"discussion\":{\"status\":\"open\"},\"discussion\":{\"status\":\"closed\"},\"discussion\":3}");
    // flags: only the literal true is true; the raw text kept only when it is a string
    pages.add(page("\"events\":[" + event("comment", "\"author\":{\"name\":\"u\",\"isHf\":\"true\"},"
        + "\"data\":{\"hidden\":1,\"latest\":{\"raw\":7}}") + "," + event("status-change", "\"author\":{\"name\":\"v\","
        + "\"isHf\":null},\"data\":{\"status\":5}") + "]"));
    // numbers of every form, whitespace of all four kinds, 0x7F in a string
    pages.add(" \t\r\n{ \"n\" : [ 0 , -0 , 12 , 1.5 , -0.0e-0 , 3E+10 , 7e7 ] ,\n\"discussion\" : { \"title\" : \"del\u007f\" } }\r\n");
    pages.add("{\"discussion\":{}}");
    return pages;
  }

  /** Pages the lean reader leaves to Jackson: malformed, or outside what it vouches for. */
  static List<String> jacksonPages() {
    String whole = page("\"title\":\"t\",\"status\":\"open\"");
    List<String> pages = new ArrayList<>();
    pages.add(whole.substring(0, whole.length() / 2)); // truncated
    pages.add(whole + "}"); // text after the object
    pages.add(whole + " x");
    pages.add("");
    pages.add("   ");
    pages.add("[1,2]");
    pages.add("{\"repo\":{}}"); // no discussion object
    pages.add("{\"discussion\":[]}");
    pages.add("{}");
    pages.add("\uFEFF" + whole); // a byte order mark, which Jackson skips
    pages.add(page("\"title\":\"a\",}")); // a trailing comma
    pages.add(page("\"title\":'a'"));
    pages.add(page("\"title\":\"tab\there\"")); // an unescaped control character
    pages.add(page("\"title\":\"nul\u0000\""));
    pages.add(page("\"title\":\"\\x41\"")); // an escape JSON does not have
    pages.add(page("\"title\":\"\\u00G1\""));
    pages.add(page("\"n\":01"));
    pages.add(page("\"n\":1."));
    pages.add(page("\"n\":.5"));
    pages.add(page("\"n\":+1"));
    pages.add(page("\"n\":-"));
    pages.add(page("\"n\":1e"));
    pages.add(page("\"n\":NaN"));
    pages.add(page("\"n\":tru"));
    pages.add(page("\"n\":truex"));
    pages.add(page("\"n\":nul"));
    pages.add(page("\"n\":1" + "0".repeat(2000))); // past Jackson's number length
    pages.add(page("/* comment */\"title\":\"a\""));
    pages.add(page("title:\"a\""));
    pages.add(page("\"events\":[1]")); // an event that is not an object
    pages.add(page("\"events\":[" + event("comment", "\"data\":{\"hidden\":{\"status\":\"merged\",\"latest\":{\"raw\":\"x\"}},"
        + "\"status\":\"open\"}") + "]")); // a flag holding an object: Jackson's reading reads into it
    pages.add(page("\"events\":[" + event("status-change", "\"author\":{\"isHf\":[\"name\"],\"name\":\"u\"}") + "]"));
    pages.add(page("\"n\":" + "[".repeat(150) + "]".repeat(150))); // deep, but within Jackson's 200
    pages.add(page("\"n\":" + "[".repeat(250) + "]".repeat(250))); // past Jackson's nesting limit
    return pages;
  }

  /** Byte sequences that are not UTF-8 (lone continuation, overlong, surrogate, past U+10FFFF, cut short). */
  static List<byte[]> notUtf8Pages() {
    List<byte[]> pages = new ArrayList<>();
    byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}};
    for (byte[] b : bad) {
      byte[] head = page("\"title\":\"a").getBytes(StandardCharsets.UTF_8);
      byte[] tail = "b\"".concat(page("").substring(page("").indexOf('}'))).getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[head.length + b.length + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(b, 0, all, head.length, b.length);
      System.arraycopy(tail, 0, all, head.length + b.length, tail.length);
      pages.add(all);
    }
    return pages;
  }

  @Test
  void readsWhatItVouchesForAsJacksonDoes() throws Exception {
    for (String page : leanPages()) {
      for (boolean doubled : List.of(false, true)) {
        byte[] bytes = bytes(page, doubled);
        Optional<StoredDiscussionPage> lean = LeanPageReader.read(bytes, 0, bytes.length, doubled);
        assertThat(lean).as("lean reading of %s (doubled: %s)", page, doubled).isPresent();
        assertThat(lean.get()).as(page).isEqualTo(jackson(page));
        assertThat(StoredDiscussionPage.parse(bytes, 0, bytes.length, doubled)).isEqualTo(lean.get());
      }
    }
  }

  @Test
  void leavesEverythingElseToJacksonWhichGivesItsPageOrItsMessage() {
    List<byte[]> pages = new ArrayList<>();
    jacksonPages().forEach(p -> pages.add(p.getBytes(StandardCharsets.UTF_8)));
    pages.addAll(notUtf8Pages());
    for (byte[] page : pages) {
      String shown = new String(page, StandardCharsets.UTF_8);
      Object reference = outcome(() -> StoredDiscussionPage.parseWithJackson(page, 0, page.length));
      for (boolean doubled : List.of(false, true)) {
        byte[] bytes = doubled ? doubleQuotes(page) : page;
        assertThat(LeanPageReader.read(bytes, 0, bytes.length, doubled)).as("%s (doubled: %s)", shown, doubled).isEmpty();
        assertThat(outcome(() -> StoredDiscussionPage.parse(bytes, 0, bytes.length, doubled)))
            .as("%s (doubled: %s)", shown, doubled).isEqualTo(reference);
      }
    }
  }

  @Test
  void findsEachKindOfByteAtEveryPlaceOfAWordThatTheStringScanReadsWhole() {
    // the string scan reads eight bytes at a time: each byte that needs a look, at each place of a word
    String[] inserts = {"\\\"", "\\\\", "\\n", "\\u00e9", "é", "€", "😀", "\u007f", "\t", "\u0000", "\u001f", " ", "~"};
    List<byte[]> bad = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF});
    for (int at = 0; at < 20; at++) {
      for (int tail = 0; tail < 10; tail++) {
        List<byte[]> titles = new ArrayList<>();
        for (String insert : inserts) {
          titles.add(("x".repeat(at) + insert + "y".repeat(tail)).getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] b : bad) {
          byte[] title = new byte[at + b.length + tail];
          java.util.Arrays.fill(title, (byte) 'z');
          System.arraycopy(b, 0, title, at, b.length);
          titles.add(title);
        }
        for (byte[] title : titles) {
          byte[] head = page("\"title\":\"").getBytes(StandardCharsets.UTF_8);
          head = java.util.Arrays.copyOf(head, head.length - page("").substring(page("").indexOf("},\"discussionRole"))
              .length());
          byte[] rest = ("\"" + page("").substring(page("").indexOf("},\"discussionRole"))).getBytes(StandardCharsets.UTF_8);
          byte[] all = new byte[head.length + title.length + rest.length];
          System.arraycopy(head, 0, all, 0, head.length);
          System.arraycopy(title, 0, all, head.length, title.length);
          System.arraycopy(rest, 0, all, head.length + title.length, rest.length);
          Object reference = outcome(() -> StoredDiscussionPage.parseWithJackson(all, 0, all.length));
          for (boolean doubled : List.of(false, true)) {
            byte[] bytes = doubled ? doubleQuotes(all) : all;
            String shown = new String(all, StandardCharsets.UTF_8);
            assertThat(outcome(() -> StoredDiscussionPage.parse(bytes, 0, bytes.length, doubled)))
                .as("%s (doubled: %s)", shown, doubled).isEqualTo(reference);
            if (reference instanceof StoredDiscussionPage page) {
              assertThat(LeanPageReader.read(bytes, 0, bytes.length, doubled)).as("lean: %s", shown).contains(page);
            } else {
              assertThat(LeanPageReader.read(bytes, 0, bytes.length, doubled)).as("lean: %s", shown).isEmpty();
            }
          }
        }
      }
    }
  }

  @Test
  void aQuoteLeftSingleInADoubledFieldIsLeftToJackson() {
    byte[] bytes = page("\"title\":\"a\"").replace("\"", "\"\"").replaceFirst("\"\"a", "\"a")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(LeanPageReader.read(bytes, 0, bytes.length, true)).isEmpty();
  }

  @Test
  void readsAPageInsideALargerBuffer() throws Exception {
    String page = leanPages().get(1);
    byte[] inner = bytes(page, true);
    byte[] buffer = new byte[inner.length + 20];
    java.util.Arrays.fill(buffer, (byte) '"');
    System.arraycopy(inner, 0, buffer, 10, inner.length);
    assertThat(LeanPageReader.read(buffer, 10, inner.length, true)).contains(jackson(page));
  }

  /** A quoted CSV field holding {@code page}, then the rest of its record: {@code "<page, quotes doubled>",next}. */
  private static byte[] field(byte[] page) {
    byte[] doubled = doubleQuotes(page);
    byte[] all = new byte[doubled.length + 7];
    all[0] = '"';
    System.arraycopy(doubled, 0, all, 1, doubled.length);
    System.arraycopy("\",next".getBytes(StandardCharsets.US_ASCII), 0, all, 1 + doubled.length, 6);
    return all;
  }

  /**
   * Reads {@code page} in its field with {@code reader}: where it reads it, the page is the lean
   * reader's and Jackson's, its closing quote the field's, its line feeds the field's; where it
   * does not, the lean reader of the field's whole text does not either.
   */
  private static void readInField(StoredDiscussionPage.CsvFieldReader reader, byte[] page, String shown) {
    byte[] all = field(page);
    int closing = all.length - 6;
    byte[] text = java.util.Arrays.copyOfRange(all, 1, closing);
    Optional<StoredDiscussionPage> lean = LeanPageReader.read(text, 0, text.length, true);
    int at = reader.read(all, 1, all.length);
    if (lean.isPresent()) {
      assertThat(at).as("closing quote of %s", shown).isEqualTo(closing);
      assertThat(reader.page()).as(shown).isEqualTo(lean.get())
          .isEqualTo(outcome(() -> StoredDiscussionPage.parseWithJackson(page, 0, page.length)));
      int lines = 0;
      for (byte b : text) {
        lines += b == '\n' ? 1 : 0;
      }
      assertThat(reader.lines()).as("line feeds of %s", shown).isEqualTo(lines);
    } else {
      assertThat(at).as("not read: %s", shown).isEqualTo(-1);
    }
    // cut anywhere before its closing quote's pair is known, the field is not read
    for (int limit : new int[] {1, closing / 2, closing - 1, closing}) {
      assertThat(reader.read(all, 1, limit)).as("%s cut at %d", shown, limit).isEqualTo(-1);
    }
  }

  @Test
  void aRememberingReaderReadsEachPageInItsFieldAsTheLeanReaderAndJacksonDoWhateverCameBefore() {
    List<byte[]> pages = new ArrayList<>();
    leanPages().forEach(p -> pages.add(p.getBytes(StandardCharsets.UTF_8)));
    jacksonPages().forEach(p -> pages.add(p.getBytes(StandardCharsets.UTF_8)));
    pages.addAll(notUtf8Pages());
    // values long enough to be remembered, met again in other pages and other places, and cut short
    String author = "{\"_id\":\"63dd1bb7a2e7b1e7f9e3d0a1\",\"avatarUrl\":\"/avatars/2ef3.svg\",\"name\":\"SFconvertbot\","
        + "\"isHf\":false,\n \"isMod\":false}";
    String raw = "This is an automated PR created with https://huggingface.co/spaces/safetensors/convert\\n\\nIt adds";
    String comment = event("comment", "\"author\":" + author + ",\"createdAt\":\"t1\",\"data\":{\"hidden\":false,"
        + "\"latest\":{\"raw\":\"" + raw + "\",\"html\":\"<p>" + raw + "</p>\",\"author\":" + author + "},"
        + "\"editors\":[\"SFconvertbot\",\"SFconvertbot\",\"SFconvertbot\"]}");
    String repeated = page("\"title\":\"Adding `safetensors` variant of this model\",\"author\":" + author
        + ",\"changes\":{\"base\":\"refs/heads/main\",\"x\":[1,2,3,4,5,6,7,8,9]},\"events\":[" + comment + ","
        + comment + "]");
    pages.add(repeated.getBytes(StandardCharsets.UTF_8));
    pages.add(repeated.replace("\"isMod\":false}", "\"isMod\":false").getBytes(StandardCharsets.UTF_8));
    pages.add(repeated.replace("It adds", "It adds\u0001").getBytes(StandardCharsets.UTF_8));
    pages.add(page("\"author\":" + author + ",\"title\":\"Adding `safetensors` variant of this model").getBytes(
        StandardCharsets.UTF_8));
    pages.add(page("\"author\":" + author.substring(0, author.length() - 1)).getBytes(StandardCharsets.UTF_8));
    StoredDiscussionPage.CsvFieldReader reader = new StoredDiscussionPage.CsvFieldReader();
    StoredDiscussionPage.CsvFieldReader sibling = reader.sharingMemory();
    java.util.Random random = new java.util.Random(20261206);
    for (int round = 0; round < 6; round++) {
      List<byte[]> order = new ArrayList<>(pages);
      java.util.Collections.shuffle(order, random);
      for (byte[] page : order) {
        String shown = new String(page, StandardCharsets.UTF_8);
        readInField(random.nextBoolean() ? reader : sibling, page, shown);
        readInField(reader, page, shown); // at once again: everything long in it is remembered now
      }
    }
  }

  @Test
  void aRememberedValueIsPassedOnlyWhereItsNestingStaysWithinTheLimit() {
    // an author object nesting 97 levels: within the limit as the discussion's author (depth 2), past
    // it as an event's author (depth 4), where the lean reader leaves the page to Jackson
    String deep = "{\"name\":\"deep\",\"pad\":" + "[".repeat(96) + "]".repeat(96) + "}";
    byte[] shallow = page("\"author\":" + deep).getBytes(StandardCharsets.UTF_8);
    byte[] deeper = page("\"events\":[" + event("comment", "\"author\":" + deep) + "]").getBytes(StandardCharsets.UTF_8);
    StoredDiscussionPage.CsvFieldReader reader = new StoredDiscussionPage.CsvFieldReader();
    readInField(reader, shallow, "shallow");
    assertThat(reader.read(field(shallow), 1, field(shallow).length)).isPositive();
    assertThat(reader.read(field(deeper), 1, field(deeper).length)).isEqualTo(-1);
    assertThat(LeanPageReader.read(doubleQuotes(deeper), 0, doubleQuotes(deeper).length, true)).isEmpty();
    assertThat(outcome(() -> StoredDiscussionPage.parse(deeper, 0, deeper.length)))
        .isInstanceOf(StoredDiscussionPage.class);
  }

  @Test
  void aFieldWithTextAfterItsPageOrAQuotePairAfterItIsNotRead() {
    StoredDiscussionPage.CsvFieldReader reader = new StoredDiscussionPage.CsvFieldReader();
    String page = leanPages().get(0);
    for (String after : List.of(" x", "\"\"", "\"\" ", "}")) {
      byte[] all = field((page + after).getBytes(StandardCharsets.UTF_8));
      assertThat(reader.read(all, 1, all.length)).as(after).isEqualTo(-1);
    }
    byte[] spaced = field((page + " \n\t").getBytes(StandardCharsets.UTF_8));
    assertThat(reader.read(spaced, 1, spaced.length)).isEqualTo(spaced.length - 6);
    assertThat(reader.lines()).isEqualTo(1);
  }

  private static StoredDiscussionPage jackson(String page) throws Exception {
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    return StoredDiscussionPage.parseWithJackson(bytes, 0, bytes.length);
  }

  private static byte[] bytes(String page, boolean doubled) {
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    return doubled ? doubleQuotes(bytes) : bytes;
  }

  static byte[] doubleQuotes(byte[] bytes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte b : bytes) {
      out.write(b);
      if (b == '"') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  interface Parse {
    StoredDiscussionPage get() throws Exception;
  }

  /** The page, or the exception's class and message. */
  static Object outcome(Parse parse) {
    try {
      return parse.get();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
