package org.modelevolution.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries transient failures: I/O errors and timeouts, HTTP 408, 429, 500, 502, 503 and 504, and
 * 403 responses that carry rate-limit headers. A wait stated by the server (see
 * {@link RateLimitHeaders}) takes precedence over the policy's backoff.
 */
final class RetryInterceptor implements Interceptor {
  private static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504);

  private final RetryPolicy policy;
  private final Clock clock;

  RetryInterceptor(RetryPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(chain.request());
      } catch (IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()
            || attempt > policy.maxRetries()) {
          throw e;
        }
        pause(policy.backoff(attempt));
        continue;
      }
      if (!isRetryable(response) || attempt > policy.maxRetries()) {
        return response;
      }
      Optional<Duration> stated = RateLimitHeaders.requestedWait(response, clock);
      response.close();
      if (stated.isPresent() && stated.get().compareTo(policy.maxServerWait()) > 0) {
        throw new RateLimitedException(chain.request().url().redact(), stated.get());
      }
      pause(stated.isPresent() ? stated.get() : policy.backoff(attempt));
    }
  }

  private static boolean isRetryable(Response response) {
    int code = response.code();
    return TRANSIENT.contains(code) || code == 403 && RateLimitHeaders.isRateLimit(response);
  }

  private void pause(Duration duration) throws IOException {
    policy.sleeper().sleepOrInterrupt(duration, "waiting to retry");
  }
}
