package org.modelevolution.github;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.modelevolution.http.RetryPolicy;

/**
 * Spaces search calls apart: GitHub asks for sequential search requests at least two seconds
 * apart (secondary rate limits). Tests use {@link #none()} or a recording sleeper.
 */
public final class SearchPacer {
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

  /** Waits until {@code gap} has passed since the previous call returned from here. */
  public synchronized void awaitTurn() throws InterruptedIOException {
    if (last != null && !gap.isZero()) {
      Duration wait = gap.minus(Duration.between(last, clock.instant()));
      if (!wait.isNegative() && !wait.isZero()) {
        sleeper.sleepOrInterrupt(wait, "pacing search requests");
      }
    }
    last = clock.instant();
  }
}
