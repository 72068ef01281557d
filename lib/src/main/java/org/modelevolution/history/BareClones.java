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
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import okhttp3.OkHttpClient;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import java.io.InterruptedIOException;

/**
 * A cache of bare clones, one per repository id. A bare clone has no working tree, so Git LFS
 * never fetches content: the clone holds pointers only (kilobytes per model file instead of
 * gigabytes). A clone is fetched into {@code .<name>.partial} and renamed into place when
 * complete, so a crash never leaves a half clone that a restart would mistake for a finished one.
 *
 * <p>Over HTTP the git requests go through the miners' OkHttp client ({@link #overHttp}): the
 * endpoint's token (the Hub accepts it as a bearer token for git too) and the same retry policy as
 * every other request. A fetch that still fails (a pack cut off mid-transfer, a status that stayed
 * transient) is fetched again in process with the policy's backoff, into the same partial
 * repository, so objects already stored are not asked for again. A repository the remote does not
 * have is {@link RepositoryUnavailableException unavailable}; a refused authentication is an
 * {@link AuthenticationFailedException} naming the repository, never "unavailable".
 */
public final class BareClones {
  private final Path folder;
  private final Function<String, String> cloneUrl;
  private final HttpConnectionFactory http;
  private final RetryPolicy policy;
  private final boolean authenticated;

  /**
   * Clones without retries and without HTTP setup (local {@code file://} URLs in tests).
   *
   * @param cloneUrl the git URL of a repository id, e.g. {@code id -> "https://huggingface.co/" + id}
   */
  public BareClones(Path folder, Function<String, String> cloneUrl) {
    this(folder, cloneUrl, null, RetryPolicy.none(), false);
  }

  private BareClones(Path folder, Function<String, String> cloneUrl, HttpConnectionFactory http, RetryPolicy policy,
      boolean authenticated) {
    this.folder = Objects.requireNonNull(folder);
    this.cloneUrl = Objects.requireNonNull(cloneUrl);
    this.http = http;
    this.policy = Objects.requireNonNull(policy);
    this.authenticated = authenticated;
  }

  /**
   * Clones over HTTP through {@code client} (which carries the token and the retries), fetching
   * again up to {@code policy.maxRetries()} times when a fetch fails part-way.
   *
   * @param authenticated whether {@code client} sends a token (for the error of a refused clone)
   */
  public static BareClones overHttp(Path folder, Function<String, String> cloneUrl, OkHttpClient client,
      RetryPolicy policy, boolean authenticated) {
    return new BareClones(folder, cloneUrl, new OkHttpGitConnections(client), policy, authenticated);
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
      Path partial = folder.resolve("." + target.getFileName() + ".partial");
      for (int attempt = 1; ; attempt++) {
        try {
          fetch(repoId, partial);
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
          break;
        } catch (GitAPIException | IOException | RuntimeException e) {
          if (isUnavailable(e)) {
            deleteRecursively(partial);
            throw new RepositoryUnavailableException(repoId, e);
          }
          if (isAuthenticationFailure(e)) {
            throw new AuthenticationFailedException(repoId, authenticated, e);
          }
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof org.modelevolution.http.FatalRequestException) {
              throw (IOException) t; // stop the run, as every other request does
            }
          }
          if (e instanceof RuntimeException runtime && !(e instanceof org.eclipse.jgit.api.errors.JGitInternalException)) {
            throw runtime;
          }
          if (attempt > policy.maxRetries()) {
            throw new IOException("cannot clone " + repoId + " after " + attempt + " attempts: " + e.getMessage(), e);
          }
          policy.pauseBeforeRetry(attempt, "cloning " + repoId, e);
        }
      }
    }
    return new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build();
  }

  /** Fetches {@code main} into the partial bare repository, creating it when absent or unreadable. */
  private void fetch(String repoId, Path partial) throws GitAPIException, IOException {
    Git git;
    try {
      git = Files.isDirectory(partial) ? Git.open(partial.toFile()) : null;
    } catch (IOException unreadable) {
      git = null;
    }
    if (git == null) {
      deleteRecursively(partial);
      git = Git.init().setBare(true).setInitialBranch("main").setDirectory(partial.toFile()).call();
    }
    try (Git g = git) {
      g.fetch().setRemote(cloneUrl.apply(repoId))
          .setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main"))
          .setTransportConfigCallback(transport -> {
            if (http != null && transport instanceof TransportHttp overHttp) {
              overHttp.setHttpConnectionFactory(http);
            }
          })
          .call();
      if (g.getRepository().exactRef("refs/heads/main") == null) {
        throw new NoRemoteRepositoryException(new URIish(), repoId + " has no branch main");
      }
    }
  }

  /** The remote has no such repository any more: retrying will not help. */
  public static final class RepositoryUnavailableException extends IOException {
    RepositoryUnavailableException(String repoId, Throwable cause) {
      super(repoId + " cannot be cloned: " + cause.getMessage(), cause);
    }
  }

  /** The remote refused the credential (or asked for one): fix HF_TOKEN or the token's access. */
  public static final class AuthenticationFailedException extends IOException {
    AuthenticationFailedException(String repoId, boolean authenticated, Throwable cause) {
      super("cloning " + repoId + " was refused: " + (authenticated
          ? "HF_TOKEN was sent but the Hub does not grant it access (gated repository not accepted, or an invalid token)"
          : "the repository needs authentication and HF_TOKEN is not set") + " (" + cause.getMessage() + ")", cause);
    }
  }

  private static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (t instanceof NoRemoteRepositoryException || message.contains("repository not found")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAuthenticationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("not authorized") || message.contains("authentication is required")
          || message.contains("not permitted") || message.contains("credentialsprovider")) {
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
