package org.modelevolution.stackexchange;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.modelevolution.http.BrokenBodyException;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.ResponseBodies;
import org.modelevolution.http.RetryPolicy;

/**
 * Searches Stack Overflow through the Stack Exchange API 2.3 (api-reference 3.0, 3.1).
 *
 * <p>The API signals throttling in the body, which the shared HTTP retry layer cannot see, so this
 * client handles it: it never calls a method again before the {@code backoff} the previous answer
 * of that method asked for; it retries errors {@code 500}, {@code 502 throttle_violation} and
 * {@code 503} after the wait the message states ("more requests available in N seconds"), else the
 * {@code backoff}, else at least 60 s doubling; and it stops with {@link RateLimitedException} when
 * that wait is longer than the policy allows (an exhausted daily quota), so that a resumable step
 * can be rerun later. A body that breaks off mid-read (a gzip stream cut short) or is not JSON is
 * fetched again with the policy's backoff, as statuses are. Other errors fail with
 * {@link StackExchangeException}.
 *
 * <p>Not thread-safe: an instance remembers the backoffs of its own calls, so it serves one
 * sequential miner (the API asks for sequential, unhurried calls anyway).
 */
public final class StackExchangeClient {
  public static final String SITE = "stackoverflow";
  public static final int PAGE_SIZE = 100;
  /** The study's order: most recent activity first. */
  public static final String SORT = "activity";
  public static final String ORDER = "desc";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503);
  private static final Pattern STATED_WAIT = Pattern.compile("(\\d+) seconds");
  private static final Duration THROTTLE_WAIT = Duration.ofSeconds(60);

  private final OkHttpClient http;
  private final Endpoint endpoint;
  private final Optional<String> key;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Map<String, Instant> notBefore = new HashMap<>();

  /**
   * @param key the application key (raises the daily quota from 300 to 10,000), sent as the
   *     {@code key} query parameter as the API requires
   * @param policy the HTTP client's policy: its sleeper, retry count and longest acceptable wait
   *     also govern the API's body-level throttling
   */
  public StackExchangeClient(OkHttpClient http, Endpoint endpoint, Optional<String> key, RetryPolicy policy, Clock clock) {
    this.http = Objects.requireNonNull(http);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.key = Objects.requireNonNull(key);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Page {@code page} (1-based) of questions and answers matching {@code query}, most recent
   * activity first, as the study asked.
   */
  public ExcerptPage searchExcerpts(ExcerptQuery query, int page) throws IOException {
    HttpUrl.Builder url = endpoint.url("search", "excerpts")
        .addQueryParameter("order", ORDER)
        .addQueryParameter("sort", SORT)
        .addQueryParameter("q", query.text());
    query.fromDate().ifPresent(d -> url.addQueryParameter("fromdate", Long.toString(d)));
    query.toDate().ifPresent(d -> url.addQueryParameter("todate", Long.toString(d)));
    url.addQueryParameter("site", SITE)
        .addQueryParameter("pagesize", Integer.toString(PAGE_SIZE))
        .addQueryParameter("page", Integer.toString(page));
    key.ifPresent(k -> url.addQueryParameter("key", k));
    JsonNode body = call("search/excerpts", url.build());
    if (!body.path("items").isArray()) {
      throw new StackExchangeException("no 'items' array in /search/excerpts", 0, "malformed_response");
    }
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return new ExcerptPage(items, body.path("has_more").asBoolean(false), body.path("quota_remaining").asInt(-1),
        backoffOf(body));
  }

  private JsonNode call(String method, HttpUrl url) throws IOException {
    for (int attempt = 1; ; attempt++) {
      awaitBackoff(method);
      JsonNode body;
      int status;
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        status = response.code();
        body = parse(ResponseBodies.readUtf8(response), status, url);
      } catch (BrokenBodyException broken) {
        if (attempt > policy.maxRetries()) {
          throw new StackExchangeException(broken.getMessage(), 0, "malformed_response");
        }
        policy.pauseBeforeRetry(attempt, "reading " + url.newBuilder().query(null).build(), broken);
        continue;
      }
      backoffOf(body).ifPresent(seconds -> notBefore.put(method, clock.instant().plusSeconds(seconds)));
      if (!body.has("error_id")) {
        if (status / 100 != 2) {
          throw new StackExchangeException("HTTP " + status + " from " + url.redact(), status, "http_error");
        }
        return body;
      }
      int errorId = body.path("error_id").asInt();
      String name = body.path("error_name").asText("");
      String message = body.path("error_message").asText("");
      if (!RETRYABLE.contains(errorId) || attempt > policy.maxRetries()) {
        throw new StackExchangeException("Stack Exchange error " + errorId + " " + name + ": " + message, errorId, name);
      }
      Duration wait = throttleWait(message, backoffOf(body), attempt);
      if (wait.compareTo(policy.maxServerWait()) > 0) {
        throw new RateLimitedException(url.redact(), wait);
      }
      notBefore.remove(method); // the wait below covers the backoff too
      sleep(wait);
    }
  }

  private static JsonNode parse(String text, int status, HttpUrl url) throws BrokenBodyException {
    JsonNode body;
    try {
      body = MAPPER.readTree(text);
    } catch (IOException malformed) {
      throw new BrokenBodyException("HTTP " + status + " with a body that is not JSON from " + url.redact(), malformed);
    }
    if (body == null || !body.isObject()) {
      throw new BrokenBodyException("HTTP " + status + " with an empty body from " + url.redact());
    }
    return body;
  }

  /** The wait the error states, else its backoff, else 60 s doubling per attempt. */
  static Duration throttleWait(String message, OptionalInt backoff, int attempt) {
    Matcher m = STATED_WAIT.matcher(message);
    if (m.find()) {
      return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }
    if (backoff.isPresent()) {
      return Duration.ofSeconds(backoff.getAsInt());
    }
    return THROTTLE_WAIT.multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private void awaitBackoff(String method) throws IOException {
    Instant until = notBefore.remove(method);
    if (until != null) {
      Duration wait = Duration.between(clock.instant(), until);
      if (!wait.isNegative() && !wait.isZero()) {
        sleep(wait);
      }
    }
  }

  private void sleep(Duration wait) throws IOException {
    policy.sleeper().sleepOrInterrupt(wait, "honouring a Stack Exchange backoff");
  }

  private static OptionalInt backoffOf(JsonNode body) {
    JsonNode backoff = body.get("backoff");
    return backoff != null && backoff.canConvertToInt() && backoff.asInt() > 0
        ? OptionalInt.of(backoff.asInt()) : OptionalInt.empty();
  }
}
