package org.modelevolution.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.modelevolution.http.RetryPolicy;

/**
 * Time that passes only when a client sleeps: one clock for the client, its pacer and a fake
 * server, so that waits (backoffs, rate-limit resets, search pacing) are exact and cost nothing.
 */
public final class VirtualTime {
  private final AtomicLong millis;
  private final AtomicLong slept = new AtomicLong();

  public VirtualTime(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  public Instant now() {
    return Instant.ofEpochMilli(millis.get());
  }

  /** A clock reading this time. */
  public Clock clock() {
    return new Clock() {
      @Override public ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(ZoneId zone) { return this; }
      @Override public Instant instant() { return now(); }
    };
  }

  /** A sleeper that moves this time on by the duration asked for. */
  public RetryPolicy.Sleeper sleeper() {
    return duration -> {
      millis.addAndGet(duration.toMillis());
      slept.addAndGet(duration.toMillis());
    };
  }

  /** Everything slept so far. */
  public Duration slept() {
    return Duration.ofMillis(slept.get());
  }
}
