package org.modelevolution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_715_000_000), ZoneOffset.UTC);

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpClient client(Map<String, String> env) {
    Endpoint endpoint = Service.HUGGING_FACE.endpoint(
        new java.util.HashMap<>(Map.of("HF_ENDPOINT", server.url("/").toString())) {{ putAll(env); }});
    RetryPolicy policy = RetryPolicy.standard().withSleeper(waits::add);
    return HttpClients.create(endpoint, policy, clock);
  }

  private Response get(OkHttpClient client, String path) throws IOException {
    return client.newCall(new Request.Builder().url(server.url(path)).build()).execute();
  }

  @Test
  void waitsAsTheHubRateLimitHeaderSaysThenSucceeds() throws IOException {
    // Fixture from api-reference.md 1.0.1.
    server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("RateLimit", "\"api\";r=0;t=137")
        .addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300")
        .addHeader("Retry-After", "137")
        .body("{\"error\":\"Too many requests, retry later\"}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    try (Response response = get(client(Map.of()), "/api/models")) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(138));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void backsOffExponentiallyOnServerErrorsAndGivesUpAfterFiveRetries() throws IOException {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(503).build());
    }
    try (Response response = get(client(Map.of()), "/api/models")) {
      assertThat(response.code()).isEqualTo(503);
    }
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(waits).hasSize(5);
    long[] floors = {1000, 2000, 4000, 8000, 8000};
    for (int i = 0; i < 5; i++) {
      assertThat(waits.get(i).toMillis()).isBetween(floors[i], (long) (floors[i] * 1.1));
    }
  }

  @Test
  void announcesEveryRetryAsItHappensWithoutTheQuery() throws IOException {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    List<String> lines = new ArrayList<>();
    Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString()));
    RetryPolicy policy = RetryPolicy.standard().withSleeper(waits::add)
        .withLog((what, wait, next, attempts, reason) -> lines.add(what + " | " + next + "/" + attempts + " | " + reason));
    OkHttpClient client = HttpClients.create(endpoint, policy, clock);
    try (Response response = client.newCall(new Request.Builder().url(server.url("/api/models?key=secret")).build())
        .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(lines).containsExactly("GET " + server.url("/api/models") + " | 2/6 | HTTP 503");
  }

  @Test
  void aRefusedConnectionFailsAfterTwoQuickRetriesNamingTheVariable() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Endpoint endpoint = Service.GITHUB.endpoint(Map.of("GITHUB_API_URL", "http://127.0.0.1:" + port));
    OkHttpClient client = HttpClients.create(endpoint, RetryPolicy.standard().withSleeper(waits::add), clock);
    Request request = new Request.Builder().url(endpoint.url("search/issues").build()).build();
    assertThatThrownBy(() -> client.newCall(request).execute())
        .isInstanceOf(EndpointUnreachableException.class)
        .isInstanceOf(FatalRequestException.class)
        .hasMessageContaining("connection refused")
        .hasMessageContaining("GITHUB_API_URL")
        .hasMessageContaining("127.0.0.1:" + port);
    assertThat(waits).as("two short waits, not five up to 8 s").hasSize(2);
    assertThat(waits.stream().mapToLong(Duration::toMillis).sum()).isLessThan(4000);
  }

  @Test
  void anEndpointVariableThatIsNoHttpUrlIsNamed() {
    assertThatThrownBy(() -> Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", "not-a-url")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HF_ENDPOINT='not-a-url'");
    assertThatThrownBy(() -> Service.STACK_EXCHANGE.endpoint(Map.of("STACKEXCHANGE_API_URL", "ftp://example.org")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STACKEXCHANGE_API_URL");
  }

  @Test
  void retriesGithubSecondaryRateLimitButNotAPlainForbidden() throws IOException {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("retry-after", "60")
        .addHeader("x-ratelimit-remaining", "12").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    try (Response response = get(client(Map.of()), "/search/issues")) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(61));

    server.enqueue(new MockResponse.Builder().code(403).body("{\"message\":\"Forbidden\"}").build());
    try (Response response = get(client(Map.of()), "/repos/x/y")) {
      assertThat(response.code()).isEqualTo(403);
    }
    assertThat(waits).hasSize(1);
  }

  @Test
  void waitsUntilGithubPrimaryLimitResets() throws IOException {
    server.enqueue(new MockResponse.Builder().code(403).addHeader("x-ratelimit-remaining", "0")
        .addHeader("x-ratelimit-reset", Long.toString(1_715_000_030)).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    try (Response response = get(client(Map.of()), "/search/issues")) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(31));
  }

  @Test
  void refusesToSleepThroughAQuotaResetFarAway() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "43200").build());
    assertThatThrownBy(() -> get(client(Map.of()), "/api/models").close())
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("43201 s");
    assertThat(waits).isEmpty();
  }

  @Test
  void sendsTheTokenToItsOwnHostOnlyAndNeverShowsIt() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = client(Map.of("HF_TOKEN", "hf_secret_value"));
    try (Response ignored = get(client, "/api/models")) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer hf_secret_value");
      assertThat(request.getHeaders().get("User-Agent")).startsWith("safetensors-study/");
    }
    Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_TOKEN", "hf_secret_value"));
    assertThat(endpoint.toString()).doesNotContain("hf_secret_value");
    assertThat(endpoint.describe()).doesNotContain("hf_secret_value").endsWith("(authenticated)");

    try (MockWebServer cdn = new MockWebServer()) {
      cdn.start();
      cdn.enqueue(new MockResponse.Builder().code(200).build());
      client.newCall(new Request.Builder().url(cdn.url("/blob")).build()).execute().close();
      // Same host (localhost) but another port: a different origin, so no token.
      assertThat(cdn.takeRequest().getHeaders().get("Authorization")).isNull();
    }
  }
}
