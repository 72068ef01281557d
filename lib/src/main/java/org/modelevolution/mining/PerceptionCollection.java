package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.modelevolution.io.RunManifest;

/**
 * The notebook view of the perception data collection: whether this run may mine live, and what
 * the cached runs of the post miners did, read from their run manifests
 * ({@code <step>.manifest.json}) in the output folder.
 */
public final class PerceptionCollection {
  /** Set to {@code 1} to let the notebook mine live (network, hours); otherwise it stays offline. */
  public static final String LIVE_VARIABLE = "SFSTUDY_MINE";
  private static final String SUFFIX = ".manifest.json";

  private PerceptionCollection() {}

  public static boolean live() {
    return "1".equals(System.getenv(LIVE_VARIABLE));
  }

  /** The run manifests found in {@code dir}, sorted by step; none when the folder is absent. */
  public static CachedRuns cachedRuns(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new CachedRuns(dir.getFileName().toString(), List.of());
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<RunManifest> runs = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted()
          .map(RunManifest::read).sorted(Comparator.comparing(RunManifest::step)).toList();
      return new CachedRuns(dir.getFileName().toString(), runs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The cached runs of one output folder. Its text form leaves out start and end times, so that a
   * notebook showing it is the same on every execution over the same cache.
   *
   * @param folder the folder's name (never an absolute path)
   */
  public record CachedRuns(String folder, List<RunManifest> runs) {
    public CachedRuns {
      runs = List.copyOf(runs);
    }

    @Override
    public String toString() {
      if (runs.isEmpty()) {
        return "no cached run in " + folder + ": mine with `mine-github`, `mine-stackoverflow` and "
            + "`mine-discussions` (or rerun this notebook with " + LIVE_VARIABLE + "=1)";
      }
      StringBuilder text = new StringBuilder();
      for (RunManifest run : runs) {
        text.append(run.step()).append(": ").append(run.finishedAt() == null ? "unfinished (resumable)" : "finished")
            .append('\n').append("  endpoint: ").append(run.endpoint()).append('\n');
        run.parameters().forEach((k, v) -> text.append("  parameter ").append(k).append(" = ").append(v).append('\n'));
        run.counts().forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        text.append("  reported problems: ").append(run.errors().size()).append('\n');
        run.errors().stream().limit(3).forEach(e -> text.append("    ").append(e).append('\n'));
        run.outputs().forEach(o -> text.append("  wrote ").append(o.path()).append(" (").append(o.bytes())
            .append(" bytes, sha256 ").append(o.sha256()).append(")\n"));
      }
      return text.toString().stripTrailing();
    }
  }
}
