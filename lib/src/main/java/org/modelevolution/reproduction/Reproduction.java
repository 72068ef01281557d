package org.modelevolution.reproduction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.modelevolution.analysis.Check;
import org.modelevolution.analysis.Recomputed;
import org.modelevolution.analysis.Rq1;
import org.modelevolution.analysis.Rq1Group;
import org.modelevolution.analysis.Rq1Result;
import org.modelevolution.analysis.Rq2;
import org.modelevolution.analysis.Rq2Result;
import org.modelevolution.analysis.Rq3;
import org.modelevolution.analysis.Rq3Result;
import org.modelevolution.analysis.Rq4;
import org.modelevolution.analysis.Rq4Result;
import org.modelevolution.charts.ChartFiles;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.ReplacedFolder;
import org.modelevolution.study.Group;
import org.modelevolution.study.PublishedNumber;
import org.modelevolution.study.StudyData;

/**
 * The one door out: runs the four analyses on the loaded study data and writes, into one folder
 * per research question, the study-named tables and the figures; then {@code reproduction.csv}
 * (every distinct published number next to the recomputed one), {@code REPRODUCTION.md} (generated
 * from it), {@code FIGURES.md} (every study figure, its counterpart and a gallery), {@code provenance.tsv} (every input read and output written, with SHA-256) and
 * {@code SHA256SUMS} (the committed outputs, for {@code sha256sum -c}). Nothing in them depends on
 * the time or the machine, so a rerun on the same inputs is byte-identical.
 */
public final class Reproduction {
  public static final String CSV = "reproduction.csv";
  public static final String REPORT = "REPRODUCTION.md";
  public static final String FIGURES = "FIGURES.md";
  public static final String PROVENANCE = "provenance.tsv";
  public static final String CHECKSUMS = "SHA256SUMS";

  private Reproduction() {}

  /** The results of the four research questions on one data set. */
  public record Analyses(Rq1Result rq1, Rq2Result rq2, Rq3Result rq3, Rq4Result rq4) {
    /** Every recomputed number of every research question. */
    public List<Recomputed> numbers() {
      return Stream.of(rq1.numbers(), rq2.numbers(), rq3.numbers(), rq4.numbers()).flatMap(List::stream).toList();
    }

    /** Every consistency check of every research question. */
    public List<Check> checks() {
      return Stream.of(rq1.checks(), rq2.checks(), rq3.checks(), rq4.checks()).flatMap(List::stream).toList();
    }
  }

  /** The files a step wrote, and the study figures they stand for. */
  public record StepFiles(List<Path> written, List<FigureCounterpart> figures, List<FigureCounterpart> extraFigures) {
    /** The PNG drawn for a study figure (e.g. {@code RQ1Heatmap_legacy.pdf}) or for a further figure, when drawn. */
    public Optional<Path> png(String figure) {
      return Stream.concat(figures.stream(), extraFigures.stream()).filter(f -> f.studyFigure().equals(figure))
          .flatMap(f -> f.files().stream()).filter(p -> p.toString().endsWith(".png")).findFirst();
    }
  }

  /** What a run produced. */
  public record Result(Analyses analyses, List<Comparison> comparisons, List<FigureCounterpart> figures,
      List<FigureCounterpart> extraFigures, List<Path> written, Map<String, Long> millis) {

    public long count(Comparison.Status status) {
      return comparisons.stream().filter(c -> c.status() == status).count();
    }

    /** The PNG drawn for a study figure (e.g. {@code RQ1Heatmap_legacy.pdf}) or a further figure, when drawn. */
    public Optional<Path> png(String figure) {
      return Stream.concat(figures.stream(), extraFigures.stream()).filter(f -> f.studyFigure().equals(figure))
          .flatMap(f -> f.files().stream()).filter(p -> p.toString().endsWith(".png")).findFirst();
    }

    /** Why a study figure has no drawing here, or that it is drawn. */
    public String whyNotDrawn(String figure) {
      return figures.stream().filter(f -> f.studyFigure().equals(figure)).findFirst()
          .map(f -> f.files().isEmpty() ? figure + ": " + f.basis() : figure + ": drawn")
          .orElse(figure + ": not produced by this run");
    }

    /** The same result with every file path mapped by {@code where} (from the work folder to the published one). */
    Result moved(UnaryOperator<Path> where) {
      UnaryOperator<FigureCounterpart> figure =
          f -> new FigureCounterpart(f.studyFigure(), f.files().stream().map(where).toList(), f.basis());
      return new Result(analyses, comparisons, figures.stream().map(figure).toList(),
          extraFigures.stream().map(figure).toList(), written.stream().map(where).toList(), millis);
    }
  }

  /** The top-level files and folders a run writes; a run replaces them, and only them, as a whole. */
  public static final Set<String> OWN_ENTRIES =
      Set.of("rq1", "rq2", "rq3", "rq4", CSV, REPORT, FIGURES, PROVENANCE, CHECKSUMS);

  /**
   * Starts, on a daemon thread, the one-time work the analyses and figures would otherwise do on
   * the critical path: Tablesaw's {@code Table} class initialisation (a scan for its readers and
   * writers, confined to its own jar: {@link TablesawStart}) and the first figure's AWT, font and
   * encoder set-up ({@link ChartFiles#warmUp}). Callers start it before loading the data, which
   * leaves a core idle much of the time; the outputs do not depend on it (a failure here only loses
   * the head start, and the same error then surfaces where the work is really done).
   */
  public static void warmUpInBackground() {
    Thread thread = new Thread(() -> {
      try {
        TablesawStart.initialise();
        ChartFiles.warmUp();
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // Only a head start is lost; the real work reports its own errors.
      }
    }, "reproduce-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs the four analyses, side by side on the {@link StepPool} (they share only the immutable data). */
  public static Analyses analyse(StudyData data) {
    return analyse(data, new ConcurrentHashMap<>());
  }

  private static Analyses analyse(StudyData data, Map<String, Long> millis) {
    CompletableFuture<Rq1Result> rq1 = StepPool.start(() -> timed(millis, "RQ1", () -> Rq1.of(data, StepPool.executor())));
    CompletableFuture<Rq2Result> rq2 = StepPool.start(() -> timed(millis, "RQ2", () -> Rq2.of(data, StepPool.executor())));
    CompletableFuture<Rq3Result> rq3 = StepPool.start(() -> timed(millis, "RQ3", () -> Rq3.of(data)));
    Rq4Result rq4 = timed(millis, "RQ4", () -> Rq4.of(data));
    return new Analyses(StepPool.join(rq1), StepPool.join(rq2), StepPool.join(rq3), rq4);
  }

  /** Every distinct published number, in source order, next to what was recomputed for it. */
  public static List<Comparison> compare(StudyData data, Analyses analyses) {
    return compare(data, analyses.numbers(), null);
  }

  /** The published numbers of one research question ({@code "RQ1"} …) next to its recomputed numbers. */
  public static List<Comparison> compare(StudyData data, List<Recomputed> numbers, String rq) {
    Map<String, Recomputed> byKey = new HashMap<>();
    numbers.forEach(n -> byKey.putIfAbsent(n.key(), n));
    List<Comparison> comparisons = new ArrayList<>();
    for (PublishedNumber number : data.published().numbers()) {
      if (rq == null || number.rq().equals(rq)) {
        comparisons.add(Comparison.of(number, Optional.ofNullable(byKey.get(number.key()))));
      }
    }
    return comparisons;
  }

  /**
   * Takes the output folder for a run: checks it can be replaced (not a file, writable, an earlier
   * output or new or empty), locks it against a second run and creates the work folder beside it;
   * see {@link ReplacedFolder}. Throws {@link ReplacedFolder.FolderException} naming the folder.
   * Callers do this before loading the data, so that a folder that cannot be written fails at once.
   */
  public static ReplacedFolder prepare(Path outDir) {
    return ReplacedFolder.begin(outDir, OWN_ENTRIES);
  }

  /**
   * Analyses the data and replaces {@code outDir} with every output, as a whole: a run that fails
   * leaves the previous folder as it was (see {@link #prepare}).
   */
  public static Result run(StudyData data, Path outDir) {
    try (ReplacedFolder folder = prepare(outDir)) {
      folder.notes().forEach(System.err::println);
      return run(data, folder);
    }
  }

  /** Writes every output into the prepared folder's work folder and swaps it in. */
  public static Result run(StudyData data, ReplacedFolder folder) {
    Result result = write(data, folder.work());
    folder.commit();
    return result.moved(folder::published);
  }

  /**
   * Analyses the data and writes every output into {@code outDir} in place. The four analyses run
   * side by side, then the four writers (separate folders; figures are drawn independently, so their
   * bytes do not depend on the order).
   */
  private static Result write(StudyData data, Path outDir) {
    Map<String, Long> perStep = new ConcurrentHashMap<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    long start = System.nanoTime();
    Analyses analyses = analyse(data, perStep);
    millis.put("analyses (RQ1-RQ4)", elapsed(start));
    for (String rq : List.of("RQ1", "RQ2", "RQ3", "RQ4")) {
      millis.put("  " + rq + " analysis", perStep.get(rq));
    }
    long t = System.nanoTime();
    CompletableFuture<StepFiles> rq1 = StepPool.start(
        () -> timed(perStep, "RQ1 files", () -> rq1(analyses.rq1(), data, outDir)));
    CompletableFuture<StepFiles> rq2 = StepPool.start(
        () -> timed(perStep, "RQ2 files", () -> rq2(analyses.rq2(), data, outDir)));
    CompletableFuture<StepFiles> rq3 = StepPool.start(
        () -> timed(perStep, "RQ3 files", () -> rq3(analyses.rq3(), data, outDir)));
    StepFiles rq4 = timed(perStep, "RQ4 files", () -> rq4(analyses.rq4(), outDir));
    List<StepFiles> steps = List.of(StepPool.join(rq1), StepPool.join(rq2), StepPool.join(rq3), rq4);
    millis.put("tables and figures", elapsed(t));
    for (String rq : List.of("RQ1", "RQ2", "RQ3", "RQ4")) {
      millis.put("  " + rq + " tables and figures", perStep.get(rq + " files"));
    }
    t = System.nanoTime();
    List<Comparison> comparisons = compare(data, analyses);
    List<Path> written = new ArrayList<>();
    List<FigureCounterpart> figures = new ArrayList<>();
    List<FigureCounterpart> extras = new ArrayList<>();
    steps.forEach(s -> {
      written.addAll(s.written());
      figures.addAll(s.figures());
      extras.addAll(s.extraFigures());
    });
    Path csv = outDir.resolve(CSV);
    AtomicFiles.writeString(csv, ReproductionCsv.render(comparisons));
    written.add(csv);
    Path report = outDir.resolve(REPORT);
    AtomicFiles.writeString(report, ReproductionReport.render(data, analyses, comparisons, figures, extras, outDir));
    written.add(report);
    Path figuresReport = outDir.resolve(FIGURES);
    AtomicFiles.writeString(figuresReport, FiguresReport.render(data, figures, extras, outDir));
    written.add(figuresReport);
    Path provenance = outDir.resolve(PROVENANCE);
    AtomicFiles.writeString(provenance, ProvenanceFiles.provenance(data, outDir, written));
    written.add(provenance);
    Path sums = outDir.resolve(CHECKSUMS);
    AtomicFiles.writeString(sums, ProvenanceFiles.checksums(outDir, written));
    written.add(sums);
    millis.put("comparisons, report, provenance", elapsed(t));
    return new Result(analyses, comparisons, figures, extras, written, millis);
  }

  /** Writes RQ1's tables and figures into {@code outDir/rq1}. */
  public static StepFiles rq1(Rq1Result rq1, StudyData data, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq1"));
    Rq1Files.write(rq1, data, out);
    return files(out);
  }

  /** Writes one group's RQ1 tables and figures (the notebook of RQ1 shows one group) into {@code outDir/rq1}. */
  public static StepFiles rq1(Rq1Group group, StudyData data, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq1"));
    Rq1Files.writeGroup(group, data, out);
    return files(out);
  }

  /** Writes RQ2's tables and figures into {@code outDir/rq2}. */
  public static StepFiles rq2(Rq2Result rq2, StudyData data, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq2"));
    Rq2Files.write(rq2, data, out);
    return files(out);
  }

  /** Writes one group's RQ2 tables and figures into {@code outDir/rq2}. */
  public static StepFiles rq2(Rq2Result rq2, Group group, StudyData data, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq2"));
    Rq2Files.writeGroup(rq2.group(group), group, data, out);
    return files(out);
  }

  /** Writes RQ3's tables and figures into {@code outDir/rq3}. */
  public static StepFiles rq3(Rq3Result rq3, StudyData data, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq3"));
    Rq3Files.write(rq3, data, out);
    return files(out);
  }

  /** Writes RQ4's tables and figures into {@code outDir/rq4}. */
  public static StepFiles rq4(Rq4Result rq4, Path outDir) {
    Outputs out = new Outputs(outDir.resolve("rq4"));
    Rq4Files.write(rq4, out);
    return files(out);
  }

  private static StepFiles files(Outputs out) {
    return new StepFiles(out.written(), out.figures(), out.extraFigures());
  }

  private static <T> T timed(Map<String, Long> millis, String step, java.util.function.Supplier<T> task) {
    long start = System.nanoTime();
    T value = task.get();
    millis.put(step, elapsed(start));
    return value;
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
