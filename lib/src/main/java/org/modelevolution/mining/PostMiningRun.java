package org.modelevolution.mining;

import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.modelevolution.http.Endpoint;
import org.modelevolution.io.Provenance;
import org.modelevolution.io.RunManifest;

/**
 * The bookkeeping every post miner shares: its files in the output folder
 * ({@code <step>.csv}, {@code <step>.manifest.json}, the checkpoint {@code <step>.journal/}), the
 * counts and errors of the run, and the run manifest written when the run starts (so a crash
 * leaves a trace) and again when it ends.
 */
public final class PostMiningRun {
  private final String step;
  private final Path outDir;
  private final SortedMap<String, String> parameters;
  private final String endpoint;
  private final Clock clock;
  private final String startedAt;
  private final SortedMap<String, Long> counts = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();

  private PostMiningRun(String step, Path outDir, Map<String, String> parameters, Endpoint endpoint, Clock clock) {
    this.step = step;
    this.outDir = outDir;
    this.parameters = new TreeMap<>(parameters);
    this.endpoint = endpoint.describe();
    this.clock = clock;
    this.startedAt = clock.instant().toString();
  }

  /** Starts a run and records it in its manifest as unfinished. */
  public static PostMiningRun start(
      String step, Path outDir, Map<String, String> parameters, Endpoint endpoint, Clock clock) {
    PostMiningRun run = new PostMiningRun(step, outDir, parameters, endpoint, clock);
    run.manifest(null, List.of()).write(run.manifestFile());
    return run;
  }

  public Path table() {
    return outDir.resolve(step + ".csv");
  }

  public Path manifestFile() {
    return outDir.resolve(step + ".manifest.json");
  }

  /** The folder of the step's checkpoint journals. */
  public Path journal(String name) {
    return outDir.resolve(step + ".journal").resolve(name + ".jsonl");
  }

  public void count(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  /** Sets a count to its latest value (e.g. the API quota left), rather than adding to it. */
  public void set(String name, long value) {
    counts.put(name, value);
  }

  public void error(String unit, String message) {
    errors.add(unit + ": " + message);
  }

  /** Writes the post table and the finished manifest, and returns the manifest. */
  public RunManifest finish(List<MinedPost> posts) {
    PostTable.write(table(), posts);
    count("rows written", posts.size());
    Provenance provenance = new Provenance(outDir).wrote(table());
    RunManifest manifest = manifest(clock.instant().toString(), provenance.outputs());
    manifest.write(manifestFile());
    return manifest;
  }

  private RunManifest manifest(String finishedAt, List<Provenance.FileDigest> outputs) {
    return new RunManifest(step, parameters, endpoint, startedAt, finishedAt,
        new TreeMap<>(counts), List.copyOf(errors), List.of(), outputs);
  }
}
