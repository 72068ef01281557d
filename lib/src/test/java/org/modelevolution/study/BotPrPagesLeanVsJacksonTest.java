package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.hub.StoredDiscussionPage;

/**
 * Every page block of a SYNTHETIC PR table, read as the PR table reads it (the lean reader, on the
 * bytes as they lie in the CSV record, quotes still doubled) and as the reference reads it (Jackson,
 * on the unquoted bytes): the same page, or the same message, for every row. The table is the
 * scale generator's at scale 0.01, or the {@code sfconvertbot_pr_metadata.csv.zip} of the folder
 * named by {@code STUDY_PR_TABLE_DIR} (say, a scale-1 folder: 140,000 rows, about a minute).
 */
class BotPrPagesLeanVsJacksonTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void leanReadingEqualsJacksonOnEveryPage(@TempDir Path temp) throws Exception {
    Path zip = table(temp);
    long[] pages = new long[2]; // all, read by the lean reader
    forEachRecord(zip, new CsvColumns.QuotedFieldReader[0], record -> {
      for (int column : new int[] {1, 2}) {
        pages[0]++;
        if (compare(record, column)) {
          pages[1]++;
        }
      }
    });
    assertThat(pages[0]).isPositive();
    // the lean reader must carry the table, not leave it to Jackson
    assertThat(pages[1]).as("pages read by the lean reader of %s", pages[0]).isGreaterThan(pages[0] * 9 / 10);
  }

  @Test
  void pagesReadAsTheTableIsSplitEqualJacksonsOnEveryPage(@TempDir Path temp) throws Exception {
    // as the PR table reads them: one remembering reader per page column (sharing one memory), in
    // the pass that splits the records; a block it does not read is one the lean reader leaves to Jackson
    Path zip = table(temp);
    long[] pages = new long[2]; // all, read in the splitting pass
    StoredDiscussionPage.CsvFieldReader discussion = new StoredDiscussionPage.CsvFieldReader();
    StoredDiscussionPage.CsvFieldReader header = discussion.sharingMemory();
    StoredDiscussionPage.CsvFieldReader[] byColumn = {null, discussion, header};
    CsvColumns.QuotedFieldReader[] readers = new CsvColumns.QuotedFieldReader[BotPullRequests.COLUMNS.size()];
    for (int column : new int[] {1, 2}) {
      readers[column] = BotPullRequests.pageField(byColumn[column]);
    }
    forEachRecord(zip, readers, record -> {
      for (int column : new int[] {1, 2}) {
        pages[0]++;
        if (record.read(column)) {
          pages[1]++;
          Object reference = outcome(() -> StoredDiscussionPage.parseWithJackson(plain(record, column), 0,
              plain(record, column).length));
          assertThat(byColumn[column].page()).as("line %d, column %d", record.line(), column).isEqualTo(reference);
        } else {
          assertThat(StoredDiscussionPage.leanReadable(record.bytes(), record.start(column),
              record.end(column) - record.start(column), record.escaped(column)))
              .as("line %d, column %d", record.line(), column).isFalse();
        }
      }
    });
    assertThat(pages[1]).as("pages read in the splitting pass of %s", pages[0]).isGreaterThan(pages[0] * 9 / 10);
  }

  /** A page block's bytes with its doubled quotes undone. */
  private static byte[] plain(CsvColumns.Record record, int column) {
    byte[] bytes = record.bytes();
    int start = record.start(column);
    int end = record.end(column);
    byte[] plain = new byte[end - start];
    int n = 0;
    for (int i = start; i < end; i++) {
      plain[n++] = bytes[i];
      if (record.escaped(column) && bytes[i] == '"') {
        i++;
      }
    }
    return java.util.Arrays.copyOf(plain, n);
  }

  /** Compares the two readings of one page block; returns whether the lean reader read it. */
  private static boolean compare(CsvColumns.Record record, int column) {
    byte[] bytes = record.bytes();
    int start = record.start(column);
    int length = record.end(column) - start;
    boolean doubled = record.escaped(column);
    byte[] plain = new byte[length];
    int n = 0;
    for (int i = start; i < start + length; i++) {
      plain[n++] = bytes[i];
      if (doubled && bytes[i] == '"') {
        i++;
      }
    }
    int plainLength = n;
    Object reference = outcome(() -> StoredDiscussionPage.parseWithJackson(plain, 0, plainLength));
    Object production = outcome(() -> StoredDiscussionPage.parse(bytes, start, length, doubled));
    if (!Objects.equals(reference, production)) {
      throw new AssertionError("line " + record.line() + ", column " + column + ": " + production + " != " + reference
          + " for " + new String(plain, 0, Math.min(plainLength, 2000), StandardCharsets.UTF_8));
    }
    return StoredDiscussionPage.leanReadable(bytes, start, length, doubled);
  }

  private static Path table(Path temp) throws Exception {
    String named = System.getenv("STUDY_PR_TABLE_DIR");
    if (named != null && !named.isBlank()) {
      Path zip = Path.of(named).resolve(BotPullRequests.ZIP_NAME);
      assertThat(zip).isRegularFile();
      return zip;
    }
    Path generator = org.modelevolution.testing.Shared.dir().resolve("scale/make_paper_scale.py");
    Assumptions.assumeTrue(Files.isExecutable(PYTHON) && Files.isRegularFile(generator),
        "python3 or the scale generator is absent");
    Process p = new ProcessBuilder(List.of(PYTHON.toString(), generator.toString(), temp.toString(), "--scale", "0.01",
        "--quiet")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Path zip = temp.resolve(BotPullRequests.ZIP_NAME);
    Assumptions.assumeTrue(Files.isRegularFile(zip), "the generator gave no PR table");
    return zip;
  }

  interface Parse {
    StoredDiscussionPage get() throws Exception;
  }

  private static Object outcome(Parse parse) {
    try {
      return parse.get();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Each record of the table's CSV member, its page columns read by {@code readers} where set. */
  private static void forEachRecord(Path zip, CsvColumns.QuotedFieldReader[] readers, CsvColumns.RecordConsumer consumer)
      throws Exception {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(zip), 1 << 16);
        ZipInputStream in = new ZipInputStream(file)) {
      ZipEntry entry;
      do {
        entry = in.getNextEntry();
      } while (entry != null && !entry.getName().endsWith(".csv"));
      assertThat(entry).isNotNull();
      CsvColumns.forEachRecord(in, zip.toString(), BotPullRequests.COLUMNS, header -> {}, readers, consumer);
    }
  }
}
