package org.modelevolution.mining;

import org.modelevolution.stackexchange.StackExchangeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;
import org.modelevolution.progress.Progress;
import org.modelevolution.testing.CrashingProgress;

class MineStackOverflowPostsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);
  private static final long Y2022 = Instant.parse("2022-06-01T00:00:00Z").getEpochSecond();
  private static final long Y2023 = Instant.parse("2023-03-01T00:00:00Z").getEpochSecond();
  private static final Set<String> ALL = Set.copyOf(MineStackOverflowPosts.QUERIES);

  private final List<Duration> waits = new ArrayList<>();

  /** 250 questions in 2023 (three pages for each query), answers, and posts only some queries find. */
  private static FakeStackExchange posts() {
    FakeStackExchange fake = new FakeStackExchange();
    for (int i = 0; i < 250; i++) {
      fake.add(false, 75_000_000L + i, 0, Y2023 + i * 60L, ALL);
    }
    fake.add(true, 75_000_007L, 75_100_001L, Y2023 + 100_000, ALL);
    fake.add(true, 75_000_007L, 75_100_000L, Y2023 + 100_001, Set.of("safe tensors"));
    fake.add(false, 74_000_000L, 0, Y2022, Set.of("safetensor"));
    return fake;
  }

  private MineStackOverflowPosts miner(MockWebServer server) {
    Endpoint endpoint = Service.STACK_EXCHANGE.endpoint(Map.of("STACKEXCHANGE_API_URL", server.url("/2.3").toString()));
    RetryPolicy policy = RetryPolicy.standard().withSleeper(waits::add);
    StackExchangeClient client = new StackExchangeClient(
        HttpClients.create(endpoint, policy, CLOCK), endpoint, Optional.empty(), policy, CLOCK);
    return new MineStackOverflowPosts(client, endpoint, MineStackOverflowPosts.QUERIES,
        LocalDate.parse("2022-01-01"), LocalDate.parse("2023-12-31"), CLOCK);
  }

  private RunManifest mine(FakeStackExchange fake, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(fake);
      server.start();
      return miner(server).mine(out, progress);
    }
  }

  @Test
  void pagesEveryQueryAndWindowKeepsEachPostOnceAndDecodesTitles(@TempDir Path out) throws Exception {
    FakeStackExchange fake = posts().throttleRequest(3);

    RunManifest manifest = mine(fake, out, Progress.silent());

    // 3 queries x (2022: 1 page + 2023: 3 pages) + the throttled request, retried after its backoff.
    assertThat(fake.requests).hasSize(3 * 4 + 1);
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
    List<MinedPost> rows = PostTable.read(out.resolve("stackoverflow-posts.csv"));
    assertThat(rows).hasSize(250 + 2 + 1);
    assertThat(manifest.counts()).containsEntry("rows written", 253L).containsEntry("pages fetched", 12L)
        .containsEntry("quota remaining", 9873L - 12);
    MinedPost first = rows.get(0);
    assertThat(first.title()).isEqualTo("Q74000000: \".safetensors\" isn't loading");
    assertThat(first.source()).isEqualTo("Stack Overflow");
    assertThat(first.url()).isEqualTo("https://stackoverflow.com/questions/74000000");
    JsonNode content = MAPPER.readTree(first.jsonContent());
    assertThat(content.get("title").asText()).as("kept as received").contains("&quot;");
    assertThat(content.get("body_text").asText())
        .isEqualTo("I have a  model.safetensors  file and don't want to install transformers. \n  import torch");
    assertThat(content.get("excerpt_text").asText()).endsWith("don't want to install transformers \u2026");
    // Question 75000007 is followed by its two answers, by answer id; answers link to the question.
    List<String> around = rows.stream().filter(r -> r.url().endsWith("/75000007"))
        .map(r -> r.jsonContent().contains("\"answer_id\"") ? "answer " + id(r, "answer_id") : "question").toList();
    assertThat(around).containsExactly("question", "answer 75100000", "answer 75100001");
  }

  @Test
  void aCrashedRunResumesWithoutRefetchingAndWritesTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    FakeStackExchange cleanFake = posts();
    mine(cleanFake, dir.resolve("clean"), Progress.silent());

    FakeStackExchange fake = posts();
    Path out = dir.resolve("resumed");
    assertThatThrownBy(() -> mine(fake, out, new CrashingProgress(3))).isInstanceOf(CrashingProgress.Crash.class);
    int beforeResume = fake.requests.size();
    RunManifest resumed = mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/stackoverflow-posts.csv"), out.resolve("stackoverflow-posts.csv"))).as("first differing byte").isEqualTo(-1L);
    assertThat(fake.requests).hasSameSizeAs(cleanFake.requests).doesNotHaveDuplicates();
    assertThat(resumed.counts().get("pages already done")).isEqualTo(beforeResume);
  }

  @Test
  void anExhaustedDailyQuotaStopsTheRunAndARerunFinishesIt(@TempDir Path dir) throws Exception {
    mine(posts(), dir.resolve("clean"), Progress.silent());
    FakeStackExchange fake = posts().exhaustQuotaAt(5);
    Path out = dir.resolve("resumed");

    assertThatThrownBy(() -> mine(fake, out, Progress.silent()))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.requestedWait()).isEqualTo(Duration.ofSeconds(43200)));
    assertThat(out.resolve("stackoverflow-posts.csv")).doesNotExist();
    RunManifest resumed = mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/stackoverflow-posts.csv"), out.resolve("stackoverflow-posts.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertThat(resumed.counts()).containsEntry("pages already done", 5L).containsEntry("pages fetched", 7L);
  }

  @Test
  void dryRunListsEveryQueryAndYearWindow(@TempDir Path out) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String plan = miner(server).plan(out);
      assertThat(plan).contains("searches: 6", "queries: safetensors | safe tensors | safetensor", "2022-01-01 .. 2023-12-31");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  private static long id(MinedPost row, String field) {
    try {
      return MAPPER.readTree(row.jsonContent()).get(field).asLong();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
