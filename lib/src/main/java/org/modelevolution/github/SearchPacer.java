package org.modelevolution.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.modelevolution.http.RetryPolicy;

/**
 * Spaces the requests of GitHub's search bucket apart: GitHub asks for sequential search requests
 * at least two seconds apart (secondary rate limits). It is an interceptor placed behind the retry
 * interceptor, so it sees every request sent, retries and waited-out rate limits included: each
 * one leaves at least the gap after the previous search answer arrived. Tests use {@link #none()}
 * or a recording sleeper.
 */
public final class SearchPacer implements Interceptor {
  /** The spacing GitHub's documentation recommends for search. */
  public static final Duration RECOMMENDED_GAP = Duration.ofSeconds(2);

  private final Duration gap;
  private final Clock clock;
  private final RetryPolicy.Sleeper sleeper;
  private Instant last;

  public SearchPacer(Duration gap, Clock clock, RetryPolicy.Sleeper sleeper) {
    this.gap = gap;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static SearchPacer recommended() {
    return new SearchPacer(RECOMMENDED_GAP, Clock.systemUTC(), RetryPolicy.Sleeper.REAL);
  }

  /** No pacing at all. */
  public static SearchPacer none() {
    return new SearchPacer(Duration.ZERO, Clock.systemUTC(), d -> {});
  }

  /** Paces the request when it belongs to the search bucket ({@code /search/...}); others pass. */
  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!isSearch(chain.request().url().pathSegments())) {
      return chain.proceed(chain.request());
    }
    synchronized (this) {
      awaitTurn();
      try {
        return chain.proceed(chain.request());
      } finally {
        last = clock.instant();
      }
    }
  }

  /** Waits until {@code gap} has passed since the previous search answer (or failure) arrived. */
  private void awaitTurn() throws InterruptedIOException {
    if (last != null && !gap.isZero()) {
      Duration wait = gap.minus(Duration.between(last, clock.instant()));
      if (!wait.isNegative() && !wait.isZero()) {
        sleeper.sleepOrInterrupt(wait, "pacing search requests");
      }
    }
  }

  private static boolean isSearch(List<String> segments) {
    return segments.size() >= 2 && segments.get(segments.size() - 2).equals("search");
  }
}
