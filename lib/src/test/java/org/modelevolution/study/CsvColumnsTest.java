package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

/**
 * The byte-level streaming reader agrees with an independent reader (Jackson's CSV parser, behind
 * {@link CsvRecords}) on the dialect's corner cases and on files whose records cross and outgrow
 * its buffer, and hashes every byte on the same pass.
 */
class CsvColumnsTest {
  @TempDir Path dir;

  @Test
  void quotedNewlinesDoubledQuotesCrlfAndShortRowsReadLikeJackson() throws IOException {
    String csv = "repo_url,message,all_files_in_tree\r\n"
        + "a/b,\"line one\nline \"\"two\"\", with comma\",x.bin;d/y.txt\r\n"
        + "c/d,plain,\n"
        + "\n"
        + "e/f,Zoë,\"p,q.safetensors\"\n"
        + "g/h,short\n";
    Path file = write("t.csv", csv);
    List<String> columns = List.of("all_files_in_tree", "repo_url", "message");
    List<List<String>> ours = new ArrayList<>();
    String sha = CsvColumns.forEach(file, columns, v -> ours.add(List.of(v)));
    assertThat(ours).isEqualTo(jackson(file, columns)).hasSize(4);
    assertThat(ours.get(0).get(2)).isEqualTo("line one\nline \"two\", with comma");
    assertThat(ours.get(3)).containsExactly("", "g/h", "short");
    assertThat(sha).isEqualTo(Sha256.of(file));
  }

  @Test
  void randomFilesLargerThanTheBufferReadLikeJackson() throws IOException {
    Random random = new Random(20261202);
    for (int round = 0; round < 3; round++) {
      StringBuilder csv = new StringBuilder("a,b,c,d\n");
      while (csv.length() < 3_500_000) {
        int fields = 1 + random.nextInt(4); // a row with more fields than the header is an error (pandas refuses it too)
        for (int f = 0; f < fields; f++) {
          csv.append(f == 0 ? "" : ",").append(field(random));
        }
        csv.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
      if (round == 1) {
        csv.append("x,\"").append("y".repeat(2_300_000)).append("\",z\n"); // one record longer than the buffer
      }
      if (round == 2) {
        csv.append("last,record,without,newline");
      }
      Path file = write("random" + round + ".csv", csv.toString());
      List<String> columns = List.of("d", "a", "c");
      List<List<String>> ours = new ArrayList<>();
      String sha = CsvColumns.forEach(file, columns, v -> ours.add(List.of(v)));
      assertThat(ours).as("round %d", round).isEqualTo(jackson(file, columns));
      assertThat(sha).isEqualTo(Sha256.of(file));
    }
  }

  @Test
  void errorsNameTheFileLineAndColumn() throws IOException {
    Path file = write("lines.csv", "a,b\n1,\"two\nlines\"\n3,x\n");
    assertThatThrownBy(() -> CsvColumns.forEach(file, List.of("a", "b"), v -> {
      if (v[1].equals("x")) {
        throw new CsvColumns.FieldException(1, "not a number", null);
      }
    })).isInstanceOf(StudyDataException.class).hasMessage("lines.csv:4: column 'b' (2): not a number");
    assertThatThrownBy(() -> CsvColumns.forEach(file, List.of("c"), v -> {}))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("no column 'c'");
  }

  @Test
  void lineNumbersCountTheLineFeedsOfQuotedFieldsWhateverTheBuffer() throws IOException {
    Random random = new Random(2424);
    StringBuilder csv = new StringBuilder("a,b,c\n");
    List<Long> expected = new ArrayList<>();
    long line = 2;
    while (csv.length() < 200_000) {
      expected.add(line);
      int before = csv.length();
      for (int f = 0; f < 3; f++) {
        csv.append(f == 0 ? "" : ",").append(field(random));
      }
      csv.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      line += csv.substring(before).chars().filter(c -> c == '\n').count();
    }
    Path file = write("lines-quoted.csv", csv.toString());
    for (int buffer : new int[] {8, 13, 64, 1 << 20}) {
      List<Long> lines = new ArrayList<>();
      List<List<String>> values = new ArrayList<>();
      try (var in = Files.newInputStream(file)) {
        CsvColumns.Scanner scanner = new CsvColumns.Scanner(in, "lines-quoted.csv", null, 0, 1, buffer);
        List<String> columns = List.of("a", "b", "c");
        CsvColumns.Header header = CsvColumns.header(scanner, "lines-quoted.csv", columns, names -> {});
        CsvColumns.records(scanner, header, "lines-quoted.csv", columns, r -> {
          lines.add(r.line());
          values.add(List.of(r.string(0), r.string(1), r.string(2)));
        }, Long.MAX_VALUE, new CsvColumns.Tally());
      }
      // a record of three empty fields is a line of two commas, not a blank line: every record is read
      assertThat(lines).as("buffer %d", buffer).isEqualTo(expected);
      assertThat(values).as("buffer %d", buffer).isEqualTo(jackson(file, List.of("a", "b", "c")));
    }
  }

  @Test
  void anUnterminatedQuoteIsReported() throws IOException {
    Path file = write("bad.csv", "a,b\n1,\"never closed\n");
    assertThatThrownBy(() -> CsvColumns.forEach(file, List.of("a"), v -> {}))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("bad.csv:2: unterminated");
  }

  @Test
  void treeScanFindsModelFilesAndTheRootPytorchWeights() throws IOException {
    Path file = write("tree.csv", "t\nREADME.md;pytorch_model.bin;sub/pytorch_model.bin\nsub/pytorch_model.bin;.bin;a.b/c\n"
        + "a.safetensors\n");
    List<boolean[]> flags = new ArrayList<>();
    CsvColumns.forEachRecord(file, List.of("t"), r -> flags.add(TreeScan.flags(r.bytes(), r.start(0), r.end(0))));
    assertThat(flags.get(0)).containsExactly(true, true);
    assertThat(flags.get(1)).containsExactly(true, false);
    assertThat(flags.get(2)).containsExactly(true, false);
  }

  @Test
  void quotedFieldsReadByAColumnsReaderSplitAsAnyOtherAcrossTheBuffer() throws IOException {
    // a reader that reads the quoted fields of column b whose text starts with a letter a (by the
    // closing-quote search: where it ends is then known) and leaves the others to the reader
    Random random = new Random(20261206);
    StringBuilder csv = new StringBuilder("a,b,c\n");
    while (csv.length() < 3_000_000) {
      int fields = 1 + random.nextInt(3);
      for (int f = 0; f < fields; f++) {
        csv.append(f == 0 ? "" : ",").append(f == 1 && random.nextBoolean() ? "\"a" + field(random).replace("\"", "")
            + (random.nextBoolean() ? "\n\"\"q\"\"" : "") + "\"" : field(random));
      }
      csv.append('\n');
    }
    Path file = write("read.csv", csv.toString());
    List<String> columns = List.of("c", "b", "a");
    List<List<String>> plain = new ArrayList<>();
    List<Long> plainLines = new ArrayList<>();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      CsvColumns.forEachRecord(in, "read.csv", columns, h -> {}, r -> {
        plain.add(List.of(r.string(0), r.string(1), r.string(2)));
        plainLines.add(r.line());
      });
    }
    long[] calls = new long[2];
    CsvColumns.QuotedFieldReader reader = (bytes, from, limit) -> {
      calls[0]++;
      return from < limit && bytes[from] == 'a' ? ByteSearch.closingQuote(bytes, from, limit) : CsvColumns.NOT_READ;
    };
    List<List<String>> read = new ArrayList<>();
    List<Long> readLines = new ArrayList<>();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      CsvColumns.forEachRecord(in, "read.csv", columns, h -> {}, new CsvColumns.QuotedFieldReader[] {null, reader, null},
          r -> {
            String b = r.string(1);
            // read exactly where column b is quoted and starts with a (the other columns never)
            assertThat(r.read(1)).as(b).isEqualTo(b.startsWith("a") && r.start(1) > 0 && r.bytes()[r.start(1) - 1] == '"');
            assertThat(r.read(0) || r.read(2)).isFalse();
            if (r.read(1)) {
              calls[1]++;
            }
            read.add(List.of(r.string(0), b, r.string(2)));
            readLines.add(r.line());
          });
    }
    assertThat(read).isEqualTo(plain);
    assertThat(readLines).isEqualTo(plainLines);
    assertThat(calls[1]).isGreaterThan(10_000);
    assertThat(calls[0]).isGreaterThan(calls[1]);
  }

  private static String field(Random random) {
    String alphabet = "ab,\"\n\r;é.";
    int length = random.nextInt(12);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    String value = text.toString();
    boolean mustQuote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return mustQuote || random.nextInt(5) == 0 ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The same columns read by Jackson, blank lines skipped and short records padded, as the study's reader does. */
  private static List<List<String>> jackson(Path file, List<String> columns) {
    List<List<String>> rows = new ArrayList<>();
    try (Stream<CsvRecords.CsvRecord> records = CsvRecords.stream(file)) {
      records.forEach(r -> {
        if (r.fields().length == 1 && r.fields()[0].isEmpty()) {
          return;
        }
        rows.add(Arrays.asList(columns.stream().map(c -> r.get(c) == null ? "" : r.get(c)).toArray(String[]::new)));
      });
    }
    return rows;
  }
}
