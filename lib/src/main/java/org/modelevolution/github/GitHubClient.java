package org.modelevolution.github;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.LinkHeader;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.ResponseBodies;
import org.modelevolution.http.RetryPolicy;

/**
 * The two GitHub REST endpoints the perception miner needs: issue search (api-reference 2.1) and
 * the conversation comments of an issue or pull request (2.2).
 *
 * <p>Primary rate limits ({@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}) and
 * {@code retry-after} on 403/429 are waited out by the {@link OkHttpClient}'s retry interceptor
 * (see {@link org.modelevolution.http.HttpClients}). What it cannot see is a secondary rate limit
 * announced only in the message of a 403 without any header; this client waits at least 60 s for
 * those, doubling, as GitHub's documentation asks. Search calls are spaced by a {@link SearchPacer}.
 */
public final class GitHubClient {
  /** GitHub never serves more than this many results for one query. */
  public static final int RESULT_CAP = 1000;
  public static final int PER_PAGE = 100;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);

  private final OkHttpClient http;
  private final Endpoint endpoint;
  private final SearchPacer pacer;
  private final RetryPolicy policy;

  /**
   * @param policy the same policy the HTTP client was built with: its sleeper, retry count and
   *     longest acceptable wait also govern waits for secondary rate limits
   */
  public GitHubClient(OkHttpClient http, Endpoint endpoint, SearchPacer pacer, RetryPolicy policy) {
    this.http = Objects.requireNonNull(http);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.pacer = Objects.requireNonNull(pacer);
    this.policy = Objects.requireNonNull(policy);
  }

  /** The first page of an issue search, 100 items per page, advanced search syntax. */
  public SearchPage search(String query) throws IOException {
    HttpUrl url = endpoint.url("search", "issues")
        .addQueryParameter("q", query)
        .addQueryParameter("per_page", Integer.toString(PER_PAGE))
        .addQueryParameter("page", "1")
        .addQueryParameter("advanced_search", "true")
        .build();
    return searchPage(url);
  }

  /** A following page of a search, from a {@code rel="next"} link used verbatim. */
  public SearchPage searchPage(HttpUrl url) throws IOException {
    pacer.awaitTurn();
    try (Response response = execute(url)) {
      JsonNode body = parse(response, url);
      if (!body.path("items").isArray()) {
        throw new GitHubException("no 'items' array in the search result of " + url.redact(), 0);
      }
      List<JsonNode> items = new ArrayList<>();
      body.get("items").forEach(items::add);
      return new SearchPage(body.path("total_count").asLong(0), body.path("incomplete_results").asBoolean(false),
          items, LinkHeader.next(response));
    }
  }

  /**
   * All conversation comments of issue or pull request {@code number} in {@code owner/name},
   * oldest first, following {@code Link} pages. The first URL is built below the configured
   * endpoint rather than taken from the item's {@code comments_url}, so that a mirror or a
   * recorded fixture server set in {@code GITHUB_API_URL} is honoured.
   */
  public List<JsonNode> comments(String repository, long number) throws IOException {
    HttpUrl url = endpoint.url("repos", repository, "issues", Long.toString(number), "comments")
        .addQueryParameter("per_page", Integer.toString(PER_PAGE)).build();
    List<JsonNode> comments = new ArrayList<>();
    while (url != null) {
      try (Response response = execute(url)) {
        JsonNode body = parse(response, url);
        if (!body.isArray()) {
          throw new GitHubException("comments of " + repository + "#" + number + " are not an array", 0);
        }
        body.forEach(comments::add);
        url = LinkHeader.next(response).orElse(null);
      }
    }
    return comments;
  }

  /** Sends a GET; a 403 that only says "secondary rate limit" in its body is waited out here. */
  private Response execute(HttpUrl url) throws IOException {
    Request request = new Request.Builder().url(url)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .build();
    for (int attempt = 1; ; attempt++) {
      Response response = http.newCall(request).execute();
      if (!isUnannouncedSecondaryLimit(response) || attempt > policy.maxRetries()) {
        return response;
      }
      response.close();
      Duration wait = SECONDARY_LIMIT_WAIT.multipliedBy(1L << Math.min(attempt - 1, 10));
      if (wait.compareTo(policy.maxServerWait()) > 0) {
        throw new RateLimitedException(url.redact(), wait);
      }
      policy.sleeper().sleepOrInterrupt(wait, "waiting for a secondary rate limit");
    }
  }

  private static boolean isUnannouncedSecondaryLimit(Response response) throws IOException {
    if (response.code() != 403 && response.code() != 429
        || response.header("retry-after") != null || "0".equals(response.header("x-ratelimit-remaining"))) {
      return false;
    }
    String message = response.peekBody(64 * 1024).string().toLowerCase(Locale.ROOT);
    return message.contains("secondary rate limit") || message.contains("abuse");
  }

  private static JsonNode parse(Response response, HttpUrl url) throws IOException {
    String text = ResponseBodies.readUtf8(response);
    if (!response.isSuccessful()) {
      throw new GitHubException("HTTP " + response.code() + " for " + url.redact() + ": " + messageOf(text),
          response.code());
    }
    try {
      return MAPPER.readTree(text);
    } catch (IOException malformed) {
      throw new GitHubException("malformed JSON from " + url.redact() + ": " + malformed.getMessage().lines().findFirst().orElse(""), 0);
    }
  }

  private static String messageOf(String body) {
    try {
      JsonNode message = MAPPER.readTree(body).path("message");
      if (!message.isMissingNode()) {
        return message.asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** The {@code owner/name} of a search item, derived from its {@code repository_url}. */
  public static Optional<String> repositoryOf(JsonNode item) {
    String url = item.path("repository_url").asText("");
    int at = url.indexOf("/repos/");
    if (at < 0) {
      return Optional.empty();
    }
    String name = url.substring(at + "/repos/".length());
    return name.chars().filter(c -> c == '/').count() == 1 ? Optional.of(name) : Optional.empty();
  }
}
