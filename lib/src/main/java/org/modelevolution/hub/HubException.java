package org.modelevolution.hub;

import java.io.IOException;

/**
 * A Hub answer that retrying cannot fix, classified the way the Hub means it (api-reference.md
 * 1.0): the repository is not visible (private, deleted or never existed: the Hub answers 401 as
 * well as 404), gated, disabled, a revision or file is missing, or the token is invalid.
 */
public final class HubException extends IOException {

  /** Why the Hub refused. */
  public enum Reason {
    /** 401 without "Invalid credentials", or 404 {@code RepoNotFound}: private, deleted or absent. */
    NOT_VISIBLE,
    /** {@code X-Error-Code: GatedRepo}: metadata readable, files not without granted access. */
    GATED,
    /** 403 {@code Access to this resource is disabled.} */
    DISABLED,
    /** 403 otherwise: the token lacks permission. */
    FORBIDDEN,
    /** 404 {@code RevisionNotFound} or {@code EntryNotFound}. */
    ENTRY_NOT_FOUND,
    /** 401 {@code Invalid credentials in Authorization header}: fix HF_TOKEN. */
    BAD_CREDENTIALS,
    /** 416: a range starting past the end of the file. */
    RANGE_NOT_SATISFIABLE,
    /** A body that is not the JSON the endpoint documents. */
    MALFORMED_RESPONSE,
    /** Any other status that is not retried (400, a 5xx after all retries, ...). */
    HTTP_ERROR
  }

  private final Reason reason;
  private final int status;
  private final String url;

  public HubException(Reason reason, int status, String url, String detail) {
    super(reason + " (HTTP " + status + ") for " + url + (detail == null || detail.isBlank() ? "" : ": " + detail));
    this.reason = reason;
    this.status = status;
    this.url = url;
  }

  public Reason reason() {
    return reason;
  }

  public int status() {
    return status;
  }

  /** The request URL without credentials or query secrets. */
  public String url() {
    return url;
  }

  /** True for answers that say the repository cannot be mined at all (skip it, do not retry). */
  public boolean repositoryUnavailable() {
    return reason == Reason.NOT_VISIBLE || reason == Reason.GATED || reason == Reason.DISABLED
        || reason == Reason.FORBIDDEN;
  }
}
