package org.modelevolution.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.formats.Detector;
import org.modelevolution.formats.DetectorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench-detect}: detector throughput and bytes read, next to {@code file -b -f LIST}. */
@Command(
    name = "bench-detect",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the format detector over the formats corpus repeated to N paths, beside libmagic.",
      "libmagic (file -b -f LIST) runs over the same list in the same run; prints the measured figures."
    })
final class BenchDetectCommand implements Callable<Integer> {
  @Option(names = "--corpus", description = "Corpus folder (default: FORMATS_CORPUS or ../shared/formats-corpus).")
  Path corpus;

  @Option(names = "--paths", defaultValue = "20000", converter = Numbers.Positive.class, description = "Number of paths (corpus repeated), default ${DEFAULT-VALUE}.")
  int paths;

  @Option(names = "--no-libmagic", description = "Skip the file(1) comparison.")
  boolean noLibmagic;

  @Override
  public Integer call() throws Exception {
    Path root = corpus != null ? corpus : ProjectLayout.discover().formatsCorpus();
    if (!java.nio.file.Files.isDirectory(root)) {
      System.err.println("bench-detect: the formats corpus is not at " + root + "; give --corpus DIR or set"
          + " FORMATS_CORPUS (or SHARED_DIR) to where it is.");
      return 1;
    }
    System.out.print(DetectorBenchmark.run(root, paths, Detector.withDefaults(), !noLibmagic));
    return 0;
  }
}
