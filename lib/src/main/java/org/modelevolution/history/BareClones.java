package org.modelevolution.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A cache of bare clones, one per repository id. A bare clone has no working tree, so Git LFS
 * never fetches content: the clone holds pointers only (kilobytes per model file instead of
 * gigabytes). A clone is made in a temporary folder and renamed into place when complete, so a
 * crash never leaves a half clone that a restart would mistake for a finished one.
 */
public final class BareClones {
  private final Path folder;
  private final Function<String, String> cloneUrl;

  /**
   * @param cloneUrl the git URL of a repository id, e.g. {@code id -> "https://huggingface.co/" + id}
   *     or a {@code file://} URL in tests
   */
  public BareClones(Path folder, Function<String, String> cloneUrl) {
    this.folder = Objects.requireNonNull(folder);
    this.cloneUrl = Objects.requireNonNull(cloneUrl);
  }

  /** The Hub's git URL for a model repository below {@code baseUrl}. */
  public static Function<String, String> hubUrls(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    return id -> base + id;
  }

  /** A URL pattern with {@code {id}} replaced by the repository id. */
  public static Function<String, String> template(String pattern) {
    return id -> pattern.replace("{id}", id);
  }

  public Path location(String repoId) {
    return folder.resolve(repoId.replace('/', '~') + ".git");
  }

  public boolean isCloned(String repoId) {
    return Files.isDirectory(location(repoId));
  }

  /** Opens the clone of {@code repoId}, cloning it first if needed. Close the repository after use. */
  public Repository open(String repoId) throws IOException {
    Path target = location(repoId);
    if (!Files.isDirectory(target)) {
      Files.createDirectories(folder);
      Path temp = Files.createTempDirectory(folder, "." + target.getFileName() + ".");
      try {
        Git.cloneRepository().setURI(cloneUrl.apply(repoId)).setBare(true)
            .setCloneAllBranches(false).setBranchesToClone(java.util.List.of("refs/heads/main"))
            .setDirectory(temp.toFile()).call().close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (GitAPIException e) {
        if (isUnavailable(e)) {
          throw new RepositoryUnavailableException(repoId, e);
        }
        throw new IOException("cannot clone " + repoId + ": " + e.getMessage(), e);
      } finally {
        deleteRecursively(temp);
      }
    }
    return new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build();
  }

  /** The remote has no such repository any more, or refuses it: retrying will not help. */
  public static final class RepositoryUnavailableException extends IOException {
    RepositoryUnavailableException(String repoId, Throwable cause) {
      super(repoId + " cannot be cloned: " + cause.getMessage(), cause);
    }
  }

  private static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (t instanceof NoRemoteRepositoryException || message.contains("not authorized")
          || message.contains("authentication is required") || message.contains("repository not found")) {
        return true;
      }
    }
    return false;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
