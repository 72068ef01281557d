package org.modelevolution.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.modelevolution.environment.ProjectLayout;

/**
 * The one place tests find {@code ../shared} (the study's data, the formats corpus, the scale
 * generator): the {@code shared.dir} system property Maven sets, else {@code shared} beside the
 * checkout. Tests that need a part of it skip, saying which, when it is absent.
 */
public final class Shared {
  private Shared() {}

  public static Path dir() {
    String property = System.getProperty("shared.dir");
    Path dir = property != null && !property.isBlank() ? Path.of(property) : layout().root().resolve("../shared");
    return dir.toAbsolutePath().normalize();
  }

  /** The study's data folder; skips the test when it is absent. */
  public static Path study() {
    Path study = dir().resolve("study");
    assumeTrue(Files.isRegularFile(study.resolve("safetensors_commits_by_tool_legacy.csv")),
        "the study's data are absent (" + study + "); skipping");
    return study;
  }

  /** The labelled formats corpus; skips the test when it is absent. */
  public static Path formatsCorpus() {
    Path corpus = dir().resolve("formats-corpus");
    assumeTrue(Files.isRegularFile(corpus.resolve("labels.csv")), "the formats corpus is absent (" + corpus + ")");
    return corpus;
  }

  /** The layout of this checkout, with no environment overrides. */
  public static ProjectLayout layout() {
    return ProjectLayout.discover(Path.of("").toAbsolutePath(), Map.of());
  }
}
