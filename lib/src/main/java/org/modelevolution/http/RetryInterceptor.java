package org.modelevolution.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries transient failures: I/O errors and timeouts, HTTP 408, 429, 500, 502, 503 and 504, and
 * 403 responses that carry rate-limit headers. A wait stated by the server (see
 * {@link RateLimitHeaders}) takes precedence over the policy's backoff. Every retry is announced
 * through the policy's {@link RetryPolicy.RetryLog}. A host that refuses the connection (or does
 * not resolve) is retried only {@value #UNREACHABLE_RETRIES} times, then fails with
 * {@link EndpointUnreachableException} naming the endpoint's variable: a closed port or a typo is
 * reported within seconds, not after minutes of backoff.
 */
final class RetryInterceptor implements Interceptor {
  private static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504);
  static final int UNREACHABLE_RETRIES = 2;

  private final RetryPolicy policy;
  private final Clock clock;
  private final String endpointVariable;

  RetryInterceptor(RetryPolicy policy, Clock clock, String endpointVariable) {
    this.policy = policy;
    this.clock = clock;
    this.endpointVariable = endpointVariable;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw e;
        }
        boolean unreachable = EndpointUnreachableException.isUnreachable(e);
        if (unreachable && attempt > Math.min(UNREACHABLE_RETRIES, policy.maxRetries())) {
          throw new EndpointUnreachableException(origin(request.url()), endpointVariable, e);
        }
        if (attempt > policy.maxRetries()) {
          throw e;
        }
        pause(request, policy.backoff(attempt), attempt, unreachable ? Math.min(UNREACHABLE_RETRIES, policy.maxRetries())
            : policy.maxRetries(), e.getMessage() == null ? e.toString() : e.getMessage());
        continue;
      }
      if (!isRetryable(response) || attempt > policy.maxRetries()) {
        return response;
      }
      Optional<Duration> stated = RateLimitHeaders.requestedWait(response, clock);
      int code = response.code();
      response.close();
      if (stated.isPresent() && stated.get().compareTo(policy.maxServerWait()) > 0) {
        throw new RateLimitedException(request.url().redact(), stated.get());
      }
      pause(request, stated.isPresent() ? stated.get() : policy.backoff(attempt), attempt, policy.maxRetries(),
          "HTTP " + code + (stated.isPresent() ? ", the server asks to wait" : ""));
    }
  }

  private static boolean isRetryable(Response response) {
    int code = response.code();
    return TRANSIENT.contains(code) || code == 403 && RateLimitHeaders.isRateLimit(response);
  }

  private void pause(Request request, Duration wait, int attempt, int retries, String reason) throws IOException {
    policy.log().retrying(request.method() + " " + withoutQuery(request.url()), wait, attempt + 1, retries + 1, reason);
    policy.sleeper().sleepOrInterrupt(wait, "waiting to retry");
  }

  /** The URL without its query (which may carry an application key), for messages. */
  static String withoutQuery(HttpUrl url) {
    return url.newBuilder().query(null).username("").password("").build().toString();
  }

  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }
}
