package org.modelevolution.http;

import java.io.IOException;

/**
 * A response whose body broke off mid-read (a closed connection, a gzip stream that ends early, a
 * read timeout) or arrived complete but is not the document the API promises (cut JSON). The same
 * request usually succeeds when sent again, so {@link BodyRetries} retries it; a body that is too
 * large is not broken and never ends up here.
 */
public final class BrokenBodyException extends IOException {
  public BrokenBodyException(String message, Throwable cause) {
    super(message, cause);
  }

  public BrokenBodyException(String message) {
    super(message);
  }
}
