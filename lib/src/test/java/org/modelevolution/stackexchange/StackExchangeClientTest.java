package org.modelevolution.stackexchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelevolution.testing.HttpFixtures.json;
import static org.modelevolution.testing.HttpFixtures.jsonBody;
import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.testing.HttpFixtures;

class StackExchangeClientTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_715_000_000), ZoneOffset.UTC);
  private static final ExcerptQuery QUERY = ExcerptQuery.of("safetensors",
      Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private StackExchangeClient client(RetryPolicy base, Optional<String> key) {
    Endpoint endpoint = Service.STACK_EXCHANGE.endpoint(Map.of("STACKEXCHANGE_API_URL", server.url("/2.3").toString()));
    RetryPolicy policy = base.withSleeper(waits::add);
    return new StackExchangeClient(HttpClients.create(endpoint, policy, CLOCK), endpoint, key, policy, CLOCK);
  }

  private StackExchangeClient client() {
    return client(RetryPolicy.standard(), Optional.empty());
  }

  @Test
  void searchesExcerptsWithTheDocumentedParameters() throws Exception {
    server.enqueue(json("stackexchange/search-excerpts.json"));

    ExcerptPage page = client(RetryPolicy.standard(), Optional.of("KEY")).searchExcerpts(QUERY, 2);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/2.3/search/excerpts");
    assertThat(request.getUrl().queryParameter("order")).as("the study's order").isEqualTo("desc");
    assertThat(request.getUrl().queryParameter("sort")).isEqualTo("activity");
    assertThat(request.getUrl().queryParameter("q")).isEqualTo("safetensors");
    assertThat(request.getUrl().queryParameter("fromdate")).isEqualTo("1672531200");
    assertThat(request.getUrl().queryParameter("todate")).isEqualTo("1704067199");
    assertThat(request.getUrl().queryParameter("site")).isEqualTo("stackoverflow");
    assertThat(request.getUrl().queryParameter("pagesize")).isEqualTo("100");
    assertThat(request.getUrl().queryParameter("page")).isEqualTo("2");
    assertThat(request.getUrl().queryParameter("key")).isEqualTo("KEY");
    assertThat(page.items()).hasSize(2);
    assertThat(page.items().get(1).get("item_type").asText()).isEqualTo("answer");
    assertThat(page.hasMore()).isTrue();
    assertThat(page.quotaRemaining()).isEqualTo(9873);
    assertThat(page.backoff()).isEmpty();
  }

  @Test
  void readsGzippedResponsesAsTheRealApiSendsThem() throws Exception {
    Buffer gzipped = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(text("stackexchange/search-excerpts.json"));
    }
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip")
        .addHeader("Content-Type", "application/json; charset=utf-8").body(gzipped).build());

    assertThat(client().searchExcerpts(QUERY, 1).items()).hasSize(2);
  }

  @Test
  void waitsTheBackoffBeforeCallingTheSameMethodAgain() throws Exception {
    ObjectNode withBackoff = (ObjectNode) MAPPER.readTree(text("stackexchange/search-excerpts.json"));
    withBackoff.put("backoff", 10);
    server.enqueue(jsonBody(200, withBackoff.toString()));
    server.enqueue(json("stackexchange/search-excerpts.json"));
    StackExchangeClient client = client();

    assertThat(client.searchExcerpts(QUERY, 1).backoff()).hasValue(10);
    assertThat(waits).isEmpty();
    client.searchExcerpts(QUERY, 2);

    assertThat(waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void stopsOnTheQuotaThrottleWhoseStatedWaitIsBeyondThePolicy() {
    server.enqueue(HttpFixtures.http("stackexchange/error-throttle.http"));

    assertThatThrownBy(() -> client().searchExcerpts(QUERY, 1))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.requestedWait()).isEqualTo(Duration.ofSeconds(43200)));
    assertThat(waits).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sleepsThroughTheStatedWaitWhenThePolicyAllowsIt() throws Exception {
    server.enqueue(HttpFixtures.http("stackexchange/error-throttle.http"));
    server.enqueue(json("stackexchange/search-excerpts.json"));

    ExcerptPage page = client(RetryPolicy.standard().withMaxServerWait(Duration.ofHours(13)), Optional.empty())
        .searchExcerpts(QUERY, 1);

    assertThat(page.items()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(43200));
  }

  @Test
  void retriesAThrottleViolationCarryingABackoffAfterThatBackoff() throws Exception {
    server.enqueue(jsonBody(400, "{\"error_id\":502,\"error_message\":\"Violation of backoff parameter\","
        + "\"error_name\":\"throttle_violation\",\"backoff\":7}"));
    server.enqueue(json("stackexchange/search-excerpts.json"));

    assertThat(client().searchExcerpts(QUERY, 1).items()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aThrottleWithoutAStatedWaitBacksOffFromAMinute() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(jsonBody(400, "{\"error_id\":503,\"error_message\":\"temporarily unavailable\",\"error_name\":\"temporarily_unavailable\"}"));
    }
    server.enqueue(json("stackexchange/search-excerpts.json"));

    client().searchExcerpts(QUERY, 1);

    assertThat(waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120));
  }

  @Test
  void otherErrorsFailWithTheirErrorIdAndAreNotRetried() {
    server.enqueue(jsonBody(400, "{\"error_id\":400,\"error_message\":\"sort\",\"error_name\":\"bad_parameter\"}"));

    assertThatThrownBy(() -> client().searchExcerpts(QUERY, 1))
        .isInstanceOfSatisfying(StackExchangeException.class, e -> {
          assertThat(e.errorId()).isEqualTo(400);
          assertThat(e.errorName()).isEqualTo("bad_parameter");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutAWindowSendsNoDatesAsTheStudy() throws Exception {
    server.enqueue(json("stackexchange/search-excerpts.json"));

    client().searchExcerpts(ExcerptQuery.of("safe tensor"), 1);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().queryParameter("q")).isEqualTo("safe tensor");
    assertThat(request.getUrl().queryParameterNames()).doesNotContain("fromdate", "todate");
  }

  @Test
  void truncatedJsonIsFetchedAgainAndStaysAClearErrorAfterEveryRetry() throws Exception {
    server.enqueue(jsonBody(200, text("stackexchange/search-excerpts.json").substring(0, 400)));
    server.enqueue(json("stackexchange/search-excerpts.json"));
    assertThat(client().searchExcerpts(QUERY, 1).items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);

    for (int i = 0; i < 6; i++) {
      server.enqueue(jsonBody(200, text("stackexchange/search-excerpts.json").substring(0, 400)));
    }
    assertThatThrownBy(() -> client().searchExcerpts(QUERY, 1))
        .isInstanceOf(StackExchangeException.class).hasMessageContaining("not JSON");
    assertThat(server.getRequestCount()).isEqualTo(8);
  }

  @Test
  void aGzipBodyCutMidStreamIsFetchedAgain() throws Exception {
    Buffer gzipped = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(gzipped))) {
      sink.writeUtf8(text("stackexchange/search-excerpts.json"));
    }
    Buffer half = new Buffer();
    gzipped.copyTo(half, 0, gzipped.size() / 2);
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip").body(half).build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip").body(gzipped).build());

    assertThat(client().searchExcerpts(QUERY, 1).items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(waits).hasSize(1);
  }
}
