package org.modelevolution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mine-hub}: subcommands per step, a dry run that touches nothing, usage errors exit 2. */
class MineHubCommandTest {
  @TempDir
  Path temp;

  @Test
  void dryRunShowsThePlanAndWritesNothing() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("mine-hub", "history", "--dry-run", "--out", temp.resolve("out").toString(),
          "--until", "2026-01-01");
    } finally {
      System.setOut(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out).contains("dry run", "until = 2026-01-01T00:00:00Z", "step history:", "no selection yet");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void aShardedDryRunNamesItsShardAndTheSelectionRefusesShards() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("mine-hub", "formats", "--dry-run", "--shard", "1/4", "--out",
          temp.resolve("out").toString());
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("shard: 1/4", "shards" + java.io.File.separator + "1-of-4");
    assertThat(Main.commandLine().execute("mine-hub", "select", "--shard", "0/2", "--out", temp.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(Main.commandLine().execute("mine-hub", "history", "--shard", "4/2")).isEqualTo(2);
  }

  @Test
  void securityIsAnOptionOfTheFormatsStepAndOfWhatRunsOrMergesIt() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("mine-hub", "formats", "--security", "--dry-run", "--out",
          temp.resolve("out").toString());
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("security = true (formats)",
        "checkpoint formats-security-legacy: 0 units done", "checkpoint formats-security-recent: 0 units done");
    assertThat(temp.resolve("out")).doesNotExist();
    assertThat(Main.commandLine().execute("mine-hub", "all", "--security", "--dry-run", "--out",
        temp.resolve("all").toString())).isZero();
    assertThat(Main.commandLine().execute("mine-hub", "merge", "--shards", "2", "--security", "--dry-run", "--out",
        temp.resolve("merge").toString())).isZero();
    // Steps it would not change do not take it.
    assertThat(Main.commandLine().execute("mine-hub", "history", "--security", "--dry-run")).isEqualTo(2);
    assertThat(Main.commandLine().execute("mine-hub", "select", "--security", "--dry-run")).isEqualTo(2);
  }

  @Test
  void withoutSecurityTheDryRunIsUnchanged() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Main.commandLine().execute("mine-hub", "formats", "--dry-run", "--out", temp.resolve("out").toString());
    } finally {
      System.setOut(saved);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("checkpoint formats-blobs").doesNotContain("security");
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    assertThat(Main.commandLine().execute("mine-hub", "select", "--no-such-option")).isEqualTo(2);
  }
}
