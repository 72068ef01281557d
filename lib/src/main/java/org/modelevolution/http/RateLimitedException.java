package org.modelevolution.http;

import java.io.IOException;
import java.time.Duration;

/**
 * The server asked for a wait longer than the retry policy allows to sleep through (for example
 * an exhausted daily quota). Resumable steps stop on it; rerunning later continues.
 */
public final class RateLimitedException extends FatalRequestException {
  private final Duration wait;

  public RateLimitedException(String url, Duration wait) {
    super("rate limited by " + url + ": the server asks to wait " + wait.toSeconds()
        + " s, more than the retry policy sleeps through; rerun the step later to resume");
    this.wait = wait;
  }

  public Duration requestedWait() {
    return wait;
  }
}
