package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.modelevolution.http.BodyRetries;
import org.modelevolution.http.BrokenBodyException;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.ResponseBodies;
import org.modelevolution.http.RetryPolicy;

/**
 * Reads the discussions and pull requests of Hub repositories (models, datasets and Spaces)
 * through the JSON API: {@code GET /api/{kind}/{id}/discussions} (api-reference 1.8), paginated in
 * the body, and {@code GET /api/{kind}/{id}/discussions/{num}} (1.9) with every event inline.
 *
 * <p>Statuses are retried by the {@link OkHttpClient} given (see
 * {@link org.modelevolution.http.HttpClients}); a body that breaks off mid-read or is not JSON is
 * fetched again with the policy's backoff ({@link BodyRetries}; OkHttp only reports it while the
 * body is read).
 * Refusals become a {@link HubException} classified as for every other Hub call ({@link HubErrors}).
 */
public final class DiscussionsClient {
  private final OkHttpClient http;
  private final Endpoint endpoint;
  private final RetryPolicy policy;

  public DiscussionsClient(OkHttpClient http, Endpoint endpoint, RetryPolicy policy) {
    this.http = Objects.requireNonNull(http);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.policy = Objects.requireNonNull(policy);
  }

  /** One page ({@code p}, 0-based) of the repository's discussions matching {@code query}. */
  public DiscussionPage page(HubRepo repo, DiscussionQuery query, int page) throws IOException {
    HttpUrl.Builder url = repoUrl(repo).addPathSegment("discussions")
        .addQueryParameter("p", Integer.toString(page))
        .addQueryParameter("type", query.type().wire)
        .addQueryParameter("status", query.status().wire);
    query.author().ifPresent(a -> url.addQueryParameter("author", a));
    query.search().ifPresent(s -> url.addQueryParameter("search", s));
    JsonNode body = get(url.build()).tree();
    if (!body.path("discussions").isArray()) {
      throw malformed(url.build(), "no 'discussions' array in the list of " + repo);
    }
    List<Discussion> discussions = new ArrayList<>();
    try {
      body.get("discussions").forEach(d -> discussions.add(Discussion.fromJson(d)));
    } catch (IllegalArgumentException e) {
      throw malformed(url.build(), "malformed discussion in the list of " + repo + ": " + e.getMessage());
    }
    JsonNode closed = body.get("numClosedDiscussions");
    return new DiscussionPage(
        page,
        discussions,
        body.path("count").asInt(discussions.size()),
        body.path("start").asInt(0),
        closed != null && closed.canConvertToInt() ? OptionalInt.of(closed.asInt()) : OptionalInt.empty());
  }

  /** Every discussion of the repository matching {@code query}, following pages to the end. */
  public List<Discussion> list(HubRepo repo, DiscussionQuery query) throws IOException {
    List<Discussion> all = new ArrayList<>();
    for (int p = 0; ; p++) {
      DiscussionPage page = page(repo, query, p);
      all.addAll(page.discussions());
      if (!page.hasNext()) {
        return all;
      }
    }
  }

  /** One discussion with its events, without the pull request's diff. */
  public DiscussionDetails details(HubRepo repo, int num) throws IOException {
    return details(repo, num, false);
  }

  /** One discussion with its events; {@code withDiff} asks for a PR's raw diff too (may be large). */
  public DiscussionDetails details(HubRepo repo, int num, boolean withDiff) throws IOException {
    HttpUrl.Builder url = repoUrl(repo).addPathSegment("discussions").addPathSegment(Integer.toString(num));
    if (withDiff) {
      url.addQueryParameter("diff", "1");
    }
    Document document = get(url.build());
    try {
      return DiscussionDetails.fromJson(repo, document.tree(), document.text());
    } catch (IllegalArgumentException e) {
      throw malformed(url.build(), "malformed discussion " + repo + "#" + num + ": " + e.getMessage());
    }
  }

  private static HubException malformed(HttpUrl url, String detail) {
    return new HubException(HubException.Reason.MALFORMED_RESPONSE, 200, url.redact(), detail);
  }

  private HttpUrl.Builder repoUrl(HubRepo repo) {
    return endpoint.url("api", repo.kind().apiSegment(), repo.id());
  }

  private record Document(String text, JsonNode tree) {}

  private Document get(HttpUrl url) throws IOException {
    Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
    try {
      return BodyRetries.call(policy, "reading " + url.newBuilder().query(null).build(), () -> {
        try (Response response = http.newCall(request).execute()) {
          if (!response.isSuccessful()) {
            throw HubErrors.toException(response);
          }
          String text = ResponseBodies.readUtf8(response);
          JsonNode tree;
          try {
            tree = HubJson.MAPPER.readTree(text);
          } catch (IOException notJson) {
            throw new BrokenBodyException("malformed JSON: " + notJson.getMessage().lines().findFirst().orElse(""),
                notJson);
          }
          if (tree == null || !tree.isObject()) {
            throw new BrokenBodyException("not a JSON object");
          }
          return new Document(text, tree);
        }
      });
    } catch (BrokenBodyException broken) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, 200, url.redact(), broken.getMessage());
    }
  }
}
