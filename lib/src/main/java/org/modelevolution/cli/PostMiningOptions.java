package org.modelevolution.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.http.RateLimitedException;
import java.util.function.Function;
import org.modelevolution.io.RunManifest;
import org.modelevolution.progress.Progress;
import picocli.CommandLine.Option;

/**
 * Options, run and reporting shared by the post-mining subcommands ({@code mine-github},
 * {@code mine-stackoverflow}, {@code mine-discussions}); the Hub mining ones use {@link MiningOptions}.
 */
final class PostMiningOptions {
  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder for the post table, its run manifest and checkpoint (default: data/cache/perception).")
  Path out;

  @Option(names = "--dry-run", description = "Print what would be requested and written, without any request.")
  boolean dryRun;

  Path outDir() {
    return out != null ? out : ProjectLayout.discover().downloadCache().resolve("perception");
  }

  /** A miner's live run into an output folder, which may fail with I/O errors. */
  interface Mine {
    RunManifest mine(Path out, Progress progress) throws IOException;
  }

  /**
   * The body every post-mining command shares: with {@code --dry-run} it prints the miner's plan
   * and stops; otherwise it calls {@code beforeLiveRun} (for warnings about missing credentials),
   * mines with a progress display labelled {@code label} and {@link #report reports} the run.
   */
  int run(Function<Path, String> plan, Mine mine, String label, Runnable beforeLiveRun) {
    Path outDir = outDir();
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
    } catch (RateLimitedException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("stopped: " + e.getMessage() + " (rerun to resume from the checkpoint)");
      return 1;
    }
  }
}
