package org.modelevolution.http;

import java.io.IOException;

/**
 * A request failure that every further request would meet as well (a rate limit longer than the
 * retry policy sleeps through, an endpoint that refuses connections): a resumable step stops on it
 * instead of failing unit after unit, and is rerun later.
 */
public abstract class FatalRequestException extends IOException {
  protected FatalRequestException(String message) {
    super(message);
  }

  protected FatalRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
