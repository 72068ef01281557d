package org.modelevolution.study;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of a CSV file with a header row (RFC 4180 quoting, fields may span lines,
 * UTF-8), as the study's pandas code wrote them. Each record is a {@link CsvRecord} that looks
 * fields up by column name; records shorter than the header read as missing fields. For the large
 * pinned inputs, where only some columns are needed and the file is hashed while read, see
 * {@link CsvColumns}.
 */
final class CsvRecords {
  private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private CsvRecords() {}

  /** One CSV record with its header. */
  record CsvRecord(List<String> header, String[] fields, long number) {
    /** The field of {@code column}, or null when the column or the field is absent. */
    String get(String column) {
      int index = header.indexOf(column);
      return index < 0 || index >= fields.length ? null : fields[index];
    }

    String get(int index) {
      return index < fields.length ? fields[index] : null;
    }
  }

  static Stream<CsvRecord> stream(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    checkUtf8(bytes, file.toString());
    return stream(new java.io.ByteArrayInputStream(bytes), file.toString());
  }

  /** Fails, naming the line, on bytes that are not UTF-8 (pandas' read_csv fails on them too). */
  private static void checkUtf8(byte[] bytes, String name) {
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
    while (true) {
      java.nio.charset.CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        long line = 1;
        for (int i = 0; i < in.position(); i++) {
          if (bytes[i] == '\n') {
            line++;
          }
        }
        throw new StudyDataException(name + ":" + line + ": bytes that are not UTF-8 (at byte " + in.position() + ")");
      }
      if (result.isUnderflow()) {
        return;
      }
      out.clear();
    }
  }

  /** Streams the records of {@code in}; closing the stream closes {@code in}. */
  static Stream<CsvRecord> stream(InputStream in, String name) {
    // strict: bytes that are not UTF-8 fail the read (pandas' read_csv fails on them too) instead of
    // turning into U+FFFD, which would make a key silently match nothing
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    MappingIterator<String[]> it;
    try {
      it = MAPPER.readerFor(String[].class).readValues(reader);
    } catch (IOException e) {
      closeQuietly(reader);
      throw new StudyDataException("cannot read CSV " + name + ": " + e.getMessage(), e);
    }
    if (!it.hasNext()) {
      closeQuietly(reader);
      return Stream.empty();
    }
    List<String> header = List.of(stripBom(it.next()));
    Iterator<CsvRecord> records = new Iterator<>() {
      long number = 0;
      long shortRows = 0;
      long firstShort = 0;
      long pendingLine;

      String[] pending;

      @Override
      public boolean hasNext() {
        try {
          // pandas skips blank lines (skip_blank_lines=True); the study's CSVs contain some
          while (pending == null && it.hasNextValue()) {
            pendingLine = it.getCurrentLocation().getLineNr();
            String[] fields = it.nextValue();
            if (!(fields.length == 1 && fields[0].isEmpty() && header.size() > 1)) {
              pending = fields;
            }
          }
          if (pending == null && shortRows > 0) {
            CsvWarnings.add(name + ": " + shortRows + " record" + (shortRows == 1 ? "" : "s") + " with fewer fields"
                + " than the header (first: record " + firstShort + "), read with the missing fields empty, as pandas"
                + " reads them as missing values");
            shortRows = 0;
          }
          return pending != null;
        } catch (IOException e) {
          throw new StudyDataException("malformed CSV " + name + " after record " + number + " (line "
              + it.getCurrentLocation().getLineNr() + "): " + e.getMessage(), e);
        }
      }

      @Override
      public CsvRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String[] fields = pending;
        pending = null;
        ++number;
        if (fields.length > header.size()) {
          throw new StudyDataException(name + ": record " + number + " (line " + pendingLine + ") has " + fields.length + " fields, but the header has " + header.size()
              + ": a row with extra fields (a stray comma or an unquoted field?)");
        }
        if (fields.length < header.size() && shortRows++ == 0) {
          firstShort = number;
        }
        return new CsvRecord(header, fields, number);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false)
        .onClose(() -> closeQuietly(reader));
  }

  static List<CsvRecord> readAll(Path file) {
    try (Stream<CsvRecord> records = stream(file)) {
      return new ArrayList<>(records.toList());
    }
  }

  private static String[] stripBom(String[] header) {
    if (header.length > 0 && header[0].startsWith("\uFEFF")) {
      header[0] = header[0].substring(1);
    }
    return header;
  }

  private static void closeQuietly(Reader reader) {
    try {
      reader.close();
    } catch (IOException ignored) {
      // nothing useful to do: the data were read or the error was already reported
    }
  }
}
