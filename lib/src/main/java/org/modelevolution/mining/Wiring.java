package org.modelevolution.mining;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.OkHttpClient;
import org.modelevolution.formats.Detector;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.hub.DiscussionsException;
import org.modelevolution.hub.HubException;
import org.modelevolution.hub.HubRepo;

/**
 * The two seams to other packages, in one place: the format detector
 * ({@code org.modelevolution.formats}) and the discussions client ({@code hub.DiscussionsClient}).
 */
public final class Wiring {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wiring() {}

  /** The content-based detector over ranged reads of the Hub's resolve URLs. */
  public static FormatSniffer sniffer(Endpoint endpoint, OkHttpClient client, RetryPolicy policy) {
    return new DetectorSniffer(endpoint, client, Detector.withDefaults(), policy);
  }

  public static FormatSniffer sniffer(Endpoint endpoint, RetryPolicy policy) {
    return sniffer(endpoint, HttpClients.create(endpoint, policy), policy);
  }

  /**
   * Discussion details from {@link DiscussionsClient}, as the JSON the Hub sent. A refusal (401,
   * 403, 404, 410) becomes a {@link HubException} the bot PR step records as an HTTP error row; a
   * body that broke off mid-read is fetched again with backoff (the client retries statuses only).
   */
  public static DiscussionSource discussions(Endpoint endpoint, OkHttpClient client, RetryPolicy policy) {
    DiscussionsClient discussions = new DiscussionsClient(client, endpoint);
    return (repoId, num) -> {
      for (int attempt = 1; ; attempt++) {
        try {
          return JSON.readTree(discussions.details(HubRepo.model(repoId), num).json());
        } catch (DiscussionsException e) {
          HubException.Reason reason = switch (e.status()) {
            case 401, 404, 410 -> HubException.Reason.NOT_VISIBLE;
            case 403 -> HubException.Reason.FORBIDDEN;
            case 0 -> HubException.Reason.MALFORMED_RESPONSE;
            default -> HubException.Reason.HTTP_ERROR;
          };
          if (reason != HubException.Reason.MALFORMED_RESPONSE || attempt > policy.maxRetries()) {
            throw new HubException(reason, e.status(), repoId + "#" + num, e.getMessage());
          }
        } catch (InterruptedIOException | RateLimitedException e) {
          throw e;
        } catch (IOException brokenBody) {
          if (attempt > policy.maxRetries()) {
            throw brokenBody;
          }
        }
        try {
          policy.sleeper().sleep(policy.backoff(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to retry");
        }
      }
    };
  }

  public static DiscussionSource discussions(Endpoint endpoint, RetryPolicy policy) {
    return discussions(endpoint, HttpClients.create(endpoint, policy), policy);
  }
}
