package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput and read volume of the detector over a corpus, side by side with libmagic's
 * {@code file -b -f LIST} on the very same path list (the corpus repeated to {@code count} paths).
 * A measurement, not a test: it is run by the {@code bench-detect} command, never by the build.
 */
public final class DetectorBenchmark {

  /** Bytes read per file over one pass. */
  public record ReadStats(long median, long p95, long max, double mean) {
    static ReadStats of(long[] bytes) {
      long[] v = bytes.clone();
      Arrays.sort(v);
      int n = v.length;
      return new ReadStats(v[n / 2], v[(int) Math.min(n - 1, Math.ceil(n * 0.95) - 1)], v[n - 1], Arrays.stream(v).average().orElse(0));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "median %,d  p95 %,d  max %,d  mean %,.0f", median, p95, max, mean);
    }
  }

  /** What one run measured. Times are wall-clock. */
  public record Result(
      int files,
      int distinctFiles,
      double detectorSeconds,
      ReadStats detectorBytes,
      double detectionOnlySeconds,
      ReadStats detectionOnlyBytes,
      double libmagicSeconds,
      double meanFileSize,
      String libmagicVersion,
      double detectorCpuSeconds,
      double libmagicCpuSeconds) {

    public double detectorFilesPerSecond() {
      return files / detectorSeconds;
    }

    public double detectionOnlyFilesPerSecond() {
      return files / detectionOnlySeconds;
    }

    public double libmagicFilesPerSecond() {
      return libmagicSeconds > 0 ? files / libmagicSeconds : Double.NaN;
    }

    @Override
    public String toString() {
      boolean magic = libmagicSeconds > 0;
      return String.format(Locale.ROOT,
          """
          paths                     %,d (%d distinct corpus files repeated; mean file size %,.0f bytes)
          detector (format only)    %7.3f s  %,8.0f files/s  bytes read per file: %s
          detector (+ pickle scan)  %7.3f s  %,8.0f files/s  bytes read per file: %s
          file -b -f LIST           %s
          ratio                     %s
          cpu time                  %s
          """,
          files, distinctFiles, meanFileSize,
          detectionOnlySeconds, detectionOnlyFilesPerSecond(), detectionOnlyBytes,
          detectorSeconds, detectorFilesPerSecond(), detectorBytes,
          magic ? String.format(Locale.ROOT, "%7.3f s  %,8.0f files/s  (%s)", libmagicSeconds, libmagicFilesPerSecond(), libmagicVersion) : "not run",
          magic ? String.format(Locale.ROOT, "format only %.1fx, with pickle scans %.1fx the speed of libmagic",
              libmagicSeconds / detectionOnlySeconds, libmagicSeconds / detectorSeconds) : "n/a",
          magic && libmagicCpuSeconds > 0
              ? String.format(Locale.ROOT, "detector (+ pickle scan) %.3f s, file %.3f s: %.1fx (less sensitive than wall time to a busy machine)",
                  detectorCpuSeconds, libmagicCpuSeconds, libmagicCpuSeconds / detectorCpuSeconds)
              : "n/a");
    }
  }

  private static final int WARM_UP_ROUNDS = 20;

  private DetectorBenchmark() {}

  /** The regular files of {@code corpus} (symbolic links skipped, labels and README excluded), sorted. */
  public static List<Path> corpusFiles(Path corpus) throws IOException {
    try (Stream<Path> walk = Files.walk(corpus)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().equals("labels.csv") && !p.getFileName().toString().equals("README.md"))
          .sorted()
          .toList();
    }
  }

  /**
   * Runs both tools over {@code count} paths (the corpus files repeated in order). The detector gets
   * untimed warm-up passes over the distinct files first (JIT); {@code file} is run once on the list.
   */
  public static Result run(Path corpus, int count, Detector detector, boolean runLibmagic) throws IOException, InterruptedException {
    List<Path> distinct = corpusFiles(corpus);
    if (distinct.isEmpty()) {
      throw new IOException("no files under " + corpus);
    }
    List<Path> paths = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      paths.add(distinct.get(i % distinct.size()));
    }
    // Untimed warm-up so that both timed passes measure the JIT-compiled steady state.
    Detector formatOnly = new Detector(detector.options().withScanPickles(false));
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (Path p : distinct) {
        detector.detect(p);
        formatOnly.detect(p);
      }
    }
    long[] bytes = new long[count];
    long totalFileBytes = 0;
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Detection d = detector.detect(paths.get(i));
      bytes[i] = d.bytesRead();
      totalFileBytes += Math.max(0, d.size());
    }
    double detectorSeconds = (System.nanoTime() - start) / 1e9;
    double detectorCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long[] formatBytes = new long[count];
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      formatBytes[i] = formatOnly.detect(paths.get(i)).bytesRead();
    }
    double detectionOnlySeconds = (System.nanoTime() - t0) / 1e9;

    double libmagicSeconds = Double.NaN;
    double libmagicCpuSeconds = -1;
    String version = "";
    if (runLibmagic) {
      Path list = Files.createTempFile("detect-bench", ".list");
      try {
        Files.write(list, paths.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        version = firstLine(command("file", "--version"));
        double childCpu = childrenCpuSeconds();
        long t = System.nanoTime();
        String out = command("file", "-b", "-f", list.toString());
        libmagicSeconds = (System.nanoTime() - t) / 1e9;
        libmagicCpuSeconds = childCpu < 0 ? -1 : childrenCpuSeconds() - childCpu;
        long lines = out.lines().count();
        if (lines != count) {
          throw new IOException("file printed " + lines + " lines for " + count + " paths");
        }
      } finally {
        Files.deleteIfExists(list);
      }
    }
    return new Result(
        count, distinct.size(), detectorSeconds, ReadStats.of(bytes), detectionOnlySeconds, ReadStats.of(formatBytes),
        libmagicSeconds, (double) totalFileBytes / count, version, detectorCpuSeconds, libmagicCpuSeconds);
  }

  /**
   * User + system CPU seconds of this process's waited-for children ({@code cutime} + {@code cstime}
   * of {@code /proc/self/stat}, in clock ticks of 1/100 s), or -1 where there is no such file.
   */
  private static double childrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17
      return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String command(String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process process = pb.start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", args) + " exited with " + process.exitValue());
    }
    return out;
  }

  static String firstLine(String s) {
    return s.lines().findFirst().orElse("").strip();
  }
}
