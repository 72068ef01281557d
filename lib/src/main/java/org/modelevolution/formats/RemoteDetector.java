package org.modelevolution.formats;

import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;

/**
 * Detects files on the Hugging Face Hub from {@code /{repo}/resolve/{revision}/{path}} URLs with
 * ranged reads: one head window, plus one tail window for zips (see {@link RemoteByteSource}).
 *
 * <p>The client comes from {@link HttpClients} (retries with backoff on 408/429/5xx honouring
 * {@code Retry-After}; {@code HF_TOKEN} sent as a bearer token to the endpoint's host only) with
 * redirects followed here, so the content id of the Hub's redirect can be looked up in the
 * {@link ContentCache} before any body is downloaded. A cached answer costs one request and no body.
 */
public final class RemoteDetector {
  private final OkHttpClient client;
  private final Detector detector;
  private final ContentCache cache;
  private final Endpoint endpoint;

  public RemoteDetector(OkHttpClient client, Endpoint endpoint, Detector detector, ContentCache cache) {
    this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.endpoint = endpoint;
    this.detector = detector;
    this.cache = cache;
  }

  /** A detector for the Hub configured by {@code HF_ENDPOINT} and {@code HF_TOKEN}. */
  public static RemoteDetector fromEnvironment(Detector detector) {
    Endpoint endpoint = Service.HUGGING_FACE.endpoint();
    return new RemoteDetector(HttpClients.create(endpoint, RetryPolicy.standard()), endpoint, detector, new ContentCache(100_000));
  }

  public static boolean isUrl(String input) {
    return input.startsWith("https://") || input.startsWith("http://");
  }

  /** The resolve URL of a model file below the endpoint: revision as one encoded segment, path slashes kept. */
  public HttpUrl resolveUrl(String repoId, String revision, String path) {
    HttpUrl.Builder b = endpoint.baseUrl().newBuilder();
    for (String part : repoId.split("/")) {
      b.addPathSegment(part);
    }
    b.addPathSegment("resolve").addPathSegment(revision);
    for (String part : path.split("/")) {
      b.addPathSegment(part);
    }
    return b.build();
  }

  public ContentCache cache() {
    return cache;
  }

  /** Detects the file at {@code url}. Never throws: failures come back as unreadable detections. */
  public Detection detect(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return Detection.unreadable(url, 0, "not an http(s) URL");
    }
    return detect(parsed, url, Optional.empty());
  }

  /**
   * Detects the file at {@code url}, reported as {@code shownPath}. When the caller already knows the
   * content id (e.g. the LFS oid from a tree listing) a cached answer needs no request at all.
   */
  public Detection detect(HttpUrl url, String shownPath, Optional<String> knownContentId) {
    return detect(url, shownPath, knownContentId, true);
  }

  private Detection detect(HttpUrl url, String shownPath, Optional<String> knownContentId, boolean useCache) {
    if (knownContentId.isPresent()) {
      Optional<Detection> hit = cache.get(knownContentId.get());
      if (hit.isPresent()) {
        return hit.get().as(shownPath, 0, new Evidence(0, "content " + knownContentId.get() + " already detected (no request)"));
      }
    }
    DetectorOptions o = detector.options();
    try (RemoteByteSource source =
        RemoteByteSource.open(client, url, shownPath, o.headWindow(), o.tailWindow(), id -> useCache && cache.get(id).isPresent())) {
      Optional<String> id = source.contentId().or(() -> knownContentId);
      if (id.isPresent()) {
        Optional<Detection> hit = cache.get(id.get());
        if (hit.isPresent()) {
          return hit.get().as(shownPath, 0, new Evidence(0, "content " + id.get() + " already detected (cache hit after "
              + source.requests() + " request(s), no body read)"));
        }
      }
      if (source.stoppedAtRedirect()) {
        // The cache dropped the entry between the check and now: read the file after all.
        return detect(url, shownPath, Optional.empty(), false);
      }
      Detection d = detector.detect(source);
      if (id.isPresent() && !d.unreadable()) {
        cache.put(id.get(), d);
      }
      return d;
    } catch (IOException | RuntimeException e) {
      return Detection.unreadable(shownPath, 0, "remote read failed: " + e.getMessage());
    }
  }
}
