package org.modelevolution.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.Provenance;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.StudyData;

/**
 * Runs every {@link ReproductionStep} on the loaded study data, then writes
 * {@code REPRODUCTION.md} (published numbers next to recomputed ones, study figures next to their
 * counterparts) and {@code provenance.tsv} (inputs read and outputs written, relative paths with
 * SHA-256, sorted, no timestamps), so that a rerun on the same inputs is byte-identical.
 */
public final class Reproduction {
  public static final String REPORT = "REPRODUCTION.md";
  public static final String PROVENANCE = "provenance.tsv";

  private final List<ReproductionStep> steps;

  public Reproduction(List<ReproductionStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The steps of this project, one per research question. */
  public static Reproduction standard() {
    return new Reproduction(List.of(
        new Rq1Reproduction(), new Rq2Reproduction(), new Rq3Reproduction(), new Rq4Reproduction()));
  }

  /** What a run produced, per research question, and the timings. */
  public record Result(Map<String, StepOutput> outputs, Map<String, Long> millis, Path report, Path provenance) {
    public List<Comparison> comparisons() {
      return outputs.values().stream().flatMap(o -> o.comparisons().stream()).toList();
    }

    public long count(Comparison.Status status) {
      return comparisons().stream().filter(c -> c.status() == status).count();
    }
  }

  public Result run(StudyData data, Path outDir) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outDir, e);
    }
    Map<String, StepOutput> outputs = new LinkedHashMap<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    for (ReproductionStep step : steps) {
      long start = System.nanoTime();
      outputs.put(step.researchQuestion(), step.run(data, stepDir(outDir, step)));
      millis.put(step.researchQuestion(), (System.nanoTime() - start) / 1_000_000);
    }
    Path report = outDir.resolve(REPORT);
    AtomicFiles.writeString(report, ReproductionReport.render(data, outDir, outputs));
    Path provenance = outDir.resolve(PROVENANCE);
    AtomicFiles.writeString(provenance, provenance(data, outDir, outputs, report));
    return new Result(outputs, millis, report, provenance);
  }

  /** Each research question writes into its own folder: {@code rq1/}, {@code rq2/}, ... */
  static Path stepDir(Path outDir, ReproductionStep step) {
    Path dir = outDir.resolve(step.researchQuestion().toLowerCase(java.util.Locale.ROOT));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /**
   * {@code read|wrote <tab> sha256 <tab> bytes <tab> path}: first the study inputs the loader read
   * (relative to the data folder, digested while loading), then what this run read and wrote
   * (the published tables as {@code published/<name>}, outputs relative to {@code outDir}); each
   * part sorted by path.
   */
  static String provenance(StudyData data, Path outDir, Map<String, StepOutput> outputs, Path report) {
    Provenance loaded = new Provenance(data.dataDir());
    data.inputs().forEach(i -> loaded.read(i.relativePath(), i.sha256(), i.bytes(),
        i.verification() == InputFile.Verification.VERIFIED ? "" : "(not pinned)"));
    Provenance run = new Provenance(outDir);
    data.publishedDir().ifPresent(dir -> {
      try (var stream = Files.list(dir)) {
        stream.filter(Files::isRegularFile).forEach(p -> run.read(p, "published/" + p.getFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    outputs.values().forEach(o -> o.files().forEach(run::wrote));
    run.wrote(report);
    return loaded.render() + run.render();
  }

  static String relative(Path base, Path file) {
    return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  static Comparator<Comparison> order() {
    return Comparator.comparing(Comparison::researchQuestion).thenComparing(Comparison::publishedFile);
  }
}
