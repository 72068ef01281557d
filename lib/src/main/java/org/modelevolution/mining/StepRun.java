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

  StepRun(String step, Map<String, String> parameters, String endpoint, Clock clock, Path outDir) {
    this.step = step;
    this.parameters = new TreeMap<>(parameters);
    this.endpoint = endpoint;
    this.clock = clock;
    this.startedAt = clock.instant().toString();
    this.manifestFile = outDir.resolve("manifests").resolve(step + ".json");
    this.provenance = new Provenance(outDir);
    removeStaleTemporaries(outDir);
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
