package org.modelevolution.environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the project's folders are, and where its external inputs are looked for.
 *
 * <p>The project root is found by walking up from the working directory to the folder that
 * holds {@code data/study-manifest.json}; notebooks run with {@code notebooks/} as working
 * directory, the CLI usually from the root, and both resolve the same way. The shared inputs
 * default to the folder {@code shared} beside the checkout and can be moved with environment
 * variables: {@code STUDY_DATA} (the study's data files), {@code FORMATS_CORPUS} (labelled model
 * files) and {@code SHARED_DIR} (the parent of both).
 */
public record ProjectLayout(Path root, Path studyData, Path formatsCorpus) {

  public static final String MANIFEST = "data/study-manifest.json";

  /** Resolves the layout from the working directory and the process environment. */
  public static ProjectLayout discover() {
    return discover(Path.of("").toAbsolutePath(), System.getenv());
  }

  /** Resolves the layout from {@code start} upwards, with {@code env} as the environment. */
  public static ProjectLayout discover(Path start, Map<String, String> env) {
    Path root = findRoot(start.toAbsolutePath().normalize()).orElse(start.toAbsolutePath().normalize());
    Path shared = pathFrom(env, "SHARED_DIR").orElse(root.resolve("../shared").normalize());
    Path study = pathFrom(env, "STUDY_DATA").orElse(shared.resolve("study"));
    Path corpus = pathFrom(env, "FORMATS_CORPUS").orElse(shared.resolve("formats-corpus"));
    return new ProjectLayout(root, study, corpus);
  }

  /** Whether {@link #root()} is a checkout of this project (it holds {@value #MANIFEST}). */
  public boolean isCheckout() {
    return Files.isRegularFile(manifest());
  }

  public Path manifest() {
    return root.resolve(MANIFEST);
  }

  public Path data() {
    return root.resolve("data");
  }

  public Path results() {
    return root.resolve("results");
  }

  /**
   * The git-ignored folder for what is fetched from the network: the originals
   * {@code reproduce --download} fetches, what the data-collection notebooks and miners collect.
   */
  public Path downloads() {
    return root.resolve("data/downloads");
  }

  /** The committed cache of the study's data: facts and figures derived from the pinned originals. */
  public Path studyCache() {
    return root.resolve("data/cache");
  }

  private static Optional<Path> findRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MANIFEST))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> pathFrom(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(value).toAbsolutePath().normalize());
  }
}
