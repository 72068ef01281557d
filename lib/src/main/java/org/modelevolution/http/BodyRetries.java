package org.modelevolution.http;

import java.io.IOException;

/**
 * Sends a request again when its body broke ({@link BrokenBodyException}), with the policy's
 * backoff: the retry interceptor only sees statuses and failures before the headers, while a
 * body fails later, when the client reads it. Statuses and headers stay the interceptor's job.
 */
public final class BodyRetries {
  /** One attempt: send the request, read and check its body. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException;
  }

  private BodyRetries() {}

  /**
   * Runs {@code attempt} ({@code what}: the request as the retry log names it), again after {@link RetryPolicy#pauseBeforeRetry} while it fails with a
   * broken body, at most {@link RetryPolicy#maxRetries()} times more; the last failure is thrown.
   */
  public static <T> T call(RetryPolicy policy, String what, Attempt<T> attempt) throws IOException {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (BrokenBodyException broken) {
        if (n > policy.maxRetries()) {
          throw broken;
        }
        policy.pauseBeforeRetry(n, what, broken);
      }
    }
  }
}
