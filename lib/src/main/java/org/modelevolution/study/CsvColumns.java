package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.modelevolution.io.Sha256;

/**
 * Streams the study's CSV files (pandas {@code to_csv} layout: a header row, RFC 4180 quoting,
 * fields may span lines, UTF-8) one record at a time, handing over only the requested columns,
 * and computes the file's SHA-256 on the same pass (for provenance). It works on bytes: a record
 * is a set of byte ranges in a reusable buffer, so a consumer can scan a long field in place (the
 * {@code all_files_in_tree} field is most of the 604 MB recent commit log) and decode only what
 * it keeps. Memory is the buffer, which grows only to the longest record; file size is
 * unbounded. {@link CsvRecords} reads whole records by column name instead (small files).
 */
public final class CsvColumns {
  private static final int INITIAL_BUFFER = 1 << 20;
  /** No study record comes near this; a file that needs more is not one of the study's CSVs. */
  private static final int MAX_RECORD = 1 << 30;
  private static final int NEED_MORE = -1;

  private CsvColumns() {}

  /** Receives each record; the record object and its buffer are reused, so copy what must outlive the call. */
  interface RecordConsumer {
    void accept(Record record);
  }

  /**
   * Reads a quoted field's text in the pass that looks for where the field ends (the PR table's
   * page JSON: one walk over its bytes instead of two), for one column; the record's consumer then
   * takes what it read from it when {@link Record#read(int)}.
   */
  interface QuotedFieldReader {
    /**
     * Reads the quoted field whose text starts at {@code bytes[from]} (quotes doubled), looking no
     * further than {@code limit}; returns {@link ByteSearch#closingQuote}'s answer for the field,
     * or {@link #NOT_READ} when it cannot tell (the field is then split as any other, unread).
     */
    long read(byte[] bytes, int from, int limit);
  }

  /** A {@link QuotedFieldReader}'s answer when it did not read the field. */
  static final long NOT_READ = -1;

  /**
   * One record, seen through the requested columns: column {@code k} spans bytes
   * {@code [start(k), end(k))} of {@link #bytes()}, quotes removed (doubled quotes still doubled
   * when {@link #escaped(int)}). Missing trailing fields are empty.
   */
  static final class Record {
    private static final QuotedFieldReader[] NO_READERS = new QuotedFieldReader[0];

    private byte[] bytes;
    private final int[] column;
    /** By field of the file: the reader of that field when quoted, or null (may be shorter than the fields). */
    private final QuotedFieldReader[] readers;
    private int[] start;
    private int[] end;
    private boolean[] escaped;
    private boolean[] read;
    private int fields;
    private long line;

    private Record(int[] column, int capacity) {
      this(column, capacity, NO_READERS);
    }

    private Record(int[] column, int capacity, QuotedFieldReader[] readers) {
      this.column = column;
      this.readers = readers;
      this.start = new int[capacity];
      this.end = new int[capacity];
      this.escaped = new boolean[capacity];
      this.read = new boolean[capacity];
    }

    byte[] bytes() {
      return bytes;
    }

    int start(int k) {
      return start[column[k]];
    }

    int end(int k) {
      return end[column[k]];
    }

    boolean escaped(int k) {
      return escaped[column[k]];
    }

    /** Whether column {@code k}'s {@link QuotedFieldReader} read this record's field. */
    boolean read(int k) {
      return read[column[k]];
    }

    /** The field of column {@code k}, decoded. */
    String string(int k) {
      return field(column[k]);
    }

    /** Whether the field of column {@code k} is exactly {@code ascii}, without decoding it. */
    boolean is(int k, byte[] ascii) {
      int from = start(k);
      return end(k) - from == ascii.length && Arrays.equals(bytes, from, from + ascii.length, ascii, 0, ascii.length);
    }

    /** Undoes the doubled quotes of column {@code k} in place, so that {@link #bytes()} holds its value. */
    void unescape(int k) {
      if (escaped[column[k]]) {
        unescapeField(column[k]);
      }
    }

    /** The line of the file the record starts on (1 is the header). */
    long line() {
      return line;
    }

    private String field(int f) {
      if (escaped[f]) {
        unescapeField(f);
      }
      String value = new String(bytes, start[f], end[f] - start[f], StandardCharsets.UTF_8);
      if (value.indexOf('\uFFFD') >= 0) {
        // U+FFFD is where decoding replaced bytes, or a real U+FFFD: decode strictly to tell
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes, start[f], end[f] - start[f]));
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new NotUtf8(f);
        }
      }
      return value;
    }

    /**
     * Undoes the doubled quotes of field {@code f} in place: the record is parsed whole and its
     * bytes are not read again, so the field can shrink where it lies, with no copy.
     */
    private void unescapeField(int f) {
      int n = start[f];
      for (int i = start[f]; i < end[f]; i++) {
        bytes[n++] = bytes[i];
        if (bytes[i] == '"') {
          i++; // the field is well formed: a quote inside it is always doubled
        }
      }
      end[f] = n;
      escaped[f] = false;
    }

    private void ensure(int capacity) {
      if (capacity > start.length) {
        int size = Math.max(capacity, 2 * start.length);
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        escaped = Arrays.copyOf(escaped, size);
        read = Arrays.copyOf(read, size);
      }
    }
  }

  /**
   * Calls {@code consumer} for every record with the values of {@code columns}, in that order.
   * Missing trailing fields read as empty strings; blank lines are skipped.
   *
   * @return the SHA-256 of the file's bytes, computed while streaming (no second pass)
   * @throws StudyDataException when a column is missing or the file is not valid CSV; a
   *     consumer's exception is reported with the file, line and column it came from
   */
  public static String forEach(Path file, List<String> columns, Consumer<String[]> consumer) {
    String[] values = new String[columns.size()];
    return forEachRecord(file, columns, record -> {
      for (int k = 0; k < values.length; k++) {
        values[k] = record.string(k);
      }
      consumer.accept(values);
    });
  }

  /** Calls {@code consumer} for every record, as byte ranges; returns the file's SHA-256. */
  static String forEachRecord(Path file, List<String> columns, RecordConsumer consumer) {
    MessageDigest digest = Sha256.digest();
    try (InputStream in = Files.newInputStream(file)) {
      read(in, digest, file.getFileName().toString(), columns, header -> {}, consumer);
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Calls {@code consumer} for every record of {@code in} (not closed here), as byte ranges,
   * after showing the header to {@code onHeader}; {@code name} names the input in errors. The
   * caller hashes what it needs (a zip member's container, say).
   */
  static void forEachRecord(InputStream in, String name, List<String> columns, Consumer<List<String>> onHeader,
      RecordConsumer consumer) {
    read(in, null, name, columns, onHeader, new QuotedFieldReader[0], consumer);
  }

  /**
   * As {@link #forEachRecord(InputStream, String, List, Consumer, RecordConsumer)}, with the quoted
   * fields of column {@code k} read by {@code readers[k]} where it is not null.
   */
  static void forEachRecord(InputStream in, String name, List<String> columns, Consumer<List<String>> onHeader,
      QuotedFieldReader[] readers, RecordConsumer consumer) {
    read(in, null, name, columns, onHeader, readers, consumer);
  }

  private static void read(InputStream in, MessageDigest digest, String name, List<String> columns,
      Consumer<List<String>> onHeader, RecordConsumer consumer) {
    read(in, digest, name, columns, onHeader, new QuotedFieldReader[0], consumer);
  }

  private static void read(InputStream in, MessageDigest digest, String name, List<String> columns,
      Consumer<List<String>> onHeader, QuotedFieldReader[] readers, RecordConsumer consumer) {
    Scanner scanner = new Scanner(in, name, digest, 0, 1);
    try {
      Header header = header(scanner, name, columns, onHeader);
      Tally tally = new Tally();
      records(scanner, header, name, columns, readers, consumer, Long.MAX_VALUE, tally);
      tally.warn(name);
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** A file's column names, and where each requested column is among them. */
  record Header(List<String> names, int[] index) {}

  /** Reads the header row at the scanner's position, showing it to {@code onHeader} before looking for the columns. */
  static Header header(Scanner scanner, String name, List<String> columns, Consumer<List<String>> onHeader)
      throws IOException {
    Record header = new Record(new int[0], 64);
    if (!scanner.next(header, true)) {
      throw new StudyDataException(name + " is empty: expected a header row");
    }
    List<String> names = new ArrayList<>();
    for (int f = 0; f < header.fields; f++) {
      String field = header.field(f);
      names.add(f == 0 && field.startsWith("\uFEFF") ? field.substring(1) : field);
    }
    onHeader.accept(List.copyOf(names));
    int[] index = new int[columns.size()];
    for (int k = 0; k < index.length; k++) {
      index[k] = names.indexOf(columns.get(k));
      if (index[k] < 0) {
        throw new StudyDataException(name + " has no column '" + columns.get(k) + "' (header: " + names + ")");
      }
    }
    return new Header(List.copyOf(names), index);
  }

  /**
   * What a parse met and reads, but reports: the rows with fewer fields than the header (how many,
   * and the line of the first), and a last record that ends without a line feed (its line).
   */
  static final class Tally {
    long shortRows;
    long firstShort;
    /** The line the file's last record starts on when no line feed ends it, else 0. */
    long unterminatedLine;

    /** Adds the rows of a later part of the same file, whose line numbers are {@code shift} short of the file's. */
    void add(Tally later, long shift) {
      if (shortRows == 0 && later.shortRows > 0) {
        firstShort = later.firstShort + shift;
      }
      shortRows += later.shortRows;
      if (later.unterminatedLine > 0) {
        unterminatedLine = later.unterminatedLine + shift;
      }
    }

    void warn(String name) {
      if (shortRows > 0) {
        CsvWarnings.add(name + ": " + shortRows + " row" + (shortRows == 1 ? "" : "s") + " with fewer fields than the"
            + " header (first at line " + firstShort + "), read with the missing fields empty, as pandas reads them as"
            + " missing values");
      }
      if (unterminatedLine > 0) {
        // pandas' to_csv ends every row with a line feed: a file without one at the end was most likely cut
        // short (a copy or download that stopped), and its last row may be incomplete; pandas would read it too
        CsvWarnings.add(name + ": its last row (line " + unterminatedLine + ") does not end with a line feed, as every"
            + " row written by pandas' to_csv does: the file may be truncated; that row was read as it stands");
      }
    }
  }

  /**
   * Hands {@code consumer} every record at the scanner's position and after it that starts before
   * byte {@code limit} of the file, counting the short ones in {@code tally}.
   */
  static void records(Scanner scanner, Header header, String name, List<String> columns, RecordConsumer consumer,
      long limit, Tally tally) throws IOException {
    records(scanner, header, name, columns, new QuotedFieldReader[0], consumer, limit, tally);
  }

  private static void records(Scanner scanner, Header header, String name, List<String> columns,
      QuotedFieldReader[] readers, RecordConsumer consumer, long limit, Tally tally) throws IOException {
    List<String> names = header.names();
    int[] index = header.index();
    QuotedFieldReader[] byField = new QuotedFieldReader[names.size()];
    for (int k = 0; k < readers.length; k++) {
      if (readers[k] != null) {
        byField[index[k]] = readers[k];
      }
    }
    Record record = new Record(index, names.size(), byField);
    while (scanner.offset() < limit && scanner.next(record, false)) {
      if (record.fields == 1 && record.end[0] == record.start[0]) {
        continue; // blank line
      }
      if (record.fields > names.size()) {
        // pandas' read_csv refuses such a row too ("Expected n fields in line l, saw m")
        throw new StudyDataException(name + ":" + record.line + ": " + record.fields + " fields, but the header has "
            + names.size() + ": a row with extra fields (a stray comma or an unquoted field?)");
      }
      if (record.fields < names.size()) {
        // pandas reads the missing trailing fields as missing values (NaN): accepted, and counted
        if (tally.shortRows++ == 0) {
          tally.firstShort = record.line;
        }
      }
      if (scanner.endedWithoutLineFeed()) {
        tally.unterminatedLine = record.line;
      }
      try {
        consumer.accept(record);
      } catch (NotUtf8 e) {
        throw new StudyDataException(name + ":" + record.line + ": field " + (e.field + 1) + " ('"
            + names.get(e.field) + "') holds bytes that are not UTF-8", e);
      } catch (FieldException e) {
        throw new StudyDataException(name + ":" + record.line + ": column '" + columns.get(e.column) + "' ("
            + (index[e.column] + 1) + "): " + e.getMessage(), e);
      } catch (StudyDataException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StudyDataException(name + ":" + record.line + ": " + e.getMessage(), e);
      }
    }
    if (scanner.endedWithoutLineFeed() && tally.unterminatedLine == 0) {
      tally.unterminatedLine = scanner.line(); // the header is the last line
    }
  }

  /**
   * Whether the records at the scanner's position look like rows of the file: the next
   * {@code count} records (fewer at the end of the file) parse and have as many fields as the
   * header. A guess at where records start in the middle of a file, no more: see {@link CsvChunks}.
   */
  static boolean plausibleRecords(Scanner scanner, int fields, int count) {
    Record record = new Record(new int[0], fields + 1);
    try {
      for (int n = 0; n < count; n++) {
        if (!scanner.next(record, false)) {
          return n > 0;
        }
        if (record.fields != fields) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Bytes of field {@code field} (in file order) that are not UTF-8 (pandas' read_csv fails on them too). */
  private static final class NotUtf8 extends RuntimeException {
    final int field;

    NotUtf8(int field) {
      super("bytes that are not UTF-8", null, false, false);
      this.field = field;
    }
  }

  /**
   * A value of a requested column that does not parse; {@code column} is its position in the
   * requested columns, so that the error can name the column and its position in the file.
   */
  public static final class FieldException extends RuntimeException {
    final int column;

    public FieldException(int column, String message, Throwable cause) {
      super(message, cause);
      this.column = column;
    }
  }

  /** Reads the requested columns of every record into memory (for small files). */
  public static List<String[]> readAll(Path file, List<String> columns) {
    List<String[]> rows = new ArrayList<>();
    forEach(file, columns, values -> rows.add(values.clone()));
    return rows;
  }

  /** The header of a CSV file. */
  public static List<String> header(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Scanner scanner = new Scanner(in, file.getFileName().toString(), null, 0, 1);
      Record header = new Record(new int[0], 64);
      if (!scanner.next(header, true)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (int f = 0; f < header.fields; f++) {
        names.add(header.field(f));
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Splits a byte stream into records. The buffer holds the unparsed tail of what was read; a
   * record that runs past it is parsed again once more bytes are in (records are short next to
   * the buffer, so that is rare), and the buffer doubles when one record fills it.
   */
  static final class Scanner {
    private final InputStream in;
    private final String name;
    private final MessageDigest digest;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;
    private long line;
    /** The file offset of {@code buffer[0]}. */
    private long dropped;
    /** Whether the last record parsed ended at the end of the input, with no line feed. */
    private boolean unterminated;

    /**
     * A scanner of {@code in}, which starts at byte {@code offset} of the file, on line {@code line};
     * {@code digest}, when not null, receives every byte read.
     */
    Scanner(InputStream in, String name, MessageDigest digest, long offset, long line) {
      this(in, name, digest, offset, line, INITIAL_BUFFER);
    }

    Scanner(InputStream in, String name, MessageDigest digest, long offset, long line, int bufferSize) {
      this.in = in;
      this.name = name;
      this.digest = digest;
      this.dropped = offset;
      this.line = line;
      this.buffer = new byte[bufferSize];
    }

    /** The file offset of the next record. */
    long offset() {
      return dropped + position;
    }

    /** The file offset up to which bytes have been read (and digested). */
    long read() {
      return dropped + limit;
    }

    /** The line the next record starts on. */
    long line() {
      return line;
    }

    /** Whether the record just parsed is the input's last and no line feed ends it. */
    boolean endedWithoutLineFeed() {
      return unterminated;
    }

    /**
     * Moves past the next line feed (counting no line: the lines before it are not known);
     * false when there is none before the end of the input.
     */
    boolean skipLine() throws IOException {
      while (true) {
        int at = ByteSearch.indexOf(buffer, (byte) '\n', position, limit);
        if (at < limit) {
          position = at + 1;
          return true;
        }
        position = limit;
        if (!fill()) {
          return false;
        }
      }
    }

    /** Parses the next record into {@code record}; false at the end of the input. */
    boolean next(Record record, boolean growFields) throws IOException {
      while (true) {
        if (position >= limit && eof) {
          return false;
        }
        int next = position < limit ? parse(record, growFields) : NEED_MORE;
        if (next != NEED_MORE) {
          position = next;
          return true;
        }
        if (!fill()) {
          if (position >= limit) {
            return false;
          }
          // at the end of the input the last record ends without a line break: parse it again
        }
      }
    }

    /** Reads more bytes, keeping the unparsed tail; false at the end of the input. */
    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        dropped += position;
        position = 0;
      }
      if (limit == buffer.length) {
        if (buffer.length >= MAX_RECORD) {
          throw new StudyDataException(name + ":" + line + ": a record longer than " + MAX_RECORD + " bytes");
        }
        buffer = Arrays.copyOf(buffer, 2 * buffer.length);
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        eof = true;
        return false;
      }
      if (digest != null) {
        digest.update(buffer, limit, n);
      }
      limit += n;
      return true;
    }

    /** Parses one record at {@code position}; returns the position after it, or NEED_MORE. */
    private int parse(Record r, boolean growFields) {
      byte[] b = buffer;
      int capacity = r.start.length;
      int field = 0;
      int lines = 0;
      int i = position;
      while (true) {
        boolean escaped = false;
        boolean read = false;
        int start;
        int end;
        if (i < limit && b[i] == '"') {
          start = ++i;
          long found = field < r.readers.length && r.readers[field] != null ? r.readers[field].read(b, i, limit)
              : NOT_READ;
          read = found != NOT_READ;
          if (!read) {
            // the closing quote, eight bytes at a time, passing doubled quotes and counting line feeds
            found = ByteSearch.closingQuote(b, i, limit);
          }
          i = (int) found;
          lines += (int) (found >>> 32 & Integer.MAX_VALUE);
          escaped = found < 0;
          if (i >= limit) {
            if (eof) {
              throw new StudyDataException(name + ":" + line + ": unterminated quoted field");
            }
            return NEED_MORE;
          }
          if (i + 1 >= limit && !eof) {
            return NEED_MORE; // the quote may be the first of a pair
          }
          end = i++;
        } else {
          start = i;
          i = ByteSearch.fieldEnd(b, i, limit);
          if (i >= limit && !eof) {
            return NEED_MORE;
          }
          end = i > start && b[i - 1] == '\r' && (i >= limit || b[i] == '\n') ? i - 1 : i;
        }
        if (field >= capacity && growFields) {
          r.ensure(field + 1);
          capacity = r.start.length;
        }
        if (field < capacity) {
          r.start[field] = start;
          r.end[field] = end;
          r.escaped[field] = escaped;
          r.read[field] = read;
        }
        field++;
        if (i >= limit) {
          if (!eof) {
            return NEED_MORE;
          }
          unterminated = true;
          break;
        }
        byte c = b[i];
        if (c == ',') {
          i++;
          if (i >= limit && !eof) {
            return NEED_MORE;
          }
          continue;
        }
        if (c == '\r') {
          if (i + 1 >= limit && !eof) {
            return NEED_MORE;
          }
          if (i + 1 < limit && b[i + 1] == '\n') {
            i++;
          }
        }
        if (i < limit && b[i] == '\n') {
          i++;
          lines++;
          break;
        }
        throw new StudyDataException(name + ":" + (line + lines) + ": unexpected character after a quoted field");
      }
      r.bytes = b;
      r.line = line;
      line += lines;
      r.fields = field;
      for (int f = field; f < capacity; f++) {
        r.start[f] = 0; // a short record: missing trailing fields read as empty
        r.end[f] = 0;
        r.escaped[f] = false;
        r.read[f] = false;
      }
      return i;
    }
  }
}
