package org.modelevolution.mining;

import java.nio.file.Path;
import org.modelevolution.io.RunManifest;

/** What a finished step run reports: its manifest and where it was written. */
public record StepResult(String step, RunManifest manifest, Path manifestFile) {

  /** True when some units failed; rerunning the step retries only those. */
  public boolean hasFailures() {
    return manifest.counts().getOrDefault("failed", 0L) > 0;
  }

  @Override
  public String toString() {
    return step + ": " + manifest.counts() + (manifest.errors().isEmpty() ? "" : ", errors " + manifest.errors());
  }
}
