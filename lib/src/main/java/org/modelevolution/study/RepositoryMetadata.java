package org.modelevolution.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelevolution.io.Sha256;

/**
 * Reads the creation time of each selected repository from {@code selected_{group}_repos.json}.
 *
 * <p>The file (69 MB at SYNTHETIC scale 1, ten times that at scale 10) is read by a lean reader
 * that looks at each byte once and decodes only the two values kept ({@code id},
 * {@code created_at}); Jackson took about three times as long. The lean reader takes only
 * plain, well-formed JSON (a root array of objects, strict grammar, ASCII values for the two
 * fields kept, no escapes in keys): at anything else it stops and the file is read again with
 * Jackson, whose reading is the definition here, so both give the same map, or Jackson's error,
 * for every file.
 */
final class RepositoryMetadata {
  private RepositoryMetadata() {}

  static Inputs.Parsed<Map<String, Instant>> read(Path file) {
    Inputs.Parsed<Map<String, Instant>> lean = LeanReader.read(file);
    return lean != null ? lean : readWithJackson(file);
  }

  /** The reading the lean reader must agree with: Jackson's streaming parser, on any file. */
  static Inputs.Parsed<Map<String, Instant>> readWithJackson(Path file) {
    Map<String, Instant> created = new LinkedHashMap<>(); // file order: the selection order shards merge in
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest);
        JsonParser parser = new JsonFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new StudyDataException(file.getFileName() + ":1:1: not a JSON array of repositories");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        Instant createdAt = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("id".equals(field)) {
            id = parser.getValueAsString();
          } else if ("created_at".equals(field)) {
            createdAt = value == JsonToken.VALUE_NUMBER_INT
                ? Instant.ofEpochMilli(parser.getLongValue())
                : value == JsonToken.VALUE_STRING ? Instant.parse(parser.getText()) : null;
          } else {
            parser.skipChildren();
          }
        }
        if (id != null && createdAt != null) {
          created.put(id, createdAt);
        }
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (JsonProcessingException e) {
      throw new StudyDataException(file.getFileName() + ":" + e.getLocation().getLineNr() + ":"
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException | DateTimeParseException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return new Inputs.Parsed<>(created, HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * One pass over the bytes, hashing them as they are read. Every method returns normally only on
   * input it fully understands; anything else throws {@link NotLean}, and the file goes to Jackson.
   */
  static final class LeanReader {
    private static final int BUFFER = 1 << 20;
    /** Well inside Jackson's own limits (nesting 1,000; a name 50,000 chars; a number 1,000; a string 20 M). */
    private static final int MAX_DEPTH = 200;
    private static final int MAX_KEY = 10_000;
    private static final int MAX_NUMBER = 500;
    private static final int MAX_VALUE = 100_000;
    private static final int MAX_MILLIS_DIGITS = 18;
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] CREATED_AT = {'c', 'r', 'e', 'a', 't', 'e', 'd', '_', 'a', 't'};

    private final InputStream in;
    private final MessageDigest digest;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private final byte[] key = new byte[CREATED_AT.length];
    private int keyLength;
    private boolean keyPlain;
    private final StringBuilder text = new StringBuilder();

    private LeanReader(InputStream in, MessageDigest digest) {
      this.in = in;
      this.digest = digest;
    }

    /** The file read by the lean reader, or null when it must be read by Jackson. */
    static Inputs.Parsed<Map<String, Instant>> read(Path file) {
      MessageDigest digest = Sha256.digest();
      try (InputStream in = Files.newInputStream(file)) {
        LeanReader reader = new LeanReader(in, digest);
        Map<String, Instant> created = reader.repositories();
        reader.drain();
        return new Inputs.Parsed<>(created, HexFormat.of().formatHex(digest.digest()));
      } catch (NotLean | IOException e) {
        return null; // Jackson reads it again, and reports what is wrong, if anything
      }
    }

    /** The root array, to its closing bracket (what follows it is hashed, not read: as Jackson's reading). */
    Map<String, Instant> repositories() throws IOException {
      Map<String, Instant> created = new LinkedHashMap<>();
      if (nonSpace() != '[') {
        throw NotLean.INSTANCE;
      }
      int c = nonSpace();
      if (c == ']') {
        return created;
      }
      while (true) {
        if (c != '{') {
          throw NotLean.INSTANCE; // an element that is not an object ends Jackson's loop: it decides
        }
        repository(created);
        c = nonSpace();
        if (c == ']') {
          return created;
        }
        if (c != ',') {
          throw NotLean.INSTANCE;
        }
        c = nonSpace();
      }
    }

    /** One repository object, its opening brace read; its id and creation time put in {@code created}. */
    private void repository(Map<String, Instant> created) throws IOException {
      String id = null;
      Instant createdAt = null;
      int c = nonSpace();
      if (c != '}') {
        while (true) {
          if (c != '"') {
            throw NotLean.INSTANCE;
          }
          key();
          if (!keyPlain || nonSpace() != ':') {
            throw NotLean.INSTANCE; // an escaped or non-ASCII key may be "id" written otherwise: Jackson's
          }
          c = nonSpace();
          if (isKey(ID)) {
            if (c != '"') {
              throw NotLean.INSTANCE;
            }
            id = asciiString();
            c = next();
          } else if (isKey(CREATED_AT)) {
            createdAt = createdAt(c);
            c = current();
          } else {
            c = value(c, 1);
          }
          c = isSpace(c) ? nonSpace() : c;
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw NotLean.INSTANCE;
          }
          c = nonSpace();
        }
      }
      if (id != null && createdAt != null) {
        created.put(id, createdAt);
      }
    }

    /** {@code created_at}'s value, whose first byte is {@code c}; the reader then stands on the byte after it. */
    private Instant createdAt(int c) throws IOException {
      if (c == '"') {
        String value = asciiString();
        next();
        try {
          return Instant.parse(value);
        } catch (DateTimeParseException e) {
          throw NotLean.INSTANCE; // Jackson's reading reports it
        }
      }
      if (c != '-' && !(c >= '0' && c <= '9')) {
        throw NotLean.INSTANCE; // null, true, an object...: Jackson's reading decides
      }
      boolean negative = c == '-';
      if (negative) {
        c = next();
      }
      if (!(c >= '0' && c <= '9')) {
        throw NotLean.INSTANCE;
      }
      long millis = 0;
      int digits = 0;
      boolean leadingZero = c == '0';
      for (; c >= '0' && c <= '9'; c = next()) {
        if (++digits > MAX_MILLIS_DIGITS || leadingZero && digits > 1) {
          throw NotLean.INSTANCE;
        }
        millis = 10 * millis + (c - '0');
      }
      if (!isValueEnd(c)) {
        throw NotLean.INSTANCE; // a fraction or exponent (a float: Jackson keeps no time), or not a number
      }
      return Instant.ofEpochMilli(negative ? -millis : millis);
    }

    /**
     * Skips a value whose first byte is {@code c}, checking its grammar; returns the byte after
     * it (which a number needs to see to end).
     */
    private int value(int c, int depth) throws IOException {
      switch (c) {
        case '"' -> {
          skipString();
          return next();
        }
        case '{' -> {
          return object(depth + 1);
        }
        case '[' -> {
          return array(depth + 1);
        }
        case 't' -> {
          return literal("rue");
        }
        case 'f' -> {
          return literal("alse");
        }
        case 'n' -> {
          return literal("ull");
        }
        default -> {
          return number(c);
        }
      }
    }

    private int object(int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        throw NotLean.INSTANCE;
      }
      int c = nonSpace();
      if (c == '}') {
        return next();
      }
      while (true) {
        if (c != '"') {
          throw NotLean.INSTANCE;
        }
        key();
        if (nonSpace() != ':') {
          throw NotLean.INSTANCE;
        }
        c = value(nonSpace(), depth);
        c = isSpace(c) ? nonSpace() : c;
        if (c == '}') {
          return next();
        }
        if (c != ',') {
          throw NotLean.INSTANCE;
        }
        c = nonSpace();
      }
    }

    private int array(int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        throw NotLean.INSTANCE;
      }
      int c = nonSpace();
      if (c == ']') {
        return next();
      }
      while (true) {
        c = value(c, depth);
        c = isSpace(c) ? nonSpace() : c;
        if (c == ']') {
          return next();
        }
        if (c != ',') {
          throw NotLean.INSTANCE;
        }
        c = nonSpace();
      }
    }

    private int literal(String rest) throws IOException {
      for (int i = 0; i < rest.length(); i++) {
        if (next() != rest.charAt(i)) {
          throw NotLean.INSTANCE;
        }
      }
      int c = next();
      if (!isValueEnd(c)) {
        throw NotLean.INSTANCE; // "nullx": Jackson's error
      }
      return c;
    }

    /** JSON's number grammar exactly (no leading zero, no lone '-', '.' or 'e'), then a byte that may follow a value. */
    private int number(int first) throws IOException {
      int c = first;
      int length = 0;
      if (c == '-') {
        c = next();
        length++;
      }
      if (!(c >= '0' && c <= '9')) {
        throw NotLean.INSTANCE;
      }
      if (c == '0') {
        c = next();
        length++;
      } else {
        for (; c >= '0' && c <= '9'; c = next()) {
          length++;
        }
      }
      if (c == '.') {
        c = next();
        if (!(c >= '0' && c <= '9')) {
          throw NotLean.INSTANCE;
        }
        for (; c >= '0' && c <= '9'; c = next()) {
          length++;
        }
      }
      if (c == 'e' || c == 'E') {
        c = next();
        if (c == '+' || c == '-') {
          c = next();
        }
        if (!(c >= '0' && c <= '9')) {
          throw NotLean.INSTANCE;
        }
        for (; c >= '0' && c <= '9'; c = next()) {
          length++;
        }
      }
      if (length > MAX_NUMBER || !isValueEnd(c)) {
        throw NotLean.INSTANCE;
      }
      return c;
    }

    /**
     * A key, its opening quote read, checked as a string is; its first bytes kept in {@link #key}.
     * {@link #keyPlain} tells whether those are the key (ASCII, no escape).
     */
    private void key() throws IOException {
      keyLength = 0;
      keyPlain = true;
      while (true) {
        int run = ByteSearch.jsonStringStop(buffer, position, limit) - position;
        if (run > 0) {
          // plain bytes: kept while the key may still be one of those looked for
          if (keyLength + run <= key.length) {
            System.arraycopy(buffer, position, key, keyLength, run);
          }
          keyLength += run;
          position += run;
          if (keyLength > MAX_KEY) {
            throw NotLean.INSTANCE;
          }
        }
        int c = next();
        if (c == '"') {
          return;
        }
        if (c < 0x20 || ++keyLength > MAX_KEY) {
          throw NotLean.INSTANCE;
        }
        if (c == '\\') {
          escaped();
          keyPlain = false;
        } else if (c >= 0x80) {
          utf8(c);
          keyPlain = false;
        } else if (keyLength <= key.length) {
          key[keyLength - 1] = (byte) c;
        }
      }
    }

    private boolean isKey(byte[] name) {
      if (keyLength != name.length) {
        return false;
      }
      for (int i = 0; i < name.length; i++) {
        if (key[i] != name[i]) {
          return false;
        }
      }
      return true;
    }

    /** A string value kept, its opening quote read, up to and including its closing quote: ASCII, JSON's escapes. */
    private String asciiString() throws IOException {
      text.setLength(0);
      while (true) {
        int c = next();
        if (c == '"') {
          return text.toString();
        }
        if (c < 0x20 || c >= 0x80 || text.length() >= MAX_VALUE) {
          throw NotLean.INSTANCE;
        }
        text.append(c == '\\' ? escaped() : (char) c);
      }
    }

    /** The character an escape stands for, its backslash read. */
    private char escaped() throws IOException {
      int c = next();
      switch (c) {
        case '"', '\\', '/' -> {
          return (char) c;
        }
        case 'b' -> {
          return '\b';
        }
        case 'f' -> {
          return '\f';
        }
        case 'n' -> {
          return '\n';
        }
        case 'r' -> {
          return '\r';
        }
        case 't' -> {
          return '\t';
        }
        case 'u' -> {
          int value = 0;
          for (int i = 0; i < 4; i++) {
            int h = next();
            int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (digit < 0) {
              throw NotLean.INSTANCE;
            }
            value = value << 4 | digit;
          }
          return (char) value;
        }
        default -> throw NotLean.INSTANCE;
      }
    }

    /**
     * Skips a string value, its opening quote read, up to and including its closing quote: checks
     * its escapes and that its bytes are UTF-8 (strictly: what is accepted here Jackson accepts).
     */
    private void skipString() throws IOException {
      while (true) {
        // the plain run, eight bytes at a time, in the buffer without a refill per byte
        position = ByteSearch.jsonStringStop(buffer, position, limit);
        int c = next();
        if (c == '"') {
          return;
        }
        if (c == '\\') {
          escaped();
        } else if (c >= 0x80) {
          utf8(c);
        } else if (c < 0x20) {
          throw NotLean.INSTANCE; // a control character, or the end of the file inside the string
        }
      }
    }

    /** The continuation bytes of a UTF-8 sequence whose lead byte is {@code lead}; well-formed UTF-8 only. */
    private void utf8(int lead) throws IOException {
      int low = 0x80;
      int high = 0xBF;
      int continuations;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuations = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuations = 2;
        low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong form
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogate
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuations = 3;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
      } else {
        throw NotLean.INSTANCE;
      }
      for (int k = 0; k < continuations; k++) {
        int c = next();
        if (c < low || c > high) {
          throw NotLean.INSTANCE;
        }
        low = 0x80;
        high = 0xBF;
      }
    }

    private static boolean isSpace(int c) {
      return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Whether {@code c} may follow a value inside an object or array. */
    private static boolean isValueEnd(int c) {
      return c == ',' || c == '}' || c == ']' || isSpace(c);
    }

    /** The next byte that is not white space (-1 at the end of the file). */
    private int nonSpace() throws IOException {
      while (true) {
        byte[] b = buffer;
        int i = position;
        int end = limit;
        while (i < end) {
          byte x = b[i++];
          if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
            position = i;
            return x & 0xFF;
          }
        }
        position = end;
        if (!fill()) {
          return -1;
        }
      }
    }

    /** The next byte (-1 at the end of the file). */
    private int next() throws IOException {
      if (position == limit && !fill()) {
        return -1;
      }
      return buffer[position++] & 0xFF;
    }

    /** The byte last returned by {@link #next()} (the reader stands after it). */
    private int current() {
      return position == 0 ? -1 : buffer[position - 1] & 0xFF;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        position = 0;
        limit = 0;
        return false;
      }
      digest.update(buffer, 0, n);
      position = 0;
      limit = n;
      return true;
    }

    /** Hashes the rest of the file. */
    private void drain() throws IOException {
      position = limit;
      while (fill()) {
        position = limit;
      }
    }
  }

  /** The lean reader met what it does not take: Jackson reads the file. */
  private static final class NotLean extends RuntimeException {
    static final NotLean INSTANCE = new NotLean();

    private NotLean() {
      super("not for the lean reader", null, false, false);
    }
  }
}
