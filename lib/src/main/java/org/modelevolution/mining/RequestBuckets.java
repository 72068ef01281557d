package org.modelevolution.mining;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts every request sent to the Hub by the rate-limit bucket the Hub charges it to
 * (api-reference.md 1.0.1): {@code api} (every {@code /api/...} URL), {@code resolvers} (every URL
 * with {@code /resolve/}), {@code pages} (anything else on the Hub's host), and, outside the
 * published buckets, {@code git} (smart-HTTP {@code info/refs} and {@code git-upload-pack}) and
 * {@code cdn} (another host: the redirect targets of LFS files). A network interceptor, so it
 * sees each retry and each redirect hop: what the Hub counts, not what the caller asked for.
 */
public final class RequestBuckets implements Interceptor {
  public static final String API = "api";
  public static final String RESOLVERS = "resolvers";
  public static final String PAGES = "pages";
  public static final String GIT = "git";
  public static final String CDN = "cdn";

  private final HttpUrl hub;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public RequestBuckets(HttpUrl hub) {
    this.hub = hub;
  }

  /** The bucket of a request URL. */
  public String bucketOf(HttpUrl url) {
    if (!url.host().equals(hub.host()) || url.port() != hub.port()) {
      return CDN;
    }
    String base = hub.encodedPath().endsWith("/") ? hub.encodedPath() : hub.encodedPath() + "/";
    String path = url.encodedPath().startsWith(base) ? url.encodedPath().substring(base.length() - 1) : url.encodedPath();
    if (path.startsWith("/api/")) {
      return API;
    }
    if (path.contains("/resolve/")) {
      return RESOLVERS;
    }
    if (path.endsWith("/info/refs") || path.endsWith("/git-upload-pack")) {
      return GIT;
    }
    return PAGES;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    counts.computeIfAbsent(bucketOf(chain.request().url()), k -> new AtomicLong()).incrementAndGet();
    return chain.proceed(chain.request());
  }

  /** Requests so far per bucket, every bucket present. */
  public SortedMap<String, Long> snapshot() {
    SortedMap<String, Long> out = new TreeMap<>();
    for (String bucket : new String[] {API, RESOLVERS, PAGES, GIT, CDN}) {
      out.put(bucket, counts.getOrDefault(bucket, new AtomicLong()).get());
    }
    return out;
  }

  /** What happened between two snapshots. */
  public static SortedMap<String, Long> minus(SortedMap<String, Long> later, SortedMap<String, Long> earlier) {
    SortedMap<String, Long> out = new TreeMap<>();
    later.forEach((k, v) -> out.put(k, v - earlier.getOrDefault(k, 0L)));
    return out;
  }
}
