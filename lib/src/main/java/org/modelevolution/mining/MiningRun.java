package org.modelevolution.mining;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.modelevolution.http.Endpoint;
import org.modelevolution.io.Journal;
import org.modelevolution.io.Provenance;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;
import org.modelevolution.progress.Progress;

/**
 * One run of a miner, whatever it mines: the one place that owns the run's folder, its
 * checkpoints, counts, errors, progress and its {@link RunManifest} (parameters, endpoint, files
 * read and written with their SHA-256). The manifest is written when the run starts, without an
 * end, so that a crash leaves a trace, and again by {@link #finish()}.
 *
 * <p>Resume: every unit of work is checkpointed in a {@link Checkpoint} of the run (an
 * append-only {@link Journal}, one forced line per unit). A unit recorded there is never done
 * again: a rerun after a crash or a stop skips it and assembles its tables from the checkpoints,
 * so the tables of a resumed run are the bytes of an uninterrupted one. What a killed atomic
 * write left in the run's folder is removed when the next run starts.
 *
 * <p>Two folder layouts, one framework: a step of the Hub pipeline ({@link #of}) keeps its
 * manifest in {@link MiningLayout#manifest}, its checkpoints in {@link MiningLayout#journal} and
 * counts the Hub's requests per rate-limit bucket; a post miner ({@link #ofPosts}) keeps
 * {@code <step>.csv}, {@code <step>.manifest.json} and {@code <step>.journal/<name>.jsonl} in its
 * output folder.
 */
final class MiningRun {
  private final String step;
  private final SortedMap<String, String> parameters;
  private final String endpoint;
  private final Clock clock;
  private final String startedAt;
  private final Path base;
  private final Path manifestFile;
  private final Function<String, Path> journalFile;
  private final Provenance provenance;
  private final MiningContext.ProgressFactory progress;
  private final MiningContext.UnitHook hook;
  private final Optional<RequestBuckets> buckets;
  private final SortedMap<String, Long> bucketsAtStart;
  private final SortedMap<String, Long> counts = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();

  private MiningRun(String step, Map<String, String> parameters, String endpoint, Clock clock, Path base,
      Path manifestFile, Function<String, Path> journalFile, List<Path> scratch,
      MiningContext.ProgressFactory progress, MiningContext.UnitHook hook, Optional<RequestBuckets> buckets) {
    this.step = step;
    this.parameters = new TreeMap<>(parameters);
    this.endpoint = endpoint;
    this.clock = clock;
    this.startedAt = clock.instant().toString();
    this.base = base;
    this.manifestFile = manifestFile;
    this.journalFile = journalFile;
    this.provenance = new Provenance(base);
    this.progress = progress;
    this.hook = hook;
    this.buckets = buckets;
    this.bucketsAtStart = buckets.map(RequestBuckets::snapshot).orElse(new TreeMap<>());
    new LinkedHashSet<>(scratch).forEach(MiningRun::removeStaleTemporaries);
    manifest(null).write(manifestFile);
  }

  /**
   * Starts the run of the pipeline step {@code step} in {@code ctx}'s output folder (the shard's
   * own folder for its manifest and checkpoints); a sharded run records its shard among the
   * parameters.
   */
  static MiningRun of(String step, Map<String, String> parameters, MiningContext ctx) {
    Map<String, String> all = new TreeMap<>(parameters);
    if (!ctx.layout().shard().isAll()) {
      all.put("shard", ctx.layout().shard().toString());
    }
    MiningLayout layout = ctx.layout();
    return new MiningRun(step, all, ctx.hub().endpoint().describe(), ctx.clock(), layout.root(),
        layout.manifest(step), layout::journal, List.of(layout.root(), layout.own()), ctx.progress(), ctx.hook(),
        Optional.of(ctx.requests()));
  }

  /**
   * Starts the run of the post miner {@code step} writing to {@code outDir} against
   * {@code endpoint}, its progress shown on {@code shown} (which the caller closes).
   */
  static MiningRun ofPosts(String step, Path outDir, Map<String, String> parameters, Endpoint endpoint, Clock clock,
      Progress shown) {
    return new MiningRun(step, parameters, endpoint.describe(), clock, outDir,
        outDir.resolve(step + ".manifest.json"), name -> outDir.resolve(step + ".journal").resolve(name + ".jsonl"),
        List.of(outDir), (task, total) -> view(shown, total), MiningContext.UnitHook.NONE, Optional.empty());
  }

  /** Opens the run's checkpoint {@code name}; a unit recorded there is done for every later run. */
  <T> Checkpoint<T> checkpoint(String name, Class<T> type) {
    return new Checkpoint<>(name, Journal.open(journalFile.apply(name), type), hook);
  }

  /** Shows the progress of a task of {@code total} units (0 when not known yet). */
  Progress progress(String task, long total) {
    return progress.start(task, total);
  }

  void count(String name) {
    add(name, 1);
  }

  void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  /** Sets a count to its latest value (e.g. the API quota left), rather than adding to it. */
  void set(String name, long value) {
    counts.put(name, value);
  }

  long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** A unit that failed: counted as {@code failed} (a rerun retries it) and reported. */
  void error(String key, Throwable e) {
    count("failed");
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    errors.add(key + ": " + message.replaceAll("\\s+", " "));
  }

  /** A problem worth reporting that did not fail a unit (e.g. a source left out, a capped window). */
  void note(String key, String message) {
    errors.add(key + ": " + message);
  }

  boolean hasFailures() {
    return get("failed") > 0;
  }

  void read(Path file) {
    provenance.read(file);
  }

  void wrote(Path file) {
    provenance.wrote(file);
  }

  /** Writes the post table {@code <step>.csv} of a post miner and records it. */
  void writePosts(List<MinedPost> posts) {
    Path table = base.resolve(step + ".csv");
    PostTable.write(table, posts);
    add("rows written", posts.size());
    wrote(table);
  }

  /** Writes a further post table {@code <name>.csv} beside the step's own and records it. */
  void writePosts(String name, List<MinedPost> posts) {
    Path table = base.resolve(name + ".csv");
    PostTable.write(table, posts);
    add("rows written to " + name + ".csv", posts.size());
    wrote(table);
  }

  /** Writes the finished manifest (with the Hub requests per bucket when they are counted). */
  StepResult finish() {
    // What this run cost, per rate-limit bucket (retries and redirect hops included).
    buckets.ifPresent(b -> RequestBuckets.minus(b.snapshot(), bucketsAtStart)
        .forEach((bucket, n) -> counts.put("requests_" + bucket, n)));
    RunManifest manifest = manifest(clock.instant().toString());
    manifest.write(manifestFile);
    return new StepResult(step, manifest, manifestFile);
  }

  private RunManifest manifest(String finishedAt) {
    List<String> sortedErrors = new ArrayList<>(errors);
    sortedErrors.sort(null);
    return new RunManifest(step, parameters, endpoint, startedAt, finishedAt, new TreeMap<>(counts),
        sortedErrors, provenance.inputs(), provenance.outputs());
  }

  /**
   * Deletes what a killed process left of an atomic write in {@code dir} (a hidden
   * {@code .<name>…tmp} sibling of a table), so that only complete tables sit beside each other.
   */
  private static void removeStaleTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
  }

  /** The caller's progress, given a total, and left open for the caller to close. */
  private static Progress view(Progress shown, long total) {
    shown.total(total);
    return new Progress() {
      @Override public void step(long n) { shown.step(n); }
      @Override public void total(long newTotal) { shown.total(newTotal); }
      @Override public void close() {}
    };
  }

  /**
   * A checkpoint of the run: its finished units by key, each recorded durably before the run goes
   * on (a torn last line after a kill is dropped; see {@link Journal}); every recorded unit is
   * announced to the context's {@link MiningContext.UnitHook} under the checkpoint's name.
   */
  static final class Checkpoint<T> implements Closeable {
    private final String name;
    private final Journal<T> journal;
    private final MiningContext.UnitHook hook;

    private Checkpoint(String name, Journal<T> journal, MiningContext.UnitHook hook) {
      this.name = name;
      this.journal = journal;
      this.hook = hook;
    }

    boolean isDone(String key) {
      return journal.isDone(key);
    }

    Optional<T> get(String key) {
      return journal.get(key);
    }

    int size() {
      return journal.size();
    }

    /** The finished units, sorted by key. */
    SortedMap<String, T> entries() {
      return journal.entries();
    }

    /** Records a finished unit durably, then tells the hook. */
    void record(String key, T value) {
      journal.record(key, value);
      hook.unitDone(name, key);
    }

    @Override
    public void close() {
      journal.close();
    }
  }
}
