package org.modelevolution.stackexchange;

import java.io.IOException;

/**
 * An error of the Stack Exchange API. The API answers HTTP 400 for every error and puts the real
 * code in the body: {@code error_id} (400 bad_parameter, 403 access_denied, 502
 * throttle_violation, ...), with {@code error_name} and {@code error_message}.
 */
public final class StackExchangeException extends IOException {
  private final int errorId;
  private final String errorName;

  StackExchangeException(String message, int errorId, String errorName) {
    super(message);
    this.errorId = errorId;
    this.errorName = errorName;
  }

  /** The body's {@code error_id}, or the HTTP status when the body carried none. */
  public int errorId() {
    return errorId;
  }

  public String errorName() {
    return errorName;
  }
}
