package org.modelevolution.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.io.RunManifest;
import org.modelevolution.mining.Shard;
import org.modelevolution.progress.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every mining command shares ({@code mine-hub} and its steps, {@code mine-github},
 * {@code mine-stackoverflow}, {@code mine-discussions}): where to write, whether to only show the
 * plan, and which shard to mine. Options that change what every miner records belong here too.
 * Each command brings its own parameters and its default output folder.
 */
final class MiningOptions {
  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/mined below the current"
      + " folder for mine-hub; the download cache's perception/ folder, data/cache/perception of the checkout, for"
      + " mine-github, mine-stackoverflow and mine-discussions).")
  Path out;

  @Option(names = "--dry-run", description = "Show what would be done; make no request and write nothing.")
  boolean dryRun;

  @Option(names = "--shard", paramLabel = "i/n", converter = ShardConverter.class,
      description = "Mine only shard i of n (0-based; a stable hash of the repository id). Default: "
          + "the task's place in its SLURM or Grid Engine job array (SLURM_ARRAY_TASK_*, SGE_TASK_*) when set, "
          + "else everything.")
  Shard shard;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** A usage error (exit 2) when the inclusive day range {@code since..until} is empty, also under --dry-run. */
  /** A usage error (exit 2) when both days are given and {@code since} comes after {@code until}. */
  void checkDays(java.util.Optional<java.time.LocalDate> since, java.util.Optional<java.time.LocalDate> until) {
    if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
      throw new ParameterException(command.commandLine(), "--since " + since.get() + " is after --until "
          + until.get() + "; give a --since on or before --until");
    }
  }

  Path outDir(Path fallback) {
    return out != null ? out : fallback;
  }

  /**
   * The shard asked for, else the SLURM or Grid Engine job-array task's, else everything.
   *
   * @throws IllegalArgumentException when the array's variables do not give a shard
   */
  Shard shard() {
    return shard != null ? shard : Shard.fromEnvironment(System.getenv()).orElse(Shard.ALL);
  }

  static final class ShardConverter implements picocli.CommandLine.ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
      return Shard.parse(value);
    }
  }

  /** A post miner's live run into an output folder, which may fail with I/O errors. */
  interface Mine {
    RunManifest mine(Path out, Progress progress) throws IOException;
  }

  /**
   * The body the post miners share: with {@code --dry-run} it prints the miner's plan and stops;
   * otherwise it calls {@code beforeLiveRun} (for warnings about missing credentials), mines with
   * a progress display labelled {@code label} and {@link #report reports} the run.
   */
  int runPosts(Path defaultOut, Function<Path, String> plan, Mine mine, String label, Runnable beforeLiveRun) {
    Path outDir = outDir(defaultOut);
    if (shard != null) {
      System.err.println("--shard applies to the Hub's per-repository steps; " + label + " run whole.");
      return 2;
    }
    if (dryRun) {
      System.out.println(plan.apply(outDir));
      return 0;
    }
    beforeLiveRun.run();
    return report(() -> {
      try (Progress progress = Progress.start(label, 0)) {
        return mine.mine(outDir, progress);
      }
    }, System.out, System.err);
  }

  /** A step's body, which may fail with I/O errors. */
  interface Step {
    RunManifest run() throws IOException;
  }

  /** Runs a step and reports it: 0 done cleanly, 1 done with reported failures or stopped. */
  static int report(Step step, PrintStream out, PrintStream err) {
    try {
      RunManifest manifest = step.run();
      out.println(manifest.step() + ": " + manifest.counts().getOrDefault("rows written", 0L) + " rows written to "
          + manifest.outputs().get(0).path());
      manifest.counts().forEach((name, n) -> out.println("  " + name + ": " + n));
      manifest.errors().forEach(e -> err.println("  reported: " + e));
      return manifest.errors().isEmpty() ? 0 : 1;
    } catch (FatalRequestException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("stopped: " + e.getMessage() + " (rerun to resume from the checkpoint)");
      return 1;
    }
  }

  static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
