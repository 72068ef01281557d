package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.modelevolution.progress.Progress;

/**
 * Reads the SFConvertBot pull-request table {@code sfconvertbot_pr_metadata.csv}, plain or as the
 * study's {@code .csv.zip}, as a stream of {@link BotPrRow}s. The zip member is decompressed while
 * it is read, so the 234 MB table never sits in memory.
 */
public final class BotPullRequests {
  /** The file name of the study's zipped table. */
  public static final String ZIP_NAME = "sfconvertbot_pr_metadata.csv.zip";
  /** The file name of the unzipped table. */
  public static final String CSV_NAME = "sfconvertbot_pr_metadata.csv";

  /** The names the table is looked for under, zipped first. */
  public static final List<String> NAMES = List.of(ZIP_NAME, CSV_NAME);

  static final List<String> COLUMNS = List.of("pr_url", "discussion_metadata", "header_metadata", "model_id", "time");

  private BotPullRequests() {}

  /** The table inside {@code directory}, zipped or not, if present. */
  public static java.util.Optional<Path> find(Path directory) {
    for (String name : List.of(ZIP_NAME, CSV_NAME)) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Streams the rows of {@code file} in file order. Close the stream (try-with-resources) to
   * release the file.
   *
   * @throws IllegalArgumentException when the header is not the study's five columns
   */
  public static Stream<BotPrRow> rows(Path file) {
    return rows(file, Progress.silent());
  }

  /**
   * Streams the rows like {@link #rows(Path)}, reporting progress in bytes of the (uncompressed)
   * table read so far.
   */
  public static Stream<BotPrRow> rows(Path file, Progress progress) {
    InputStream in = open(file, progress);
    Stream<CsvRecords.CsvRecord> records = CsvRecords.stream(in, file.toString());
    return records.map(BotPullRequests::toRow);
  }

  private static BotPrRow toRow(CsvRecords.CsvRecord record) {
    if (record.number() == 1 && !record.header().equals(COLUMNS)) {
      throw new IllegalArgumentException("unexpected columns " + record.header() + ", expected " + COLUMNS);
    }
    return new BotPrRow(
        field(record, 0), field(record, 1), field(record, 2), field(record, 3), field(record, 4));
  }

  private static String field(CsvRecords.CsvRecord record, int index) {
    String value = record.get(index);
    return PandasMissing.isMissing(value) ? null : value;
  }

  private static InputStream open(Path file, Progress progress) {
    try {
      if (!file.getFileName().toString().endsWith(".zip")) {
        progress.total(Files.size(file));
        return counting(Files.newInputStream(file), progress);
      }
      ZipFile zip = new ZipFile(file.toFile());
      ZipEntry member = csvMember(zip, file);
      progress.total(Math.max(member.getSize(), 0));
      InputStream entry = counting(zip.getInputStream(member), progress);
      return new java.io.FilterInputStream(new java.io.BufferedInputStream(entry, 1 << 16)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  private static InputStream counting(InputStream in, Progress progress) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          progress.step(n);
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
          progress.step(1);
        }
        return c;
      }
    };
  }

  private static ZipEntry csvMember(ZipFile zip, Path file) throws IOException {
    ZipEntry found = null;
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (!entry.isDirectory() && name.endsWith(".csv") && !name.startsWith("__MACOSX/")) {
        if (found != null) {
          zip.close();
          throw new IllegalArgumentException(file + " holds more than one CSV member");
        }
        found = entry;
      }
    }
    if (found == null) {
      zip.close();
      throw new IllegalArgumentException(file + " holds no CSV member");
    }
    return found;
  }
}
