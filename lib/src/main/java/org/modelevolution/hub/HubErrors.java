package org.modelevolution.hub;

import java.io.IOException;
import okhttp3.Response;
import org.modelevolution.hub.HubException.Reason;

/**
 * The Hub's one error mapping: an unsuccessful Hub answer becomes a {@link HubException}, classified
 * from its headers first (api-reference.md 1.0). Every reader of the Hub goes through it: the JSON
 * API and discussions clients with their responses, the format detector's ranged reads with the
 * status and headers they kept.
 */
public final class HubErrors {
  private HubErrors() {}

  static HubException toException(Response response) throws IOException {
    String errorCode = response.header("X-Error-Code", "");
    String message = response.header("X-Error-Message", "");
    String detail = (errorCode + " " + message).strip();
    if (detail.isEmpty()) {
      detail = bodyExcerpt(response);
    }
    return toException(response.code(), errorCode, message, response.request().url().redact(), detail);
  }

  /**
   * The exception for an answer of HTTP {@code code} with the headers {@code X-Error-Code} and
   * {@code X-Error-Message} (empty when absent) to a request for {@code url} (already redacted).
   */
  public static HubException toException(int code, String errorCode, String message, String url, String detail) {
    Reason reason = switch (code) {
      case 401 -> message.contains("Invalid credentials") ? Reason.BAD_CREDENTIALS
          : "GatedRepo".equals(errorCode) ? Reason.GATED : Reason.NOT_VISIBLE;
      case 403 -> "GatedRepo".equals(errorCode) ? Reason.GATED
          : message.contains("disabled") ? Reason.DISABLED : Reason.FORBIDDEN;
      case 404 -> "RevisionNotFound".equals(errorCode) || "EntryNotFound".equals(errorCode)
          ? Reason.ENTRY_NOT_FOUND : Reason.NOT_VISIBLE;
      case 410 -> Reason.NOT_VISIBLE;
      case 416 -> Reason.RANGE_NOT_SATISFIABLE;
      default -> Reason.HTTP_ERROR;
    };
    return new HubException(reason, code, url, detail);
  }

  private static String bodyExcerpt(Response response) {
    try {
      String body = response.peekBody(512).string().strip();
      return body.replaceAll("\\s+", " ");
    } catch (IOException | IllegalStateException e) {
      return "";
    }
  }
}
