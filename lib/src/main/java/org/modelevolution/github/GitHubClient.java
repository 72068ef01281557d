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
import org.modelevolution.http.BodyRetries;
import org.modelevolution.http.BrokenBodyException;
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
 * those, doubling, as GitHub's documentation asks. Every request of the search bucket, retries
 * included, is spaced by a {@link SearchPacer}.
 *
 * <p>A body that breaks off mid-read or is not JSON is fetched again with the policy's backoff
 * ({@link BodyRetries}); so is a search answer marked {@code incomplete_results} (GitHub's search
 * timed out and its items and {@code total_count} are partial), which is returned as it is only
 * when it stays incomplete through every retry, for the caller to leave unfinished.
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
  private final RetryPolicy policy;

  /**
   * @param policy the same policy the HTTP client was built with: its sleeper, retry count and
   *     longest acceptable wait also govern waits for secondary rate limits
   */
  public GitHubClient(OkHttpClient http, Endpoint endpoint, SearchPacer pacer, RetryPolicy policy) {
    // Behind the retry interceptor, so that the pacer sees every attempt.
    this.http = http.newBuilder().addInterceptor(Objects.requireNonNull(pacer)).build();
    this.endpoint = Objects.requireNonNull(endpoint);
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

  /**
   * A following page of a search, from a {@code rel="next"} link used verbatim. An answer marked
   * {@code incomplete_results} is asked for again, after the policy's backoff, up to its retry
   * count; the last one is returned as it is, marked incomplete.
   */
  public SearchPage searchPage(HttpUrl url) throws IOException {
    for (int attempt = 1; ; attempt++) {
      SearchPage page = readOnce(url, this::searchPageOf);
      if (!page.incompleteResults() || attempt > policy.maxRetries()) {
        return page;
      }
      policy.pauseBeforeRetry(attempt, "searching " + url.newBuilder().query(null).build(), "incomplete_results");
    }
  }

  private SearchPage searchPageOf(Response response, JsonNode body, HttpUrl url) throws GitHubException {
    if (!body.path("items").isArray()) {
      throw new GitHubException("no 'items' array in the search result of " + url.redact(), 0);
    }
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return new SearchPage(body.path("total_count").asLong(0), body.path("incomplete_results").asBoolean(false),
        items, LinkHeader.next(response));
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
      CommentPage page = readOnce(url, (response, body, at) -> {
        if (!body.isArray()) {
          throw new GitHubException("comments of " + repository + "#" + number + " are not an array", 0);
        }
        List<JsonNode> onPage = new ArrayList<>();
        body.forEach(onPage::add);
        return new CommentPage(onPage, LinkHeader.next(response).orElse(null));
      });
      comments.addAll(page.comments());
      url = page.next();
    }
    return comments;
  }

  private record CommentPage(List<JsonNode> comments, HttpUrl next) {}

  /** What a page is made of: the response (for its headers) and its parsed body. */
  @FunctionalInterface
  private interface PageReader<T> {
    T read(Response response, JsonNode body, HttpUrl url) throws GitHubException;
  }

  /**
   * One GET of {@code url} read into a page, sent again while its body breaks off or is not JSON;
   * a body still broken after the last retry is a {@link GitHubException} with status 0.
   */
  private <T> T readOnce(HttpUrl url, PageReader<T> reader) throws IOException {
    try {
      return BodyRetries.call(policy, "reading " + url.newBuilder().query(null).build(), () -> {
        try (Response response = execute(url)) {
          return reader.read(response, parse(response, url), url);
        }
      });
    } catch (BrokenBodyException broken) {
      throw new GitHubException(broken.getMessage(), 0, broken);
    }
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
    String message;
    try {
      message = response.peekBody(64 * 1024).string().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      response.close();
      throw new BrokenBodyException("the body of a " + response.code() + " from " + response.request().url().redact()
          + " broke off: " + e, e);
    }
    return message.contains("secondary rate limit") || message.contains("abuse");
  }

  private static JsonNode parse(Response response, HttpUrl url) throws IOException {
    String text = ResponseBodies.readUtf8(response);
    if (!response.isSuccessful()) {
      throw new GitHubException("HTTP " + response.code() + " for " + url.redact() + ": " + messageOf(text),
          response.code());
    }
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw new BrokenBodyException("an empty body from " + url.redact());
      }
      return tree;
    } catch (BrokenBodyException empty) {
      throw empty;
    } catch (IOException malformed) {
      throw new BrokenBodyException("malformed JSON from " + url.redact() + ": "
          + malformed.getMessage().lines().findFirst().orElse(""), malformed);
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
