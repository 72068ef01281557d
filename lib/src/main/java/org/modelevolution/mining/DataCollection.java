package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.io.RunManifest;

/**
 * The data-collection notebook's view of the pipeline: run it against the configured Hub when the
 * Hub answers, and otherwise say so and show the run manifests of the last run instead of failing.
 *
 * <pre>{@code
 * var collection = DataCollection.configure(out);
 * collection.collectOrShowCache(MiningParameters.study());
 * }</pre>
 */
public final class DataCollection {
  private final MiningContext context;

  private DataCollection(MiningContext context) {
    this.context = context;
  }

  /** The pipeline writing to {@code out}, against the Hub of {@code HF_ENDPOINT} / {@code HF_TOKEN}. */
  public static DataCollection configure(Path out) {
    return new DataCollection(MiningContext.fromEnvironment(out, System.getenv(), Optional.empty()));
  }

  public static DataCollection of(MiningContext context) {
    return new DataCollection(context);
  }

  /** Whether the Hub answers a one-item model listing (one request, no retries, short timeouts). */
  public boolean online() {
    Endpoint endpoint = context.hub().endpoint();
    OkHttpClient probe = HttpClients.create(endpoint, RetryPolicy.none()).newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)).build();
    Request request = new Request.Builder()
        .url(endpoint.url("api", "models").addQueryParameter("limit", "1").build()).build();
    try (Response response = probe.newCall(request).execute()) {
      return response.isSuccessful();
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs the whole pipeline when online; offline, shows the cached run manifests. */
  public String collectOrShowCache(MiningParameters parameters) {
    return collectOrShowCache(parameters, true);
  }

  /**
   * Runs the whole pipeline when {@code mine} is set and the Hub answers; otherwise shows the
   * cached run manifests. Notebooks pass {@code false} unless the user asked to mine, so that
   * re-executing them never starts a crawl of the Hub by accident.
   */
  public String collectOrShowCache(MiningParameters parameters, boolean mine) {
    String where = context.hub().endpoint().describe();
    if (!mine) {
      return "not mining (set SFSTUDY_MINE=1 to mine " + where + "); the cached run manifests follow.\n\n"
          + cachedRuns();
    }
    if (!online()) {
      return "offline: " + where + " does not answer, so nothing was mined; the cached run manifests follow.\n\n"
          + cachedRuns();
    }
    List<StepResult> results = new MiningPipeline(context, parameters).runAll();
    return "mined from " + where + "\n" + results.stream().map(DataCollection::summary).collect(Collectors.joining("\n"))
        + "\n" + MiningCost.of(results).describe();
  }

  /** The runs cached in the output folder ({@code manifests/}), sorted by step. */
  public CachedRuns cachedRuns() {
    return CachedRuns.in(context.layout().root().resolve("manifests"));
  }

  private static String summary(StepResult result) {
    RunManifest m = result.manifest();
    return String.format("%-16s %s%s", m.step(), m.counts(), m.errors().isEmpty() ? "" : "  (" + m.errors().size() + " errors)");
  }

}
