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

  /** What one run measured. Times are wall-clock; bytes are per file. */
  public record Result(
      int files,
      int distinctFiles,
      double detectorSeconds,
      double detectionOnlySeconds,
      double libmagicSeconds,
      long medianBytesRead,
      long p95BytesRead,
      long maxBytesRead,
      double meanBytesRead,
      long totalFileBytes,
      String libmagicVersion) {

    public double detectorFilesPerSecond() {
      return files / detectorSeconds;
    }

    public double libmagicFilesPerSecond() {
      return libmagicSeconds > 0 ? files / libmagicSeconds : Double.NaN;
    }

    /** How many times faster than libmagic the detector (with pickle scans) was; NaN without libmagic. */
    public double speedup() {
      return libmagicSeconds > 0 ? libmagicSeconds / detectorSeconds : Double.NaN;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          """
          paths                 %,d (%d distinct corpus files repeated)
          detector              %.3f s  %,.0f files/s  (single thread, with pickle import scans)
          detector, no scans    %.3f s  %,.0f files/s  (format only, as libmagic does)
          file -b -f LIST       %s
          speed ratio           %s
          bytes read per file   median %,d  p95 %,d  max %,d  mean %,.0f   (files average %,.0f bytes)
          """,
          files, distinctFiles, detectorSeconds, detectorFilesPerSecond(), detectionOnlySeconds, files / detectionOnlySeconds,
          Double.isNaN(libmagicFilesPerSecond()) ? "not run" : String.format(Locale.ROOT, "%.3f s  %,.0f files/s  (%s)", libmagicSeconds, libmagicFilesPerSecond(), libmagicVersion),
          Double.isNaN(speedup()) ? "n/a" : String.format(Locale.ROOT, "detector %.1fx faster than libmagic", speedup()),
          medianBytesRead, p95BytesRead, maxBytesRead, meanBytesRead, (double) totalFileBytes / files);
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
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Detection d = detector.detect(paths.get(i));
      bytes[i] = d.bytesRead();
      totalFileBytes += Math.max(0, d.size());
    }
    double detectorSeconds = (System.nanoTime() - start) / 1e9;
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      formatOnly.detect(paths.get(i));
    }
    double detectionOnlySeconds = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(bytes);
    double mean = Arrays.stream(bytes).average().orElse(0);

    double libmagicSeconds = Double.NaN;
    String version = "";
    if (runLibmagic) {
      Path list = Files.createTempFile("detect-bench", ".list");
      try {
        Files.write(list, paths.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        version = firstLine(command("file", "--version"));
        long t = System.nanoTime();
        String out = command("file", "-b", "-f", list.toString());
        libmagicSeconds = (System.nanoTime() - t) / 1e9;
        long lines = out.lines().count();
        if (lines != count) {
          throw new IOException("file printed " + lines + " lines for " + count + " paths");
        }
      } finally {
        Files.deleteIfExists(list);
      }
    }
    return new Result(
        count, distinct.size(), detectorSeconds, detectionOnlySeconds, libmagicSeconds,
        bytes[count / 2], bytes[(int) Math.min(count - 1, Math.ceil(count * 0.95) - 1)], bytes[count - 1], mean,
        totalFileBytes, version);
  }

  private static String command(String... args) throws IOException, InterruptedException {
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

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("").strip();
  }
}
