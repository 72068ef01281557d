package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The commit log reader scans a commit's tree only for what can count (a model file, for a commit
 * that touches one; {@code pytorch_model.bin} at the root, for a commit that may be its
 * repository's newest). Its result must be what scanning every tree in full gives: here the
 * expectation is built that way, row by row, on logs whose repositories' commits come in any date
 * order (newest first, oldest first, shuffled), with equal times, times written in a non-canonical
 * way (compared as text), trees with and without a model file or a root {@code pytorch_model.bin}
 * (a nested one does not count), read in one pass and in chunks.
 */
class CommitLogTreeFlagsTest {
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
