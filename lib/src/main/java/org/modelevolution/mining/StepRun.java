package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.modelevolution.io.Provenance;
import org.modelevolution.io.RunManifest;

/**
 * The bookkeeping of one run of a step: counts, per-unit errors, files read and written, and its
 * {@link RunManifest}, written when the run starts (without an end) and again when it ends.
 */
final class StepRun {
  private final String step;
  private final SortedMap<String, String> parameters;
  private final String endpoint;
  private final Clock clock;
  private final String startedAt;
  private final Path manifestFile;
  private final Provenance provenance;
  private final SortedMap<String, Long> counts = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();
  private final RequestBuckets buckets;
  private final SortedMap<String, Long> bucketsAtStart;

  /**
   * Starts the run of {@code step} in {@code ctx}'s output folder (the shard's own folder for its
   * manifest and temporaries); a sharded run records its shard among the parameters.
   */
  StepRun(String step, Map<String, String> parameters, MiningContext ctx) {
    this.step = step;
    this.parameters = new TreeMap<>(parameters);
    if (!ctx.layout().shard().isAll()) {
      this.parameters.put("shard", ctx.layout().shard().toString());
    }
    this.endpoint = ctx.hub().endpoint().describe();
    this.clock = ctx.clock();
    this.startedAt = clock.instant().toString();
    this.manifestFile = ctx.layout().own().resolve("manifests").resolve(step + ".json");
    this.provenance = new Provenance(ctx.layout().root());
    this.buckets = ctx.requests();
    this.bucketsAtStart = buckets.snapshot();
    removeStaleTemporaries(ctx.layout().root());
    removeStaleTemporaries(ctx.layout().own());
    manifest(null).write(manifestFile);
  }

  /**
   * Deletes what a killed process left of an atomic write in the output folder (a hidden
   * {@code .<name>…tmp} sibling of a table), so that only complete tables sit beside each other.
   */
  static void removeStaleTemporaries(Path outDir) {
    if (!Files.isDirectory(outDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(outDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + outDir, e);
    }
  }

  void count(String name) {
    add(name, 1);
  }

  void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  void error(String key, Throwable e) {
    count("failed");
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    errors.add(key + ": " + message.replaceAll("\\s+", " "));
  }

  void note(String key, String message) {
    errors.add(key + ": " + message);
  }

  void read(Path file) {
    provenance.read(file);
  }

  void wrote(Path file) {
    provenance.wrote(file);
  }

  boolean hasFailures() {
    return get("failed") > 0;
  }

  StepResult finish() {
    // What this run cost, per rate-limit bucket (retries and redirect hops included).
    RequestBuckets.minus(buckets.snapshot(), bucketsAtStart).forEach((bucket, n) -> counts.put("requests_" + bucket, n));
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
}
