package org.modelevolution.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelevolution.testing.HttpFixtures.json;
import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.modelevolution.testing.HttpFixtures;

class GitHubClientTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_715_000_000);

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new ArrayList<>();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private GitHubClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = client(Map.of(), SearchPacer.none());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GitHubClient client(Map<String, String> extraEnv, SearchPacer pacer) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("GITHUB_API_URL", server.url("/").toString());
    Endpoint endpoint = Service.GITHUB.endpoint(env);
    RetryPolicy policy = RetryPolicy.standard().withSleeper(waits::add);
    return new GitHubClient(HttpClients.create(endpoint, policy, clock), endpoint, pacer, policy);
  }

  @Test
  void searchesWithTheDocumentedParametersAndFollowsTheNextLinkVerbatim() throws Exception {
    String next = server.url("/search/issues?q=safetensors+is%3Apr+is%3Aclosed+created%3A2023-05-01..2023-05-31"
        + "&per_page=100&page=2&advanced_search=true").toString();
    server.enqueue(json("github/search-issues.json").newBuilder()
        .addHeader("Link", "<" + next + ">; rel=\"next\", <" + next.replace("page=2", "page=3") + ">; rel=\"last\"")
        .addHeader("x-ratelimit-remaining", "28").build());
    server.enqueue(json("github/search-issues.json"));

    SearchPage first = client.search("safetensors is:pr is:closed created:2023-05-01..2023-05-31");
    SearchPage second = client.searchPage(first.next().orElseThrow());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/search/issues");
    assertThat(request.getUrl().queryParameter("q")).isEqualTo("safetensors is:pr is:closed created:2023-05-01..2023-05-31");
    assertThat(request.getUrl().queryParameter("per_page")).isEqualTo("100");
    assertThat(request.getUrl().queryParameter("page")).isEqualTo("1");
    assertThat(request.getUrl().queryParameter("advanced_search")).isEqualTo("true");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(request.getHeaders().get("User-Agent")).startsWith("safetensors-study/");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(server.takeRequest().getUrl().toString()).isEqualTo(next);
    assertThat(first.totalCount()).isEqualTo(214);
    assertThat(first.incompleteResults()).isFalse();
    JsonNode item = first.items().get(0);
    assertThat(item.get("id").asLong()).isEqualTo(1702938475L);
    assertThat(GitHubClient.repositoryOf(item)).hasValue("acme/vision-kit");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void sendsTheTokenAsBearerToTheApiHost() throws Exception {
    GitHubClient authenticated = client(Map.of("GITHUB_TOKEN", "ghp_example"), SearchPacer.none());
    server.enqueue(json("github/search-issues.json"));

    authenticated.search("safetensors");

    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer ghp_example");
  }

  @Test
  void spacesSearchCallsTwoSecondsApart() throws Exception {
    List<Duration> paced = new ArrayList<>();
    GitHubClient pacedClient = client(Map.of(), new SearchPacer(SearchPacer.RECOMMENDED_GAP, clock, paced::add));
    server.enqueue(json("github/search-issues.json"));
    server.enqueue(json("github/search-issues.json"));

    pacedClient.search("safetensors");
    pacedClient.search("safetensors");

    assertThat(paced).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void waitsForThePrimaryLimitResetOnA403WithNoRequestsRemaining() throws Exception {
    server.enqueue(new MockResponse.Builder().code(403)
        .addHeader("x-ratelimit-limit", "30").addHeader("x-ratelimit-remaining", "0")
        .addHeader("x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 120))
        .addHeader("x-ratelimit-resource", "search").addHeader("x-ratelimit-used", "30")
        .body("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
        .build());
    server.enqueue(json("github/search-issues.json"));

    assertThat(client.search("safetensors").items()).hasSize(1);
    assertThat(waits).containsExactly(Duration.ofSeconds(121));
  }

  @Test
  void stopsWithRateLimitedWhenTheResetIsBeyondThePolicysLongestWait() {
    server.enqueue(new MockResponse.Builder().code(403)
        .addHeader("x-ratelimit-remaining", "0").addHeader("x-ratelimit-reset", "1715003641")
        .body("{\"message\":\"API rate limit exceeded\"}").build());

    assertThatThrownBy(() -> client.search("safetensors"))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.requestedWait()).isEqualTo(Duration.ofSeconds(3642)));
    assertThat(waits).isEmpty();
  }

  @Test
  void honoursRetryAfterOnTheDocumentedSecondaryLimit403() throws Exception {
    server.enqueue(HttpFixtures.http("github/secondary-rate-limit.http"));
    server.enqueue(json("github/search-issues.json"));

    assertThat(client.search("safetensors").totalCount()).isEqualTo(214);
    assertThat(waits).containsExactly(Duration.ofSeconds(61));
  }

  @Test
  void honoursRetryAfterOnA429() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "30")
        .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
    server.enqueue(json("github/search-issues.json"));

    client.search("safetensors");

    assertThat(waits).containsExactly(Duration.ofSeconds(31));
  }

  @Test
  void waitsAMinuteOnASecondaryLimitAnnouncedOnlyInTheMessage() throws Exception {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("x-ratelimit-remaining", "12")
        .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}")
        .build());
    server.enqueue(json("github/search-issues.json"));

    client.search("safetensors");

    assertThat(waits).containsExactly(Duration.ofSeconds(60));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPlain403IsNotARateLimitAndNotRetried() {
    server.enqueue(new MockResponse.Builder().code(403).body("{\"message\":\"Forbidden\"}").build());

    assertThatThrownBy(() -> client.search("safetensors"))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void reportsThe1000ResultCapMessage() {
    server.enqueue(new MockResponse.Builder().code(422)
        .body("{\"message\":\"Only the first 1000 search results are available\",\"documentation_url\":\"https://docs.github.com/v3/search/\"}").build());

    assertThatThrownBy(() -> client.search("safetensors"))
        .isInstanceOf(GitHubException.class).hasMessageContaining("Only the first 1000 search results");
  }

  @Test
  void readsAllCommentPagesFromTheConfiguredEndpoint() throws Exception {
    String page2 = server.url("/repos/acme/vision-kit/issues/412/comments?per_page=100&page=2").toString();
    server.enqueue(json("github/issue-comments.json").newBuilder()
        .addHeader("Link", "<" + page2 + ">; rel=\"next\"").build());
    server.enqueue(json("github/issue-comments.json"));

    List<JsonNode> comments = client.comments("acme/vision-kit", 412);

    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/repos/acme/vision-kit/issues/412/comments");
    assertThat(first.getUrl().queryParameter("per_page")).isEqualTo("100");
    assertThat(server.takeRequest().getUrl().toString()).isEqualTo(page2);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0).get("body").asText()).isEqualTo("Thanks! Loading time dropped from 9s to 1s here.");
  }

  @Test
  void aGoneRepositoryIsReportedAsGone() {
    server.enqueue(new MockResponse.Builder().code(410).body("{\"message\":\"Issues are disabled for this repo\"}").build());

    assertThatThrownBy(() -> client.comments("acme/vision-kit", 412))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.isGone()).isTrue());
  }

  @Test
  void pacesEverySearchAttemptRetriesIncluded() throws Exception {
    List<Duration> paced = new ArrayList<>();
    GitHubClient pacedClient = client(Map.of(), new SearchPacer(SearchPacer.RECOMMENDED_GAP, clock, paced::add));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "0")
        .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
    server.enqueue(json("github/search-issues.json"));
    server.enqueue(json("github/search-issues.json"));

    pacedClient.search("safetensors");
    pacedClient.search("safetensors");

    // The retry waits for the gap after the 429 arrived, and the next search for the gap after the retry's answer.
    assertThat(paced).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aTruncatedJsonBodyIsFetchedAgainWithTheStatusBackoff() throws Exception {
    server.enqueue(HttpFixtures.jsonBody(200, text("github/search-issues.json").substring(0, 300)));
    server.enqueue(json("github/search-issues.json"));

    assertThat(client.search("safetensors").totalCount()).isEqualTo(214);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(waits).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100)));
  }

  @Test
  void aGzipBodyCutMidStreamIsFetchedAgain() throws Exception {
    Buffer gzipped = new Buffer();
    try (BufferedSink sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(text("github/search-issues.json"));
    }
    Buffer half = new Buffer();
    gzipped.copyTo(half, 0, gzipped.size() / 2);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip").body(half).build());
    server.enqueue(json("github/search-issues.json"));

    assertThat(client.search("safetensors").items()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aBodyStillBrokenAfterEveryRetryIsAClearError() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(HttpFixtures.jsonBody(200, text("github/search-issues.json").substring(0, 300)));
    }

    assertThatThrownBy(() -> client.search("safetensors"))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("malformed JSON");
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void anIncompleteAnswerIsAskedForAgainAndReturnedMarkedWhenItStaysIncomplete() throws Exception {
    String incomplete = text("github/search-issues.json").replace("\"incomplete_results\": false", "\"incomplete_results\": true");
    assertThat(incomplete).contains("\"incomplete_results\": true");
    server.enqueue(HttpFixtures.jsonBody(200, incomplete));
    server.enqueue(json("github/search-issues.json"));
    assertThat(client.search("safetensors").incompleteResults()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(2);

    for (int i = 0; i < 6; i++) {
      server.enqueue(HttpFixtures.jsonBody(200, incomplete));
    }
    assertThat(client.search("safetensors").incompleteResults()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(8);
  }
}
