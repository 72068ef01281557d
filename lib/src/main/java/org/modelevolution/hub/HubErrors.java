package org.modelevolution.hub;

import java.io.IOException;
import okhttp3.Response;
import org.modelevolution.hub.HubException.Reason;

/** Turns an unsuccessful Hub response into a {@link HubException}, headers first (api-reference.md 1.0). */
final class HubErrors {
  private HubErrors() {}

  static HubException toException(Response response) throws IOException {
    int code = response.code();
    String errorCode = response.header("X-Error-Code", "");
    String message = response.header("X-Error-Message", "");
    String url = response.request().url().redact();
    String detail = (errorCode + " " + message).strip();
    if (detail.isEmpty()) {
      detail = bodyExcerpt(response);
    }
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
