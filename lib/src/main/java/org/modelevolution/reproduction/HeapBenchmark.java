package org.modelevolution.reproduction;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.study.GroupData;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudySources;

/**
 * The heap benchmark (not a test): how much live heap the whole {@code reproduce} needs per
 * repository, on data folders of the SYNTHETIC paper-scale generator at several scales, each in a
 * fresh JVM. {@code make bench-heap SCALES="1 3 10"} runs
 *
 * <pre>
 * java -cp lib/target/safetensors-study.jar org.modelevolution.reproduction.HeapBenchmark \
 *     /tmp/safetensors-study-scale 1 3 10
 * </pre>
 *
 * <p>Live heap is measured, not inferred from the collector's own timing: a sampling thread forces a
 * full collection ({@code System.gc()}) every {@value #SAMPLE_MILLIS} ms (or three times as long as
 * the last one took, whichever is longer) during the load and the whole reproduction and keeps the
 * largest heap in use right after one (the collector's ordinary
 * young collections leave old garbage in place, so the heap after them overstates what is live by
 * a varying amount). A peak shorter than the interval can be missed; the state that grows with the
 * repositories lives from the load to the end and is not. The live heap right after the load (the
 * {@link StudyData} alone) is reported too.
 *
 * <p>The PR table ({@code sfconvertbot_pr_metadata.csv[.zip]}) is left out: the generator grows it
 * with the scale, but the study already took every converter PR, so at the whole Hub it does not
 * grow with the repositories. Each data folder is read through a temporary folder of symbolic
 * links to its other files. Repositories are counted as the records with a creation time in
 * {@code selected_legacy_repos.json} and {@code selected_recent_repos.json}.
 */
public final class HeapBenchmark {
  static final long SAMPLE_MILLIS = 200;
  private static final String HEAP = "-Xmx4g";
  private static final String PR_TABLE = "sfconvertbot_pr_metadata.csv";

  private HeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("one")) {
      one(Path.of(args[1]), Path.of(args[2])).forEach((k, v) -> System.out.println(k + "\t" + v));
    } else if (args.length >= 2) {
      try {
        System.out.print(compare(args[0], List.of(args).subList(1, args.length)));
      } catch (IllegalArgumentException e) { // a missing scale folder: one line, as the CLI says it
        System.err.println("HeapBenchmark: " + e.getMessage());
        System.exit(1);
      }
    } else {
      System.err.println("usage: HeapBenchmark DATA_PREFIX SCALE... | one DATA_DIR OUT_DIR");
      System.exit(2);
    }
  }

  /** Load and reproduce {@code dataDir} (without its PR table) in this JVM, sampling the live heap. */
  static Map<String, Long> one(Path dataDir, Path outDir) throws IOException, InterruptedException {
    Path linked = withoutPrTable(dataDir);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong loadPeak = new AtomicLong();
    AtomicLong reproducePeak = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<AtomicLong> peak = new java.util.concurrent.atomic.AtomicReference<>(
        loadPeak);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long start = System.nanoTime();
        System.gc();
        AtomicLong phase = peak.get();
        phase.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long took = (System.nanoTime() - start) / 1_000_000;
        try {
          // at most about a quarter of the time in the forced collections
          Thread.sleep(Math.max(SAMPLE_MILLIS, 3 * took));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    Map<String, Long> values = new LinkedHashMap<>();
    try {
      System.gc();
      values.put("live heap before the load (bytes)", memory.getHeapMemoryUsage().getUsed());
      sampler.start();
      StudyData data = Study.load(StudySources.of(ProjectLayout.discover(), linked));
      values.put("repositories", repositories(data.legacy()) + repositories(data.recent()));
      System.gc();
      long afterLoad = memory.getHeapMemoryUsage().getUsed();
      values.put("live heap after the load (bytes)", afterLoad);
      peak.set(reproducePeak);
      reproducePeak.accumulateAndGet(afterLoad, Math::max);
      Files.createDirectories(outDir);
      Reproduction.run(data, outDir);
      sampler.interrupt();
      sampler.join();
      values.put("peak live heap during the load (bytes)", loadPeak.get());
      values.put("peak live heap during the analyses and writers (bytes)", reproducePeak.get());
      values.put("peak live heap, sampled after full collections (bytes)", Math.max(loadPeak.get(),
          reproducePeak.get()));
    } finally {
      sampler.interrupt();
      try (Stream<Path> links = Files.list(linked)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
      Files.delete(linked);
    }
    return values;
  }

  private static long repositories(GroupData group) {
    return group.createdAt().map(Map::size).orElse(0);
  }

  /** A temporary folder of links to every file of {@code dataDir} but the PR table. */
  private static Path withoutPrTable(Path dataDir) throws IOException {
    Path linked = Files.createTempDirectory("bench-heap-");
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path file : files.sorted().toList()) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(PR_TABLE)) {
          Files.createSymbolicLink(linked.resolve(file.getFileName()), file.toAbsolutePath());
        }
      }
    }
    return linked;
  }

  /** One row per scale, each measured in a fresh JVM, with the growth per repository between scales. */
  static String compare(String dataPrefix, List<String> scales) throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder("| scale | repositories | live after load | peak live during load"
        + " | peak live during analyses and writers | peak live | peak live per repository"
        + " | peak growth per added repository (from the previous scale) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<String, Long> previous = null;
    for (String scale : scales) {
      Path data = BenchmarkRuns.scaleFolder(dataPrefix, scale);
      Path out = Files.createTempDirectory("bench-heap-out-" + scale + "-");
      Map<String, Long> values = new LinkedHashMap<>();
      List<String> command = new ArrayList<>(List.of(java(), HEAP, "-cp", System.getProperty("java.class.path"),
          HeapBenchmark.class.getName(), "one", data.toString(), out.toString()));
      for (String line : run(command).split("\n")) {
        String[] cells = line.split("\t");
        if (cells.length == 2) {
          values.put(cells[0], Long.parseLong(cells[1]));
        }
      }
      long repos = values.get("repositories");
      long peak = values.get("peak live heap, sampled after full collections (bytes)");
      text.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %s |%n", scale, repos,
          mb(values.get("live heap after the load (bytes)")), mb(values.get("peak live heap during the load (bytes)")),
          mb(values.get("peak live heap during the analyses and writers (bytes)")), mb(peak), kb((double) peak / repos),
          previous == null ? "" : kb((double) (peak - previous.get("peak"))
              / (repos - previous.get("repositories")))));
      values.put("peak", peak);
      previous = values;
      deleteRecursively(out);
    }
    return text.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String kb(double bytes) {
    return String.format(Locale.ROOT, "%.2f KB", bytes / 1e3);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return BenchmarkRuns.run(command, ProcessBuilder.Redirect.INHERIT, Duration.ofMinutes(60));
  }

  private static String java() {
    return BenchmarkRuns.java();
  }
}
