package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import okhttp3.OkHttpClient;
import org.modelevolution.formats.Detector;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.hub.Discussion;
import org.modelevolution.hub.DiscussionQuery;
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
    return new DiscussionSource() {
      @Override
      public JsonNode details(String repoId, int num) throws IOException {
        return refetchingBrokenBodies(policy, repoId + "#" + num,
            () -> JSON.readTree(discussions.details(HubRepo.model(repoId), num).json()));
      }

      @Override
      public List<Integer> pullRequestsBy(String repoId, String author) throws IOException {
        DiscussionQuery query = DiscussionQuery.all().withType(DiscussionQuery.Type.PULL_REQUEST).byAuthor(author);
        try {
          return refetchingBrokenBodies(policy, repoId, () -> discussions.list(HubRepo.model(repoId), query)).stream()
              .filter(d -> d.pullRequest() && d.authorName().equalsIgnoreCase(author))
              .map(Discussion::num).sorted().toList();
        } catch (HubException e) {
          if (e.reason() == HubException.Reason.NOT_VISIBLE) {
            return List.of();
          }
          throw e;
        }
      }
    };
  }

  /** A call of the discussions client whose answer is read in full. */
  private interface Fetch<T> {
    T get() throws IOException;
  }

  /**
   * Runs {@code fetch}, turning the client's refusals into {@link HubException}s and repeating it,
   * with backoff, when a body broke off mid-read or was not JSON (the client retries statuses only).
   */
  private static <T> T refetchingBrokenBodies(RetryPolicy policy, String what, Fetch<T> fetch) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return fetch.get();
      } catch (DiscussionsException e) {
        HubException.Reason reason = switch (e.status()) {
          case 401, 404, 410 -> HubException.Reason.NOT_VISIBLE;
          case 403 -> HubException.Reason.FORBIDDEN;
          case 0 -> HubException.Reason.MALFORMED_RESPONSE;
          default -> HubException.Reason.HTTP_ERROR;
        };
        if (reason != HubException.Reason.MALFORMED_RESPONSE || attempt > policy.maxRetries()) {
          throw new HubException(reason, e.status(), what, e.getMessage());
        }
      } catch (InterruptedIOException | RateLimitedException e) {
        throw e;
      } catch (IOException brokenBody) {
        if (attempt > policy.maxRetries()) {
          throw brokenBody;
        }
      }
      policy.pauseBeforeRetry(attempt);
    }
  }

  public static DiscussionSource discussions(Endpoint endpoint, RetryPolicy policy) {
    return discussions(endpoint, HttpClients.create(endpoint, policy), policy);
  }
}
