package org.modelevolution.hub;

import java.io.IOException;
import java.util.Optional;

/**
 * The Hub refused a discussions request or answered with something that is not a discussion
 * document. {@link #status()} is the HTTP status (0 for a malformed body); {@link #errorCode()} is
 * the Hub's {@code X-Error-Code} header when it sent one ({@code RepoNotFound}, ...).
 */
public final class DiscussionsException extends IOException {
  private final int status;
  private final String errorCode;

  DiscussionsException(String message, int status, String errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  DiscussionsException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.errorCode = null;
  }

  public int status() {
    return status;
  }

  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The repository or discussion does not exist or is not visible (the Hub answers 401 or 404). */
  public boolean isNotFound() {
    return status == 404 || status == 401;
  }
}
