package org.modelevolution.reproduction;

import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudySources;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times RQ1 and RQ2 for all groups on a data folder (the paper-scale SYNTHETIC inputs of
 * {@code ../shared/scale/make_paper_scale.py --scale 1.0}). Not a test: run it by hand,
 *
 * <pre>
 * /usr/bin/python3 ../shared/scale/make_paper_scale.py /tmp/scale1 --scale 1.0 --quiet
 * java -Xmx2g -XX:ActiveProcessorCount=2 -cp lib/target/safetensors-study.jar \
 *     org.modelevolution.reproduction.AnalysisBenchmark /tmp/scale1 /tmp/bench-out
 * </pre>
 *
 * It prints the wall time of loading, of each RQ's computations for all groups, and of writing
 * tables, figures and the report, with the peak heap used.
 */
public final class AnalysisBenchmark {
  private AnalysisBenchmark() {}

  /** Timings in milliseconds, in the order measured. */
  public static Map<String, Long> run(Path dataDir, Path outDir) throws Exception {
    Map<String, Long> millis = new LinkedHashMap<>();
    long start = System.nanoTime();
    StudyData data = Study.load(StudySources.of(ProjectLayout.discover(), dataDir));
    millis.put("load (stream, parse, hash all inputs)", elapsed(start));
    Files.createDirectories(outDir);
    Reproduction.Result result = Reproduction.run(data, outDir);
    result.millis().forEach((step, ms) -> millis.put(step, ms));
    millis.put("total wall: load + reproduce (tables, figures, report)", elapsed(start));
    return millis;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: AnalysisBenchmark DATA_DIR [OUT_DIR]");
      System.exit(2);
    }
    Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("bench-rq12");
    Map<String, Long> millis = run(Path.of(args[0]), out);
    millis.forEach((step, ms) -> System.out.printf("%-55s %8.2f s%n", step, ms / 1000.0));
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("%-55s %8.0f MiB (max heap %d MiB, %d processors)%n", "peak heap used (sum of pool peaks)",
        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576, Runtime.getRuntime().availableProcessors());
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
