package org.modelevolution.github;

import java.io.IOException;

/** GitHub answered with an error the client does not retry (bad query, gone repository, ...). */
public final class GitHubException extends IOException {
  private final int status;

  GitHubException(String message, int status) {
    super(message);
    this.status = status;
  }

  GitHubException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, 0 when the body was not the expected document. */
  public int status() {
    return status;
  }

  /** The resource is gone: 404 (deleted, renamed-and-gone or private) or 410 (issues disabled). */
  public boolean isGone() {
    return status == 404 || status == 410;
  }
}
