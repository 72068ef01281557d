package org.modelevolution.reproduction;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyDataException;
import org.modelevolution.study.StudySources;

/**
 * The analysis benchmark (not a test): the whole {@code reproduce} on data folders of the
 * SYNTHETIC paper-scale generator ({@code ../shared/scale/make_paper_scale.py}) at several scales,
 * each in fresh JVMs, printed as one table with the growth factor of every step from the first
 * scale. {@code make bench-analysis SCALES="1 3 10"} generates the folders and runs
 *
 * <pre>
 * java -cp lib/target/safetensors-study.jar org.modelevolution.reproduction.AnalysisBenchmark \
 *     compare /tmp/safetensors-study-scale 1 3 10
 * </pre>
 *
 * which reads {@code /tmp/safetensors-study-scale1}, {@code …scale3}, {@code …scale10}. Per scale
 * it runs {@code java -Xmx2g -jar … reproduce} three times (wall time with the JVM's start, the
 * median is reported) through {@code bin/safetensors-study} (the launcher with the JDK 25 start-up
 * cache), interleaved with as many plain {@code java -Xmx2g -jar … reproduce} runs, and once more
 * through the launcher with this class as its main class ({@code STUDY_MAIN}), so in the JVM and with
 * the options a user's {@code reproduce} gets, timing each step inside that one process: the load
 * (read, hash, parse; cold, as {@code reproduce} runs it), reading and hashing every input byte
 * alone, the baseline pass that reads and tokenises every input ({@link ReadAndTokenise}) and the
 * load's ratio to it, each analysis, each writer, and the peak live heap (the most in use right after
 * any collection); then the baseline and the load again, alternately, warm, for the load's own cost
 * against the baseline's with the compilers' warm-up left out of both.
 * Where {@code STUDY_CODE} names a checkout of the study's repository and Debian's pandas is
 * present, the study's own RQ1 notebook for group {@code both} runs once per scale on the same
 * data ({@code environment/study_rq1_baseline.py}). The machine's one-minute load average is
 * printed before and after each scale: the ratios, measured in the same run, are what to quote.
 */
public final class AnalysisBenchmark {
  private static final String HEAP = "-Xmx2g";
  private static final int RUNS = 3;
  private static final long BIG_INPUT = 5_000_000;
  private static final int WARM_ROUNDS = 3;

  private AnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("reproduce") && args[1].equals("--data") && args[3].equals("--out")) {
      try {
        steps(Path.of(args[2]), Path.of(args[4])).forEach((step, value) -> System.out.println(step + "\t" + value));
      } catch (StudyDataException e) { // a wrong --data: one line, as the CLI says it
        System.err.println("AnalysisBenchmark: " + e.getMessage());
        System.exit(1);
      }
    } else if (args.length >= 3 && args[0].equals("compare")) {
      List<String> scales = List.of(args).subList(2, args.length);
      try {
        System.out.print(compare(args[1], scales));
      } catch (IllegalArgumentException e) { // a missing scale folder: one line, as the CLI says it
        System.err.println("AnalysisBenchmark: " + e.getMessage());
        System.exit(1);
      }
    } else {
      System.err.println("usage: AnalysisBenchmark compare DATA_PREFIX SCALE...\n"
          + "   or: STUDY_MAIN=" + AnalysisBenchmark.class.getName()
          + " bin/safetensors-study reproduce --data DATA_DIR --out OUT_DIR   (the steps of that reproduce, timed)");
      System.exit(2);
    }
  }

  /**
   * Times each step of a {@code reproduce} in this process; values in milliseconds, bytes for the rows so
   * named. The load comes first, as in {@code reproduce}: cold, with the compilers' warm-up in it. Then, once
   * the reproduction is written and its data let go, the baseline pass and the load run {@value #WARM_ROUNDS}
   * more times each, alternately, in the same warm JVM: the load's own cost beside the baseline's, both past
   * their warm-up.
   */
  static Map<String, Long> steps(Path dataDir, Path outDir) throws IOException {
    ColdSteps cold = coldSteps(dataDir, outDir);
    Map<String, Long> values = cold.values();
    List<Path> files = cold.inputFiles();
    List<Long> loads = new ArrayList<>();
    List<Long> baselines = new ArrayList<>();
    for (int round = 0; round < WARM_ROUNDS; round++) {
      System.gc(); // the last round's data is garbage: its collection is not the next step's
      baselines.add(ReadAndTokenise.sideBySide(files));
      long start = System.nanoTime();
      Study.load(StudySources.of(ProjectLayout.discover(), dataDir), (file, took) -> {});
      loads.add(elapsed(start));
    }
    values.put("warm: baseline, read and tokenise (median of " + WARM_ROUNDS + ")", median(baselines));
    values.put("warm: load (median of " + WARM_ROUNDS + ", alternating with the baseline)", median(loads));
    values.put("ratio: warm load / warm read and tokenise", ratio(median(loads), median(baselines)));
    return values;
  }

  /** What {@link #coldSteps} measured, and the input files the load read (regular files only). */
  private record ColdSteps(Map<String, Long> values, List<Path> inputFiles) {}

  /** The steps of one {@code reproduce}, from a cold JVM; its data is garbage when this returns. */
  private static ColdSteps coldSteps(Path dataDir, Path outDir) throws IOException {
    AtomicLong peakLive = watchLiveHeap();
    Map<String, Long> values = new LinkedHashMap<>();
    Map<String, Long> perInput = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long loadCpu = processCpuMillis();
    StudyData data = Study.load(StudySources.of(ProjectLayout.discover(), dataDir),
        (file, took) -> perInput.put(file.fileName(), took.toMillis()));
    long load = elapsed(start);
    loadCpu = processCpuMillis() - loadCpu;
    long floor = System.nanoTime();
    long bytes = 0;
    for (InputFile input : data.inputs()) {
      Path file = dataDir.resolve(input.fileName());
      if (Files.isRegularFile(file)) {
        Sha256.of(file);
        bytes += input.bytes();
      }
    }
    values.put("input bytes", bytes);
    values.put("read + hash every input byte (alone, one thread)", elapsed(floor));
    List<Path> files = data.inputs().stream().map(i -> dataDir.resolve(i.fileName())).filter(Files::isRegularFile)
        .distinct().toList();
    long tokeniseCpu = processCpuMillis();
    long tokenise = ReadAndTokenise.sideBySide(files);
    tokeniseCpu = processCpuMillis() - tokeniseCpu;
    values.put("baseline: read and tokenise every input (side by side)", tokenise);
    values.put("load: read, hash, parse (side by side), cold as in reproduce", load);
    values.put("ratio: cold load / read and tokenise", ratio(load, tokenise));
    // the same in CPU time of the process (the compilers' and collector's threads included): on a
    // busy machine wall time says how much of the cores the run got, CPU time what the work cost
    values.put("baseline, process CPU", tokeniseCpu);
    values.put("load, process CPU", loadCpu);
    values.put("ratio: cold load / read and tokenise, CPU", ratio(loadCpu, tokeniseCpu));
    // the inputs of the full set, each read on one of the loading threads (the small ones are left out)
    data.inputs().stream().filter(i -> i.bytes() >= BIG_INPUT).sorted(Comparator.comparing(InputFile::bytes).reversed())
        .forEach(i -> values.put("  " + i.fileName(), perInput.get(i.fileName())));
    Files.createDirectories(outDir);
    Reproduction.Result result = Reproduction.run(data, outDir);
    values.putAll(result.millis());
    values.put("in-process total", elapsed(start));
    values.put("peak live heap after GC (bytes)", peakLive.get());
    values.put("peak RSS (bytes)", peakRss());
    return new ColdSteps(values, files);
  }

  /** The table of every scale, measured in fresh JVMs. */
  static String compare(String dataPrefix, List<String> scales) throws IOException, InterruptedException {
    Map<String, Map<String, Long>> byScale = new LinkedHashMap<>();
    for (String scale : scales) {
      Path data = BenchmarkRuns.scaleFolder(dataPrefix, scale);
      Path out = Files.createTempDirectory("bench-analysis-" + scale + "-");
      Path plainOut = Files.createTempDirectory("bench-analysis-plain-" + scale + "-");
      // the launcher trains its start-up cache once per build: not timed
      run(List.of(launcher().toString(), "--version"));
      Map<String, Long> values = new LinkedHashMap<>();
      values.put("load average (1 min) before", loadAverage());
      List<Long> walls = new ArrayList<>();
      List<Long> plainWalls = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        // interleaved, so that a change in the machine's load falls on both alike
        long start = System.nanoTime();
        run(List.of(launcher().toString(), "reproduce", "--data", data.toString(), "--out", out.toString()));
        walls.add(elapsed(start));
        start = System.nanoTime();
        run(List.of(java(), HEAP, "-jar", jar(), "reproduce", "--data", data.toString(), "--out", plainOut.toString()));
        plainWalls.add(elapsed(start));
        System.err.printf(Locale.ROOT, "scale %s: reproduce run %d of %d, %.1f s (plain java -jar %.1f s)%n", scale,
            run + 1, RUNS, walls.get(run) / 1000.0, plainWalls.get(run) / 1000.0);
      }
      List<Long> sorted = walls.stream().sorted().toList();
      values.put("reproduce, bin/safetensors-study, whole process (median of " + RUNS + ")", sorted.get(RUNS / 2));
      values.put("  fastest run", sorted.get(0));
      values.put("  slowest run", sorted.get(RUNS - 1));
      long plain = median(plainWalls);
      values.put("reproduce, plain java " + HEAP + " -jar (median of " + RUNS + ", interleaved)", plain);
      values.put("ratio: plain java -jar / bin/safetensors-study", ratio(plain, sorted.get(RUNS / 2)));
      Map<String, Long> study = studyRq1Both(data);
      if (!study.isEmpty()) {
        values.put("baseline: the study's RQ1-both notebook (pandas), wall", study.get("wall_ms"));
        values.put("  its CPU", study.get("cpu_ms"));
        values.put("  its peak RSS (bytes)", study.get("peak_rss_bytes"));
        values.put("ratio: the study's RQ1-both / whole reproduce", ratio(study.get("wall_ms"), sorted.get(RUNS / 2)));
      }
      // the steps of one more reproduce, timed in the JVM the launcher gives that command line
      String steps = run(List.of(launcher().toString(), "reproduce", "--data", data.toString(), "--out",
          out.toString()), Map.of("STUDY_MAIN", AnalysisBenchmark.class.getName()));
      for (String line : steps.split("\n")) {
        String[] cells = line.split("\t");
        if (cells.length == 2) {
          values.put(cells[0], Long.parseLong(cells[1]));
        }
      }
      values.put("load average (1 min) after", loadAverage());
      byScale.put(scale, values);
    }
    return table(byScale);
  }

  /** One row per step, one column per scale, and each later scale's growth over the first. */
  static String table(Map<String, Map<String, Long>> byScale) {
    List<String> scales = new ArrayList<>(byScale.keySet());
    List<String> steps = new ArrayList<>();
    byScale.values().forEach(v -> v.keySet().stream().filter(k -> !steps.contains(k)).forEach(steps::add));
    StringBuilder text = new StringBuilder("| step |");
    scales.forEach(s -> text.append(" scale ").append(s).append(" |"));
    scales.subList(1, scales.size()).forEach(s -> text.append(" x (").append(s).append(" / ").append(scales.get(0))
        .append(") |"));
    text.append("\n|---|").append("---:|".repeat(2 * scales.size() - 1)).append('\n');
    Map<String, Long> first = byScale.get(scales.get(0));
    for (String step : steps) {
      boolean isBytes = step.contains("bytes");
      text.append("| ").append(step.startsWith("  ") ? "· " + step.strip() : step).append(" |");
      for (String scale : scales) {
        Map<String, Long> v = byScale.get(scale);
        text.append(' ').append(isHundredths(step) ? hundredths(v.get(step), step) : format(v.get(step), isBytes))
            .append(" |");
      }
      for (String scale : scales.subList(1, scales.size())) {
        Long a = first.get(step);
        Long b = byScale.get(scale).get(step);
        text.append(a == null || b == null || a < 10 || isHundredths(step) ? " |"
            : String.format(Locale.ROOT, " %.1f |", (double) b / a));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String format(Long value, boolean isBytes) {
    if (value == null) {
      return "";
    }
    return isBytes ? String.format(Locale.ROOT, "%.0f MB", value / 1e6) : seconds(value);
  }

  /** Cells of rows that hold hundredths (ratios, load averages) rather than milliseconds. */
  private static boolean isHundredths(String step) {
    return step.startsWith("ratio") || step.startsWith("load average");
  }

  private static String hundredths(Long value, String step) {
    return value == null ? "" : String.format(Locale.ROOT, step.startsWith("ratio") ? "x %.2f" : "%.2f", value / 100.0);
  }

  /** {@code a / b} in hundredths, so that it travels in the same table of longs. */
  static long ratio(long a, long b) {
    return b == 0 ? 0 : Math.round(100.0 * a / b);
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  /** The one-minute load average of the machine (Linux {@code /proc/loadavg}), in hundredths; 0 where unknown. */
  static long loadAverage() {
    try {
      String first = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      return Math.round(100 * Double.parseDouble(first));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The study's own RQ1 notebook for group {@code both} on the same data
   * ({@code environment/study_rq1_baseline.py}), when its code is at hand (STUDY_CODE) and
   * {@code /usr/bin/python3} has pandas; empty otherwise. Its figures: wall_ms, cpu_ms, peak_rss_bytes.
   */
  private static Map<String, Long> studyRq1Both(Path data) throws IOException, InterruptedException {
    Path script = launcher().getParent().resolveSibling("environment").resolve("study_rq1_baseline.py");
    if (System.getenv("STUDY_CODE") == null || !Files.isRegularFile(script)) {
      System.err.println("the study's RQ1-both baseline is left out: set STUDY_CODE to a checkout of"
          + " s2e-lab/model-evolution (environment/study_rq1_baseline.py)");
      return Map.of();
    }
    Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), data.toString(), "--group", "both")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
      System.err.println("the study's RQ1-both baseline did not run (exit " + process.exitValue() + "): left out");
      return Map.of();
    }
    Map<String, Long> figures = new LinkedHashMap<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      String[] cells = line.split("\t");
      if (cells.length == 2) {
        figures.put(cells[0], Long.parseLong(cells[1].strip()));
      }
    }
    return figures;
  }

  /** {@code bin/safetensors-study} of the checkout the jar was built in. */
  private static Path launcher() {
    return Path.of(jar()).toAbsolutePath().getParent().getParent().getParent().resolve("bin").resolve(
        "safetensors-study");
  }

  private static String seconds(Long millis) {
    return millis == null ? "" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  /** The largest heap in use right after a collection: what the run needed live, garbage aside. */
  private static AtomicLong watchLiveHeap() {
    AtomicLong peak = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
            peak.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
    }
    return peak;
  }

  /** CPU time of this process so far, every thread; 0 where unknown. */
  private static long processCpuMillis() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() / 1_000_000 : 0;
  }

  /** The process's peak resident set (Linux {@code VmHWM}); 0 where unknown. */
  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the row stays empty
    }
    return 0;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /** Runs {@code command} with {@code environment} added, its standard error discarded (the table is printed). */
  private static String run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    return BenchmarkRuns.run(command, environment, ProcessBuilder.Redirect.DISCARD, Duration.ofMinutes(30));
  }

  private static String java() {
    return BenchmarkRuns.java();
  }

  private static String jar() {
    String classPath = System.getProperty("java.class.path");
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (entry.endsWith("safetensors-study.jar")) {
        return entry;
      }
    }
    throw new UncheckedIOException(new IOException("run the benchmark from lib/target/safetensors-study.jar"));
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
