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
    try {
      return stream(Files.newInputStream(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
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
      throw new UncheckedIOException("cannot read CSV " + name, e);
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

      String[] pending;

      @Override
      public boolean hasNext() {
        try {
          // pandas skips blank lines (skip_blank_lines=True); the study's CSVs contain some
          while (pending == null && it.hasNextValue()) {
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
          throw new StudyDataException(name + ": record " + number + " (line " + it.getCurrentLocation().getLineNr()
              + ") has " + fields.length + " fields, but the header has " + header.size()
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
