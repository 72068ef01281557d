package org.modelevolution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.testing.Shared;

/**
 * {@code reproduce}'s input checks (issue 18, item 1) and {@code --check-cache} (issue 25), through
 * the command line: a data folder that is a typo fails before anything is written.
 */
class ReproduceInputsTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int exit = Main.commandLine().execute(args);
      return new Result(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aDataFolderThatDoesNotExistFailsBeforeAnythingIsWritten() throws IOException {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(results.resolve("REPRODUCTION.md"), "the previous report\n");
    Path typo = dir.resolve("no-such-folder");
    Result r = run("reproduce", "--data", typo.toString(), "--out", results.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(typo.toString()).contains("does not exist");
    assertThat(results).isDirectoryContaining(p -> p.getFileName().toString().equals("REPRODUCTION.md"));
    assertThat(Files.readString(results.resolve("REPRODUCTION.md"))).isEqualTo("the previous report\n");
    try (var files = Files.list(results)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void aDataPathThatIsAFileFailsNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("study.csv"), "x\n");
    Path results = dir.resolve("results");
    Result r = run("reproduce", "--data", file.toString(), "--out", results.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains(file.toString()).contains("not a directory");
    assertThat(results).doesNotExist();
  }

  @Test
  void checkCacheRebuildsTheCommittedCacheFromTheOriginals() {
    Path study = Shared.study();
    Result r = run("reproduce", "--check-cache", "--data", study.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("the committed cache is identical, byte for byte");
  }

  @Test
  void checkCacheNeedsTheOriginals() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Result r = run("reproduce", "--check-cache", "--data", empty.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("holds none of the originals");
  }
}
