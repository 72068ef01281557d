package org.modelevolution.reproduction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks share: their SYNTHETIC input folders, one per scale, and their child processes (each measured
 * step runs in a JVM, or the launcher, of its own).
 */
final class BenchmarkRuns {
  private BenchmarkRuns() {}

  /** {@code dataPrefix + scale}, which must exist: the benchmarks never generate inputs themselves. */
  static Path scaleFolder(String dataPrefix, String scale) {
    Path data = Path.of(dataPrefix + scale);
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException(data + " does not exist: generate it with ../shared/scale/make_paper_scale.py "
          + data + " --scale " + scale);
    }
    return data;
  }

  /**
   * Runs {@code command} to its end and returns its standard output; fails on a non-zero exit or after {@code
   * timeout}. {@code errors} says where its standard error goes (shown, or discarded where it would mix with a
   * table being printed).
   */
  static String run(List<String> command, ProcessBuilder.Redirect errors, Duration timeout)
      throws IOException, InterruptedException {
    return run(command, Map.of(), errors, timeout);
  }

  /** As {@link #run(List, ProcessBuilder.Redirect, Duration)}, with {@code environment} added to this process's. */
  static String run(List<String> command, Map<String, String> environment, ProcessBuilder.Redirect errors,
      Duration timeout) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors);
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("failed: " + String.join(" ", command));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The java executable of this JVM, so that a child runs on the same JDK. */
  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
