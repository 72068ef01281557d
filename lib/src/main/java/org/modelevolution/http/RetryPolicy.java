package org.modelevolution.http;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How failed requests are retried: exponential backoff from {@code initialDelay}, doubling up to
 * {@code maxDelay}, with up to {@code jitter} (a fraction) added at random so that parallel
 * clients do not retry in lock step. The defaults mimic the official Hugging Face client:
 * five retries waiting 1, 2, 4, 8 and 8 seconds. A wait the server asks for that is longer than
 * {@code maxServerWait} is not slept through: the call fails with {@link RateLimitedException} so
 * that a resumable step can stop cleanly and be restarted later.
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialDelay,
    Duration maxDelay,
    double jitter,
    Duration maxServerWait,
    Sleeper sleeper,
    RandomGenerator random,
    RetryLog log) {

  /**
   * Where retries are announced as they happen, so that a slow run is never silent:
   * {@code retrying GET https://host/path in 2 s (attempt 3 of 6): HTTP 503}.
   */
  @FunctionalInterface
  public interface RetryLog {
    void retrying(String what, Duration wait, int nextAttempt, int attempts, String reason);

    /** One line on standard error per retry. */
    RetryLog STDERR = (what, wait, next, attempts, reason) -> System.err.println("retrying " + what + " in "
        + seconds(wait) + " (attempt " + next + " of " + attempts + "): " + reason);

    RetryLog SILENT = (what, wait, next, attempts, reason) -> {};

    private static String seconds(Duration wait) {
      long millis = wait.toMillis();
      return millis % 1000 == 0 || millis >= 10_000 ? Math.round(millis / 1000.0) + " s"
          : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
  }

  /** Waits; tests substitute a recorder that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Sleeps {@code duration}; an interrupt keeps the thread's interrupt flag and ends the wait as
     * an {@link InterruptedIOException} ({@code interrupted while <waitingFor>}), so that I/O code
     * stops the way it stops on any other I/O failure.
     */
    default void sleepOrInterrupt(Duration duration, String waitingFor) throws InterruptedIOException {
      try {
        sleep(duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while " + waitingFor);
      }
    }

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
  }

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within [0, 1]");
    }
    Objects.requireNonNull(initialDelay);
    Objects.requireNonNull(maxDelay);
    Objects.requireNonNull(maxServerWait);
    Objects.requireNonNull(sleeper);
    Objects.requireNonNull(random);
    Objects.requireNonNull(log);
  }

  /** Five retries, 1-2-4-8-8 s plus up to 10% jitter, server-stated waits up to 15 minutes. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        5, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.1, Duration.ofMinutes(15),
        Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"), RetryLog.STDERR);
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return standard().withMaxRetries(0);
  }

  public RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, initialDelay, maxDelay, jitter, maxServerWait, sleeper, random, log);
  }

  public RetryPolicy withSleeper(Sleeper newSleeper) {
    return new RetryPolicy(maxRetries, initialDelay, maxDelay, jitter, maxServerWait, newSleeper, random, log);
  }

  public RetryPolicy withMaxServerWait(Duration wait) {
    return new RetryPolicy(maxRetries, initialDelay, maxDelay, jitter, wait, sleeper, random, log);
  }

  public RetryPolicy withLog(RetryLog newLog) {
    return new RetryPolicy(maxRetries, initialDelay, maxDelay, jitter, maxServerWait, sleeper, random, newLog);
  }

  /**
   * Announces and sleeps the {@link #backoff} before retry number {@code attempt} (1-based) of
   * {@code what} (e.g. {@code reading https://host/path}) that failed with {@code cause}; see
   * {@link Sleeper#sleepOrInterrupt}.
   */
  public void pauseBeforeRetry(int attempt, String what, Throwable cause) throws InterruptedIOException {
    pauseBeforeRetry(attempt, what, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
  }

  /** As {@link #pauseBeforeRetry(int, String, Throwable)}, for a failure that is an answer, not an exception. */
  public void pauseBeforeRetry(int attempt, String what, String reason) throws InterruptedIOException {
    Duration wait = backoff(attempt);
    log.retrying(what, wait, attempt + 1, maxRetries + 1, reason);
    sleeper.sleepOrInterrupt(wait, "waiting to retry");
  }

  /** The backoff before retry number {@code attempt} (1-based), when the server gave no hint. */
  public Duration backoff(int attempt) {
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long extra = jitter == 0 ? 0 : (long) (capped * jitter * random.nextDouble());
    return Duration.ofMillis(capped + extra);
  }
}
