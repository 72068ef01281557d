package org.modelevolution.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes SYNTHETIC inputs in the study's full schema with the shared generator
 * ({@code ../shared/scale/make_paper_scale.py}): for tests, smoke runs and benchmarks of the full
 * path, never for findings.
 */
public final class SyntheticInputs {
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private SyntheticInputs() {}

  /** The generator script beside the study data ({@code <shared>/scale/make_paper_scale.py}). */
  public static Path generator(Path studyData) {
    return studyData.toAbsolutePath().normalize().resolveSibling("scale").resolve("make_paper_scale.py");
  }

  public static boolean available(Path studyData) {
    return Files.isExecutable(PYTHON) && Files.isRegularFile(generator(studyData));
  }

  /** Generates inputs at {@code scale} (0.01 takes about a second) into {@code outDir}. */
  public static Path generate(Path studyData, Path outDir, double scale) {
    if (!available(studyData)) {
      throw new StudyDataException("cannot generate synthetic inputs: " + PYTHON + " or " + generator(studyData) + " is missing");
    }
    try {
      Process process = new ProcessBuilder(PYTHON.toString(), generator(studyData).toString(), outDir.toString(),
          "--scale", String.format(Locale.ROOT, "%s", scale), "--quiet")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new StudyDataException("the synthetic-input generator failed (exit " + process.exitValue() + ")");
      }
      return outDir;
    } catch (IOException e) {
      throw new StudyDataException("cannot run the synthetic-input generator: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudyDataException("interrupted while generating synthetic inputs", e);
    }
  }
}
