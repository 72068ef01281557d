package org.modelevolution.http;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * Sends a request again when its body broke ({@link BrokenBodyException}), or when it failed in
 * another way its client deems worth another try, with the policy's backoff: the retry interceptor
 * only sees statuses and failures before the headers, while a body fails later, when the client
 * reads it. Statuses and headers stay the interceptor's job.
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
    return call(policy, what, failure -> failure instanceof BrokenBodyException, attempt);
  }

  /**
   * As {@link #call(RetryPolicy, String, Attempt)}, retrying every failure {@code worthRetrying}
   * accepts (tested when it happens, so that it can look at the thread's interrupt status); any
   * other failure is thrown at once.
   */
  public static <T> T call(RetryPolicy policy, String what, Predicate<IOException> worthRetrying, Attempt<T> attempt)
      throws IOException {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (IOException failure) {
        if (!worthRetrying.test(failure) || n > policy.maxRetries()) {
          throw failure;
        }
        policy.pauseBeforeRetry(n, what, failure);
      }
    }
  }
}
