package org.modelevolution.study;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.modelevolution.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams the study's CSV files (pandas {@code to_csv} layout: a header row, RFC 4180 quoting,
 * fields may span lines) one record at a time, handing over only the requested columns. Nothing
 * but the current record is held, so the 604 MB commit log of the recent group streams in
 * constant memory, and the file's SHA-256 is computed on the way (for provenance). Use it for the
 * large pinned study inputs; {@link CsvRecords} reads whole records by column name instead.
 */
public final class CsvColumns {
  private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private CsvColumns() {}

  /**
   * Calls {@code consumer} for every record with the values of {@code columns}, in that order.
   * Missing trailing fields read as empty strings.
   *
   * @return the SHA-256 of the file's bytes, computed while streaming (no second pass)
   * @throws StudyDataException when a column is missing or the file is not valid CSV
   */
  public static String forEach(Path file, List<String> columns, Consumer<String[]> consumer) {
    MessageDigest digest = Sha256.digest();
    try (InputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest);
        Reader reader = new InputStreamReader(new UnclosedInput(raw), StandardCharsets.UTF_8);
        MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
      if (!it.hasNext()) {
        throw new StudyDataException(file + " is empty: expected a header row");
      }
      List<String> header = Arrays.asList(it.next());
      int[] index = new int[columns.size()];
      for (int i = 0; i < index.length; i++) {
        index[i] = header.indexOf(columns.get(i));
        if (index[i] < 0) {
          throw new StudyDataException(
              file.getFileName() + " has no column '" + columns.get(i) + "' (header: " + header + ")");
        }
      }
      String[] values = new String[index.length];
      while (true) {
        // the record starts where the previous one ended: that is the line a reader looks at
        int line = it.getCurrentLocation().getLineNr();
        if (!it.hasNext()) {
          break;
        }
        String[] record = it.next();
        if (record.length == 1 && record[0].isEmpty()) {
          continue; // blank line
        }
        for (int i = 0; i < index.length; i++) {
          values[i] = index[i] < record.length ? record[index[i]] : "";
        }
        try {
          consumer.accept(values);
        } catch (FieldException e) {
          throw new StudyDataException(file.getFileName() + ":" + line + ": column '" + columns.get(e.column) + "' ("
              + (index[e.column] + 1) + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
          throw new StudyDataException(file.getFileName() + ":" + line + ": " + e.getMessage(), e);
        }
      }
      raw.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the last record
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | RuntimeException e) {
      if (e instanceof StudyDataException known) {
        throw known;
      }
      throw new StudyDataException("cannot read " + file.getFileName() + location(e) + ": " + e.getMessage(), e);
    }
  }

  private static String location(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null) {
      return ":" + json.getLocation().getLineNr() + ":" + json.getLocation().getColumnNr();
    }
    return "";
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

  /** Keeps the hashed stream open when the CSV parser closes its source at the end of input. */
  private static final class UnclosedInput extends java.io.FilterInputStream {
    UnclosedInput(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** Reads the requested columns of every record into memory (for small files). */
  public static List<String[]> readAll(Path file, List<String> columns) {
    List<String[]> rows = new ArrayList<>();
    forEach(file, columns, values -> rows.add(values.clone()));
    return rows;
  }

  /** The header of a CSV file. */
  public static List<String> header(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
      return it.hasNext() ? List.of(it.next()) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
