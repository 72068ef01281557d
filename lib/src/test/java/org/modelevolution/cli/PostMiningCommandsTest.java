package org.modelevolution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PostMiningCommandsTest {
  private record Result(int exit, String out) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    java.io.PrintStream previous = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int exit = cli.execute(args);
      return new Result(exit, out + captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }

  @Test
  void dryRunsPrintThePlanAndTouchNothing(@TempDir Path dir) {
    Result github = run("mine-github", "--dry-run", "--out", dir.toString(), "--since", "2023-01-01", "--until", "2023-02-28");
    assertThat(github.exit()).isZero();
    assertThat(github.out()).contains("step: github-prs", "created:2023-01-01..2023-01-01", "created:2023-01-01..2023-02-28");
    Result studyWindows = run("mine-github", "--dry-run", "--out", dir.toString());
    assertThat(studyWindows.out()).contains("created:<2020-01-01", "created:>2024-09-01");

    Result so = run("mine-stackoverflow", "--dry-run", "--out", dir.toString(), "--query", "safetensors",
        "--since", "2023-01-01", "--until", "2024-12-31");
    assertThat(so.exit()).isZero();
    assertThat(so.out()).contains("step: stackoverflow-posts", "searches: 1", "2023-01-01 .. 2024-12-31");

    Result hub = run("mine-discussions", "--dry-run", "--out", dir.toString());
    assertThat(hub.exit()).isZero();
    assertThat(hub.out()).contains("/api/spaces/safetensors/convert/discussions");

    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aMalformedDateIsAUsageError() {
    assertThat(run("mine-github", "--dry-run", "--since", "last year").exit()).isEqualTo(2);
  }
}
