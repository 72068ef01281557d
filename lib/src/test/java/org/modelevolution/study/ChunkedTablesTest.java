package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.formats.ModelFiles;

/**
 * A commit log and its format table read in chunks give what one pass gives: the same
 * repositories in the same order, the same added files (a {@code +} undone by another status of the
 * same key in a later chunk, and redone), the same format history and additions, whatever the
 * chunk size; repositories run across cuts and come back later, messages hold line feeds and the
 * converter's text.
 */
class ChunkedTablesTest {
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

  @Test
  void aCommitLogAndItsFormatTableReadInChunksAsInOnePass() throws IOException {
    Random random = new Random(24);
    List<String> keys = new ArrayList<>();
    Path log = dir.resolve("log.csv");
    Path table = dir.resolve("table.csv");
    writeTables(random, log, table, keys);
    Inputs.Parsed<CommitLogs.CommitLog> whole = CommitLogs.read(log);
    Inputs.Parsed<FormatTables.FormatTable> wholeTable = FormatTables.read(table, whole.value().addedFiles());
    assertThat(whole.value().addedFiles().size()).isPositive();
    assertThat(wholeTable.value().additions()).isNotEmpty();
    for (long chunk : new long[] {97, 1000, 4096, 30_000}) {
      for (CsvChunks.Workers workers : List.of(new CsvChunks.Workers(Runnable::run, 0, 0, chunk),
          new CsvChunks.Workers(Runnable::run, 1, 0, chunk), new CsvChunks.Workers(pool, 1, 0, chunk))) {
        Inputs.Parsed<CommitLogs.CommitLog> chunked = CommitLogs.read(log, workers);
        assertThat(chunked.sha256()).isEqualTo(whole.sha256());
        assertThat(List.copyOf(chunked.value().repositories().keySet()))
            .isEqualTo(List.copyOf(whole.value().repositories().keySet()));
        assertThat(chunked.value().repositories()).isEqualTo(whole.value().repositories());
        FileKeys added = chunked.value().addedFiles();
        assertThat(added.size()).as("chunks of %d", chunk).isEqualTo(whole.value().addedFiles().size());
        for (String key : keys) {
          assertThat(added.contains(key)).as(key).isEqualTo(whole.value().addedFiles().contains(key));
        }
        Inputs.Parsed<FormatTables.FormatTable> chunkedTable = FormatTables.read(table, added, workers);
        assertThat(chunkedTable.sha256()).isEqualTo(wholeTable.sha256());
        FormatHistory expected = wholeTable.value().history();
        FormatHistory history = chunkedTable.value().history();
        assertThat(List.copyOf(history.repositories().keySet())).isEqualTo(List.copyOf(expected.repositories().keySet()));
        assertThat(history).isEqualTo(expected);
        assertThat(List.copyOf(history.addedFiles())).isEqualTo(List.copyOf(expected.addedFiles()));
        assertThat(history.yearlyFormats()).isEqualTo(expected.yearlyFormats());
        assertThat(history.rows()).isEqualTo(expected.rows());
        assertThat(chunkedTable.value().additions()).isEqualTo(wholeTable.value().additions());
      }
    }
  }

  /**
   * A log of a few repositories, each a run of commits (one repository twice), some commits listed
   * twice with other statuses; and its format table, rows grouped by commit, with multi-line
   * messages.
   */
  private static void writeTables(Random random, Path log, Path table, List<String> keys) throws IOException {
    StringBuilder commits = new StringBuilder("repo_url,commit_hash,author,date,message,changed_files,all_files_in_tree\n");
    StringBuilder rows = new StringBuilder(
        "repo_url,commit_hash,model_file_path,serialization_format,message,author,date,is_in_commit\n");
    String[] files = {"model.safetensors", "pytorch_model.bin", "sub/model.onnx", "tf_model.h5", "README.md"};
    String[] formats = {"safetensors", "torch.save", "onnx", "keras", "undetermined"};
    List<String[]> earlier = new ArrayList<>();
    List<String> repos = List.of("o/a", "o/b", "o/c", "o/a", "p/d", "p/e");
    for (String repo : repos) {
      int n = 5 + random.nextInt(20);
      for (int c = 0; c < n; c++) {
        String hash = String.format("%040x", random.nextLong() & Long.MAX_VALUE);
        String date = String.format("202%d-0%d-1%d 0%d:00:00", random.nextInt(4), 1 + random.nextInt(9),
            random.nextInt(9), random.nextInt(9));
        String message = random.nextBoolean() ? "\"" + SafetensorsAddition.CONVERTER_MESSAGE + " (#1)\nCo-authored-by: x,y\""
            : "\"plain\n" + repo + "," + hash + ",a,b,c,d,e\"";
        StringBuilder changed = new StringBuilder();
        StringBuilder tree = new StringBuilder();
        for (String file : files) {
          if (random.nextInt(3) > 0) {
            String status = random.nextInt(3) == 0 ? "M" : "+";
            changed.append(changed.isEmpty() ? "" : ";").append(status).append(' ').append(file);
            keys.add(repo + "/" + file + "&&" + hash);
          }
          tree.append(tree.isEmpty() ? "" : ";").append(file);
        }
        String treeField = random.nextInt(4) == 0 ? "\"" + tree + ";\"\"odd\"\".bin\"" : tree.toString();
        String row = repo + "," + hash + ",someone," + date + "," + message + "," + changed + "," + treeField + "\n";
        commits.append(row);
        earlier.add(new String[] {repo, hash, date, changed.toString(), treeField, message});
        if (random.nextInt(6) == 0 && earlier.size() > 3) {
          // an earlier commit listed again, its statuses changed: a + undone, another redone
          String[] again = earlier.get(random.nextInt(earlier.size()));
          String flipped = again[3].replace("+ ", "# ").replace("M ", "+ ").replace("# ", "M ");
          commits.append(again[0]).append(',').append(again[1]).append(",someone,").append(again[2]).append(',')
              .append(again[5]).append(',').append(flipped).append(',').append(again[4]).append('\n');
        }
        for (int f = 0; f < files.length - 1; f++) {
          rows.append(repo).append(',').append(hash).append(',').append(repo).append('/').append(files[f]).append(',')
              .append(formats[f]).append(',').append(message).append(",someone,").append(date).append(',')
              .append(random.nextBoolean() ? "True" : "False").append('\n');
        }
      }
    }
    Files.writeString(log, commits);
    Files.writeString(table, rows);
  }

  /**
   * The commit log reader scans a commit's tree only for what can count (a model file, for a
   * commit that touches one; {@code pytorch_model.bin} at the root, for a commit that may be its
   * repository's newest). Its result must be what scanning every tree in full gives: the
   * expectation is built that way, row by row, on logs whose repositories' commits come in any
   * date order, with equal times, times written in a non-canonical way (compared as text), trees
   * with and without a model file or a root {@code pytorch_model.bin} (a nested one does not
   * count), read in one pass and in chunks.
   */
  @Test
  void treesScannedOnlyForWhatCountsGiveWhatFullScansGive() throws IOException {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      Path log = dir.resolve("log-" + seed + ".csv");
      Map<String, RepositoryCommits> expected = writeLog(random, log);
      Map<String, RepositoryCommits> read = CommitLogs.read(log).value().repositories();
      assertThat(List.copyOf(read.keySet())).as("seed %d", seed).isEqualTo(List.copyOf(expected.keySet()));
      assertThat(read).as("seed %d", seed).isEqualTo(expected);
      for (long chunk : new long[] {61, 500, 3000}) {
        Map<String, RepositoryCommits> chunked =
            CommitLogs.read(log, new CsvChunks.Workers(pool, 1, 0, chunk)).value().repositories();
        assertThat(chunked).as("seed %d, chunks of %d", seed, chunk).isEqualTo(expected);
      }
    }
  }

  /** Writes a log and returns its repositories as full scans of every row give them. */
  private static Map<String, RepositoryCommits> writeLog(Random random, Path log) throws IOException {
    StringBuilder csv = new StringBuilder("repo_url,commit_hash,author,date,message,changed_files,all_files_in_tree\n");
    Map<String, RepositoryCommits> expected = new LinkedHashMap<>();
    String[] dates = {"2022-03-01 10:00:00", "2022-03-01 10:00:00", "2023-07-15 08:30:00", "2024-01-02 00:00:01",
        " 2023-07-15 08:30:00", "2021-12-31 23:59:59"};
    String[][] trees = {
        {"README.md", "config.json"},
        {"README.md", "pytorch_model.bin"},
        {"pytorch_model.bin", "model.safetensors"},
        {"sub/pytorch_model.bin", "README.md"},
        {"model.safetensors", "README.md"},
        {"a.txt", "b/c.onnx", "pytorch_model.bin"}};
    String[] changes = {"+ README.md", "+ model.safetensors", "M pytorch_model.bin", "D b/c.onnx;+ notes.txt",
        "+ sub/pytorch_model.bin"};
    List<String> repos = List.of("o/a", "o/b", "o/c", "p/d");
    int rows = 10 + random.nextInt(40);
    for (int r = 0; r < rows; r++) {
      String repo = repos.get(random.nextInt(repos.size()));
      String hash = String.format("%040x", random.nextLong() & Long.MAX_VALUE);
      String date = dates[random.nextInt(dates.length)];
      String changed = changes[random.nextInt(changes.length)];
      String tree = String.join(";", trees[random.nextInt(trees.length)]);
      csv.append(repo).append(',').append(hash).append(",someone,").append(date).append(",msg,").append(changed)
          .append(',').append(tree).append('\n');
      byte[] treeBytes = tree.getBytes(StandardCharsets.UTF_8);
      boolean[] flags = TreeScan.flags(treeBytes, 0, treeBytes.length);
      RepositoryCommits commit = RepositoryCommits.of(repo, date, touches(changed), flags[0], flags[1]);
      expected.merge(repo, commit, RepositoryCommits::merge);
    }
    Files.writeString(log, csv);
    return expected;
  }

  /** Whether an entry of {@code changed} has a model-file suffix (the study's rule, on the whole entry). */
  private static boolean touches(String changed) {
    for (String entry : changed.split(";")) {
      if (ModelFiles.isStudyModelFile(entry, 0, entry.length())) {
        return true;
      }
    }
    return false;
  }
}
