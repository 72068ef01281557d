package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.progress.Progress;

/**
 * The PR table's pages parsed in batches on a pool: the same table, the same malformed pages in
 * file order and the same errors at the same lines as the pass on one thread, for any batch size
 * and any number of threads, a pool of one thread included.
 */
class BotPrBatchesTest {
  private static final String BOT = "{\"name\":\"SFconvertbot\",\"isHf\":false}";

  private static String user(String name, boolean hf) {
    return "{\"name\":\"" + name + "\",\"isHf\":" + hf + "}";
  }

  private static String discussion(int n, String opener, String created) {
    String comment = "{\"author\":" + user("user" + (n % 7), n % 3 == 0) + ",\"createdAt\":\"2024-01-02T00:00:00.000Z\","
        + "\"type\":\"comment\",\"data\":{\"hidden\":false,\"latest\":{\"raw\":\"thanks, \\\"merged\\\" " + n
        + " words\\nhere\"}}}";
    String status = "{\"author\":" + user("owner" + (n % 5), n % 2 == 0) + ",\"createdAt\":\"2024-01-0" + (1 + n % 8)
        + "T10:00:00.000Z\",\"type\":\"status-change\",\"data\":{\"status\":\"" + (n % 4 == 0 ? "closed" : "merged")
        + "\"}}";
    String events = n % 5 == 0 ? "" : n % 5 == 1 ? comment : comment + "," + status;
    return "{\"discussion\":{\"title\":\"Adding `safetensors` variant " + (n % 3) + "\",\"author\":" + opener
        + ",\"createdAt\":\"" + created + "\",\"events\":[" + events + "]}}";
  }

  private static String header(int n) {
    return "{\"discussion\":{\"status\":\"" + (n % 3 == 0 ? "open" : "merged") + "\",\"filesWithConflicts\":"
        + (n % 11 == 0 ? "[\"model.bin\"]" : n % 13 == 0 ? "true" : "[]") + "}}";
  }

  private static String field(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Rows of every kind: kept, left out by each step, and malformed pages, spread over the table. */
  private static String table(int rows) {
    StringBuilder csv = new StringBuilder("pr_url,discussion_metadata,header_metadata,model_id,time\n");
    for (int n = 0; n < rows; n++) {
      String model = "org/model-" + (n % 37);
      String url = (n % 29 == 3 ? "https://huggingface.co/spaces/safetensors/convert/discussions/" : "https://huggingface.co/"
          + model + "/discussions/") + n;
      String time = n % 23 == 5 ? "2024-09-15T10:00:00.000Z" : n % 31 == 7 ? "" : "2024-0" + (1 + n % 8) + "-01T00:00:00.000Z";
      String created = n % 17 == 2 ? "not a time" : "2024-01-01T00:00:00.000Z";
      String disc = n % 19 == 4 ? "{\"discussion\":{\"title\":\"cut short\"," : discussion(n, n % 6 == 0 ? user("person" + n, false) : BOT, created);
      String head = n % 41 == 9 ? "{\"discussion\":{}}" : header(n);
      if (n % 43 == 10) {
        disc = "not json";
      }
      csv.append(url).append(',').append(field(disc)).append(',').append(n % 47 == 11 ? "" : field(head)).append(',')
          .append(model).append(',').append(time).append('\n');
    }
    return csv.toString();
  }

  private static Path write(Path dir, String csv) throws Exception {
    Path file = dir.resolve(BotPullRequests.CSV_NAME);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  /** Everything a table holds, to compare two readings. */
  private static List<Object> contents(Inputs.Parsed<BotPrTable> parsed) {
    BotPrTable t = parsed.value();
    return List.of(t.prs(), t.nov2024Prs(), t.malformed(), java.util.Arrays.toString(t.finalSteps()),
        java.util.Arrays.toString(t.nov2024Steps()),
        t.finalCoverage(), t.nov2024Coverage(), parsed.sha256());
  }

  private static ExecutorService pool(int threads) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "study-load");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The table read on a pool thread, as Study.load reads it, with the pool's other threads as helpers. */
  private static Inputs.Parsed<BotPrTable> onPool(Path file, int threads, int helpers, int batchRows) throws Exception {
    ExecutorService pool = pool(threads);
    try {
      Future<Inputs.Parsed<BotPrTable>> read = pool.submit(() -> BotPrTable.read(file, Progress.silent(), pool, helpers,
          batchRows));
      return read.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchesGiveThePassOnOneThreadForAnyBatchSizeAndPool(@TempDir Path dir) throws Exception {
    Path file = write(dir, table(700));
    Inputs.Parsed<BotPrTable> sequential = BotPrTable.read(file, Progress.silent());
    BotPrTable t = sequential.value();
    assertThat(t.prs()).hasSizeGreaterThan(300);
    assertThat(t.malformed()).hasSizeGreaterThan(50);
    // malformed pages are listed in file order (their row numbers are the URLs' last part)
    List<Integer> rows = new ArrayList<>();
    for (String m : t.malformed()) {
      String url = m.substring(0, m.indexOf(": "));
      rows.add(Integer.parseInt(url.substring(url.lastIndexOf('/') + 1)));
    }
    assertThat(rows).isSorted();
    assertThat(t.malformed()).anyMatch(m -> m.contains("has no discussion status"))
        .anyMatch(m -> m.contains("malformed discussion JSON")).anyMatch(m -> m.contains("not a time"));
    for (int threads : new int[] {1, 2, 3, 4}) {
      for (int batchRows : new int[] {1, 2, 7, 64, BotPrBatches.MAX_ROWS}) {
        assertThat(contents(onPool(file, threads, threads - 1, batchRows)))
            .as("%d threads, batches of %d rows", threads, batchRows).isEqualTo(contents(sequential));
      }
    }
  }

  @Test
  void aPoolOfOneThreadReadsTheTableWithItsHelperQueuedBehind(@TempDir Path dir) throws Exception {
    // the helper cannot start while the reading task holds the only thread: the reader parses every batch
    Path file = write(dir, table(300));
    List<Object> sequential = contents(BotPrTable.read(file, Progress.silent()));
    List<Object> batched = contents(onPool(file, 1, 1, 3));
    for (int k = 0; k < sequential.size(); k++) {
      assertThat(batched.get(k)).as("part %d", k).isEqualTo(sequential.get(k));
    }
  }

  @Test
  void aCsvErrorIsRaisedAtItsLineAfterTheRowsBeforeIt(@TempDir Path dir) throws Exception {
    String csv = table(200);
    // line 152 (row 150) gets an extra field: the table stops there, as pandas does
    String[] lines = csv.split("\n", -1);
    lines[151] = lines[151] + ",extra";
    Path file = write(dir, String.join("\n", lines));
    String expected = null;
    try {
      BotPrTable.read(file, Progress.silent());
    } catch (StudyDataException e) {
      expected = e.getMessage();
    }
    assertThat(expected).contains(":152: 6 fields, but the header has 5");
    for (int threads : new int[] {1, 2, 3}) {
      for (int batchRows : new int[] {1, 5, BotPrBatches.MAX_ROWS}) {
        int t = threads;
        int b = batchRows;
        assertThatThrownBy(() -> onPool(file, t, t - 1, b)).hasRootCauseInstanceOf(StudyDataException.class)
            .rootCause().hasMessage(expected);
      }
    }
  }

  @Test
  void rowFailuresAreTakenInFileOrderWhateverThreadParsedThem() throws Exception {
    // a parser that fails on some rows and takes a while on others, so that helpers finish out of order
    BotPrBatches.RowParser parser = (batch, row) -> {
      String url = batch.prUrl(row);
      int n = Integer.parseInt(url);
      if (n % 97 == 40) {
        throw new IllegalStateException("row " + n);
      }
      if (n % 13 == 0) {
        Thread.onSpinWait();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return url;
    };
    byte[] page = "{}".getBytes(StandardCharsets.UTF_8);
    for (int threads : new int[] {1, 2, 4}) {
      for (int batchRows : new int[] {1, 3, 50}) {
        ExecutorService pool = pool(threads);
        try {
          BotPrBatches batches = BotPrBatches.start(parser, pool, threads, batchRows);
          for (int n = 0; n < 500; n++) {
            batches.filling().add(page, 0, 2, false, 0, 2, false, Integer.toString(n), "m", "t", LocalDate.EPOCH,
                n % 3 + 1, n + 2);
            batches.added();
          }
          batches.close();
          List<Object> results = new ArrayList<>();
          List<Integer> kept = new ArrayList<>();
          batches.finish((result, keptBy) -> {
            results.add(result);
            kept.add(keptBy);
          });
          assertThat(results).hasSize(500);
          for (int n = 0; n < 500; n++) {
            assertThat(kept.get(n)).isEqualTo(n % 3 + 1);
            if (n % 97 == 40) {
              assertThat(results.get(n)).isInstanceOfSatisfying(BotPrBatches.Failure.class, f -> {
                assertThat(f.error()).isInstanceOf(IllegalStateException.class);
                assertThat(f.line()).isEqualTo(Integer.parseInt(f.error().getMessage().substring(4)) + 2L);
              });
            } else {
              assertThat(results.get(n)).isEqualTo(Integer.toString(n));
            }
          }
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }
}
