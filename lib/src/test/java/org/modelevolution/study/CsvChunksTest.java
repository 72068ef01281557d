package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

/**
 * A chunked parse gives what one sequential pass gives, on files built to break it: quoted line
 * feeds (some followed by text that reads as rows) at every offset a cut can fall on, CRLF, blank
 * and short lines, one record longer than many chunks, no final line feed, empty and header-only
 * files; and the same warnings and errors, with the same line numbers, wherever the bad row lies.
 */
class CsvChunksTest {
  private static final List<String> COLUMNS = List.of("c", "a", "b");
  private static ExecutorService pool;

  @TempDir Path dir;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /**
   * Every cut from 1 byte up: on this thread alone (one pass); with a helper that runs first, on
   * this thread, and takes every chunk but the first (every guess checked); and with two helpers on
   * a pool, taking what they can.
   */
  private static List<CsvChunks.Workers> workers(int largestChunk) {
    List<CsvChunks.Workers> all = new ArrayList<>();
    for (int chunk = 1; chunk <= largestChunk; chunk++) {
      all.add(new CsvChunks.Workers(Runnable::run, 0, 0, chunk));
      all.add(new CsvChunks.Workers(Runnable::run, 1, 0, chunk));
      all.add(new CsvChunks.Workers(pool, 2, 0, chunk));
    }
    return all;
  }

  /**
   * pandas' to_csv ends every row with a line feed, so a file without one at the end was most
   * likely cut short: its last row is read (as pandas would) and the file is reported, naming
   * the line, by one pass and by a chunked parse at every cut alike; a complete file is not.
   */
  @Test
  void aLastLineWithoutALineFeedIsReadAndReported() throws IOException {
    String[][] cases = {
        {"a,b,c\n1,2,3\n4,5,6", "3"},
        {"a,b,c\n1,\"x\ny\",3\n4,\"cut\nshort\",6", "4"}, // the last record starts on line 4
        {"a,b,c\r\n1,2,3\r\n4,5,6", "3"},
        {"a,b,c", "1"}, // only the header
        {"a,b,c\n1,2,3\n", null},
        {"a,b,c\n1,\"x\ny\",3\n", null},
    };
    for (String[] c : cases) {
      Path file = write(c[0]);
      List<String> expected = c[1] == null ? List.of()
          : List.of(file.getFileName() + ": its last row (line " + c[1] + ") does not end with a line feed, as every row"
              + " written by pandas' to_csv does: the file may be truncated; that row was read as it stands");
      assertThat(warnings(() -> sequential(file))).as(c[0]).isEqualTo(expected);
      for (CsvChunks.Workers w : workers(c[0].length() + 1)) {
        assertThat(warnings(() -> chunked(file, w))).as("%s in chunks of %d", c[0], w.chunk()).isEqualTo(expected);
      }
    }
    Path cut = write("a,b,c\n1,2,3\n4,5,6");
    assertThat(sequential(cut)).as("the last row is read").contains(List.of("6", "4", "5"));
    Path midRow = write("a,b,c\n1,2,3\n4,5");
    assertThat(warnings(() -> sequential(midRow))).as("cut inside a row: short, and reported as cut").hasSize(2)
        .last().asString().contains("its last row (line 3) does not end with a line feed");
  }

  @Test
  void adversarialFilesReadAsOnePassReadsThemAtEveryCut() throws IOException {
    String[] files = {
        // quoted line feeds, one of them followed by text that parses as rows of the file
        "a,b,c\n1,\"x\ny\",z\n2,\"q\n3,4,5\n6,7,8\",w\n\"9\",\"\"\"\",\"\n\"\n",
        // CRLF, blank lines, short rows, no final line feed
        "a,b,c\r\n1,2,3\r\n\r\n4,5\r\n\"6\r\n7\",8,9\r\n\n10,11,12",
        // a BOM, a header spanning lines, doubled quotes at a line's start
        "\uFEFFa,b,c,\"d\nd\"\nx,\"\"\"\n\"\"\",y,1\n\"\"\"a,b,c\",2,3,4\n",
        "a,b,c\n", // no rows
        "a,b,c", // no rows, no line feed
    };
    for (String csv : files) {
      Path file = write(csv);
      String name = file.getFileName().toString();
      List<List<String>> expected = sequential(file);
      List<String> expectedWarnings = warnings(() -> sequential(file));
      for (CsvChunks.Workers w : workers(csv.length() + 1)) {
        assertThat(chunked(file, w)).as("%s in chunks of %d", csv, w.chunk()).isEqualTo(expected);
        assertThat(warnings(() -> chunked(file, w))).as(name).isEqualTo(expectedWarnings);
      }
    }
  }

  @Test
  void randomFilesWithLongQuotedFieldsReadAsOnePass() throws IOException {
    Random random = new Random(20261206);
    for (int round = 0; round < 6; round++) {
      StringBuilder csv = new StringBuilder("a,b,c\n");
      int rows = 200 + random.nextInt(200);
      for (int r = 0; r < rows; r++) {
        int fields = 1 + random.nextInt(3);
        for (int f = 0; f < fields; f++) {
          csv.append(f == 0 ? "" : ",").append(field(random));
        }
        csv.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
      }
      if (round == 1) {
        csv.append("x,\"").append("y\n".repeat(1_500)).append("\",z\n"); // one record across many chunks
      }
      Path file = write(csv.toString());
      List<List<String>> expected = sequential(file);
      for (int chunk : new int[] {13, 333, 4096}) {
        for (CsvChunks.Workers w : List.of(new CsvChunks.Workers(Runnable::run, 0, 0, chunk),
            new CsvChunks.Workers(Runnable::run, 1, 0, chunk), new CsvChunks.Workers(pool, 1, 0, chunk))) {
          assertThat(chunked(file, w)).as("round %d, chunks of %d", round, chunk).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void errorsNameTheFileAndLineOnePassNames() throws IOException {
    String[] bad = {
        "a,b,c\n1,2,3\n\"x\ny\",2,3\n4,5,6,7\n8,9,10\n", // extra fields, after a quoted line feed
        "a,b,c\n1,2,3\n4,\"5\n6,7\n", // unterminated quoted field at the end
        "a,b,c\n1,2,3\n4,\"5\"x,6\n", // a character after a quoted field
        "a,b\n1,2\n", // no column c
        "", // empty
        "a,b,c\n1,2,3\n4,\"x\n\",BAD\n7,8,9\n", // the consumer refuses a value
        "a,b,c\n1,2,3\n4,5,\u00ff\n", // not UTF-8 (written as Latin-1 below)
    };
    for (String csv : bad) {
      Path file = csv.contains("\u00ff") ? write(csv.getBytes(StandardCharsets.ISO_8859_1)) : write(csv);
      String expected = message(() -> sequential(file));
      assertThat(expected).as(csv).isNotNull().contains(file.getFileName().toString());
      for (CsvChunks.Workers w : workers(csv.length() + 1)) {
        assertThat(message(() -> chunked(file, w))).as("%s in chunks of %d", csv, w.chunk()).isEqualTo(expected);
      }
    }
  }

  @Test
  void theDigestIsOfTheWholeFileAndSmallFilesTakeOnePass() throws IOException {
    Path file = write("a,b,c\n1,\"2\n\",3\n4,5,6\n");
    for (CsvChunks.Workers w : List.of(new CsvChunks.Workers(pool, 1, 0, 3),
        new CsvChunks.Workers(Runnable::run, 1, 0, 3), CsvChunks.Workers.NONE,
        CsvChunks.Workers.of(pool, 1))) {
      assertThat(CsvChunks.parse(file, COLUMNS, w, Rows::new, Rows::append).sha256()).isEqualTo(Sha256.of(file));
    }
    List<Integer> parts = new ArrayList<>();
    CsvChunks.parse(file, COLUMNS, CsvChunks.Workers.of(pool, 1), () -> {
      parts.add(1);
      return new Rows();
    }, Rows::append);
    assertThat(parts).hasSize(1); // below 64 MB: one part, no machinery
  }

  @Test
  void aFileThatChangesWhileItIsReadIsReportedAsSuch() throws IOException {
    Path file = write("a,b,c\n1,2,3\n4,5,6\n7,8,9\n");
    for (int helpers = 0; helpers <= 1; helpers++) {
      Files.writeString(file, "a,b,c\n1,2,3\n4,5,6\n7,8,9\n");
      changes(file, helpers);
    }
  }

  private static void changes(Path file, int helpers) {
    boolean[] once = {false};
    assertThatThrownBy(() -> CsvChunks.parse(file, COLUMNS, new CsvChunks.Workers(Runnable::run, helpers, 0, 6),
        () -> new Rows() {
          @Override
          public void accept(CsvColumns.Record record) {
            super.accept(record);
            if (!once[0]) {
              once[0] = true;
              try {
                Files.writeString(file, "10,11,12\n", StandardOpenOption.APPEND);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          }
        }, Rows::append))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("changed while it was read");
  }

  /** The requested columns of every record, in order. */
  static class Rows implements CsvChunks.Chunk<List<List<String>>> {
    final List<List<String>> rows = new ArrayList<>();

    @Override
    public void accept(CsvColumns.Record record) {
      List<String> values = new ArrayList<>();
      for (int k = 0; k < COLUMNS.size(); k++) {
        String value = record.string(k);
        if (value.equals("BAD")) {
          throw new CsvColumns.FieldException(k, "not a value", null);
        }
        values.add(value);
      }
      rows.add(values);
    }

    @Override
    public List<List<String>> part() {
      return rows;
    }

    static List<List<String>> append(List<List<String>> earlier, List<List<String>> later) {
      earlier.addAll(later);
      return earlier;
    }
  }

  private static List<List<String>> sequential(Path file) {
    Rows rows = new Rows();
    CsvColumns.forEachRecord(file, COLUMNS, rows);
    return rows.part();
  }

  private static List<List<String>> chunked(Path file, CsvChunks.Workers workers) {
    return CsvChunks.parse(file, COLUMNS, workers, Rows::new, Rows::append).value();
  }

  private static List<String> warnings(Supplier<?> parse) {
    List<String> warnings = new ArrayList<>();
    CsvWarnings.collect(parse, warnings);
    return warnings;
  }

  private static String message(Runnable parse) {
    try {
      parse.run();
      return null;
    } catch (StudyDataException e) {
      return e.getMessage();
    }
  }

  private static String field(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "plain" + random.nextInt(100);
      case 2 -> "\"q\nuo,ted\"";
      case 3 -> "\"" + "\n1,2,3\n".repeat(1 + random.nextInt(3)) + "\"\"\""; // rows, inside quotes
      case 4 -> "\"\r\n\"";
      default -> "\"" + "z".repeat(random.nextInt(300)) + "\"";
    };
  }

  private Path write(String csv) throws IOException {
    return write(csv.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(dir, "t", ".csv");
    Files.write(file, bytes);
    return file;
  }
}
