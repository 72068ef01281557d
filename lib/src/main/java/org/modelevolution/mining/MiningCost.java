package org.modelevolution.mining;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the Hub requests of a pipeline run cost, measured, and what they imply at scale: requests
 * per mined repository by rate-limit bucket, and the wall time those need under the Hub's
 * published per-token limits (api-reference.md 1.0.1: per 5-minute window, free 1,000 api /
 * 5,000 resolvers / 200 pages, PRO 2,500 / 12,000 / 400). A bucket's windows are its requests over
 * its quota; the buckets run down in parallel, so the slowest bucket sets the time.
 *
 * <p>Git requests ({@code info/refs}, {@code git-upload-pack}) are in none of the published
 * buckets; the estimate shows them and says so rather than guess their limit. CDN hops (LFS
 * content after the Hub's redirect) are not charged by the Hub.
 *
 * @param repositories repositories mined in the run (history step, both groups; unavailable ones included)
 * @param requests the run's requests per bucket, all steps together
 */
public record MiningCost(long repositories, SortedMap<String, Long> requests) {
  /** Every public model repository on the Hub, roughly (2025). */
  public static final long WHOLE_HUB = 2_000_000L;
  public static final Duration WINDOW = Duration.ofMinutes(5);

  /** A token's published quota per 5-minute window and bucket. */
  public enum Tier {
    FREE(1_000, 5_000, 200),
    PRO(2_500, 12_000, 400);

    final Map<String, Long> quota;

    Tier(long api, long resolvers, long pages) {
      this.quota = Map.of(RequestBuckets.API, api, RequestBuckets.RESOLVERS, resolvers, RequestBuckets.PAGES, pages);
    }
  }

  /** Sums the {@code requests_<bucket>} counts of the results; repositories from the history steps. */
  public static MiningCost of(List<StepResult> results) {
    SortedMap<String, Long> requests = new TreeMap<>();
    long repositories = 0;
    for (StepResult r : results) {
      r.manifest().counts().forEach((name, n) -> {
        if (name.startsWith("requests_")) {
          requests.merge(name.substring("requests_".length()), n, Long::sum);
        }
      });
      if (r.step().startsWith(MineHistory.STEP + "-")) {
        repositories += r.manifest().counts().getOrDefault("repositories_mined", 0L)
            + r.manifest().counts().getOrDefault("repositories_unavailable", 0L);
      }
    }
    return new MiningCost(repositories, requests);
  }

  public double perRepository(String bucket) {
    return repositories == 0 ? 0 : (double) requests.getOrDefault(bucket, 0L) / repositories;
  }

  /** The wall time {@code n} repositories need with {@code tokens} tokens of {@code tier}, published buckets only. */
  public Duration wallTime(long n, Tier tier, int tokens) {
    long windows = 0;
    for (Map.Entry<String, Long> quota : tier.quota.entrySet()) {
      double needed = perRepository(quota.getKey()) * n;
      windows = Math.max(windows, (long) Math.ceil(needed / (quota.getValue() * (double) tokens)));
    }
    return WINDOW.multipliedBy(windows);
  }

  /** The printed form: requests per repository and bucket, and the wall time for the whole Hub. */
  public String describe() {
    if (repositories == 0) {
      return "cost: no repository mined in this run, so no per-repository figure\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "cost: %,d repositories, requests per repository: api %.2f, resolvers %.2f, "
            + "pages %.2f (git %.2f and cdn %.2f outside the published buckets)%n", repositories,
        perRepository(RequestBuckets.API), perRepository(RequestBuckets.RESOLVERS), perRepository(RequestBuckets.PAGES),
        perRepository(RequestBuckets.GIT), perRepository(RequestBuckets.CDN)));
    for (Tier tier : Tier.values()) {
      out.append(String.format(Locale.ROOT, "  %,d repositories with one %s token: %s (published buckets)%n",
          WHOLE_HUB, tier.name().toLowerCase(Locale.ROOT), days(wallTime(WHOLE_HUB, tier, 1))));
    }
    return out.toString();
  }

  static String days(Duration d) {
    return String.format(Locale.ROOT, "%.1f days (%,d windows of 5 minutes)", d.toMinutes() / 1440.0,
        d.toMinutes() / WINDOW.toMinutes());
  }
}
