package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.modelevolution.stackexchange.StackExchangeClient;
import org.modelevolution.testing.CrashingProgress;
import org.modelevolution.testing.VirtualTime;

class MineStackOverflowPostsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant START = Instant.parse("2025-01-15T00:00:00Z");
  private static final long T2023 = Instant.parse("2023-03-01T00:00:00Z").getEpochSecond();

  private final VirtualTime time = new VirtualTime(START);

  private static FakeStackExchange posts(VirtualTime time) {
    return posts(time, 250);
  }

  /**
   * {@code bulk} questions, half of them found by {@code safetensors} only and half by
   * {@code safetensor} only (several pages each), and threads where the queries disagree: a
   * question only "safe tensor" finds, one that says "safe tensors" (no query finds it: no
   * stemming), answers under one question id, a thread whose answer a former query finds.
   */
  private static FakeStackExchange posts(VirtualTime time, int bulk) {
    FakeStackExchange fake = new FakeStackExchange(time);
    for (int i = 0; i < bulk; i++) {
      fake.question(75_000_000L + i, T2023 + i * 60L, T2023 + (i * 7919L % bulk) * 3600,
          "How to load " + (i % 2 == 0 ? "safetensors" : "safetensor") + " file " + i);
    }
    return fake
        // Only "safe tensor" finds it.
        .question(70_000_001L, T2023 - 9000, T2023 + 500, "Is a safe tensor format faster?")
        // No query finds it: the search does not stem "tensors".
        .question(70_000_002L, T2023 - 8000, T2023 + 600, "Which safe tensors library?")
        // "safetensor" finds the question; "safetensors" its answer: one row, the question's first-query hit.
        .question(70_000_003L, T2023 - 7000, T2023 + 900, "The safetensor header is too large")
        .answer(70_000_003L, 70_100_001L, T2023 - 6000, T2023 + 900, "Upgrade safetensors to 0.4")
        // "safetensors" finds the question; "safetensor" (first) its answer: the answer's excerpt is the row.
        .question(70_000_004L, T2023 - 5000, T2023 + 1200, "Convert ckpt to safetensors")
        .answer(70_000_004L, 70_100_002L, T2023 - 4000, T2023 + 1100, "Each safetensor file has a JSON header")
        // Two answers match, the question does not: the most recently active answer is kept.
        .question(70_000_005L, T2023 - 3000, T2023 + 2000, "Loading a checkpoint is slow")
        .answer(70_000_005L, 70_100_003L, T2023 - 2900, T2023 + 1500, "Use safetensors instead")
        .answer(70_000_005L, 70_100_004L, T2023 - 2800, T2023 + 1900, "safetensors maps the file lazily")
        // Both "safe tensor" and "safetensors": the second query's excerpt, not the third's.
        .question(70_000_006L, T2023 - 2000, T2023 + 2500, "safe tensor or safetensors naming");
  }

  private MineStackOverflowPosts miner(MockWebServer server, Optional<LocalDate> since, Optional<LocalDate> until) {
    Endpoint endpoint = Service.STACK_EXCHANGE.endpoint(Map.of("STACKEXCHANGE_API_URL", server.url("/2.3").toString()));
    RetryPolicy policy = RetryPolicy.standard().withSleeper(time.sleeper());
    StackExchangeClient client = new StackExchangeClient(
        HttpClients.create(endpoint, policy, time.clock()), endpoint, Optional.empty(), policy, time.clock());
    return new MineStackOverflowPosts(client, endpoint, MineStackOverflowPosts.QUERIES, since, until, time.clock());
  }

  private RunManifest mine(FakeStackExchange fake, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(fake);
      server.start();
      return miner(server, Optional.empty(), Optional.empty()).mine(out, progress);
    }
  }

  /** The study's table, row by row: the same question, the same hit (question or answer), the same excerpt. */
  private static void assertStudysTable(FakeStackExchange fake, Path table) throws IOException {
    List<MinedPost> rows = PostTable.read(table);
    List<ObjectNode> expected = fake.studyTable(MineStackOverflowPosts.QUERIES);
    assertThat(rows).hasSameSizeAs(expected);
    for (int i = 0; i < rows.size(); i++) {
      JsonNode content = MAPPER.readTree(rows.get(i).jsonContent());
      ObjectNode want = expected.get(i);
      assertThat(rows.get(i).url()).isEqualTo("https://stackoverflow.com/questions/" + want.get("question_id").asLong());
      for (String field : List.of("question_id", "item_type", "excerpt", "last_activity_date")) {
        assertThat(content.get(field).asText()).as(rows.get(i).url() + " " + field).isEqualTo(want.get(field).asText());
      }
      assertThat(content.path("answer_id").asText()).as(rows.get(i).url()).isEqualTo(want.path("answer_id").asText());
    }
  }

  @Test
  void oneRunGivesTheStudysTableOneRowPerQuestionFirstQueryFirst(@TempDir Path out) throws Exception {
    FakeStackExchange fake = posts(time);

    RunManifest manifest = mine(fake, out, Progress.silent());

    assertStudysTable(fake, out.resolve("stackoverflow-posts.csv"));
    assertThat(fake.requests).first().asString().contains("order=desc", "sort=activity", "q=safetensor&")
        .doesNotContain("fromdate", "todate");
    assertThat(fake.backoffViolations).hasValue(0);
    List<MinedPost> rows = PostTable.read(out.resolve("stackoverflow-posts.csv"));
    Map<String, String> hitOf = new HashMap<>();
    for (MinedPost row : rows) {
      JsonNode content = MAPPER.readTree(row.jsonContent());
      hitOf.put(row.url().substring(row.url().lastIndexOf('/') + 1),
          content.has("answer_id") ? "answer " + content.get("answer_id") : "question");
    }
    assertThat(hitOf).containsEntry("70000001", "question").doesNotContainKey("70000002")
        .containsEntry("70000003", "question").containsEntry("70000004", "answer 70100002")
        .containsEntry("70000005", "answer 70100004").containsEntry("70000006", "question");
    JsonNode both = MAPPER.readTree(rows.stream().filter(r -> r.url().endsWith("/70000006")).findFirst()
        .orElseThrow().jsonContent());
    assertThat(both.get("excerpt").asText()).as("the 'safe tensor' query's excerpt")
        .contains("<span class=\"highlight\">tensor</span>").doesNotContain("<span class=\"highlight\">safetensors</span>");
    MinedPost first = rows.get(0);
    assertThat(first.title()).as("decoded once").doesNotContain("&quot;", "&#39;").contains("\"", "isn't");
    assertThat(first.source()).isEqualTo("Stack Overflow");
    JsonNode content = MAPPER.readTree(first.jsonContent());
    assertThat(content.get("title").asText()).as("kept as received").contains("&quot;");
    assertThat(content.get("body_text").asText()).doesNotContain("&amp;", "<p>").contains("& more");
    assertThat(manifest.counts()).containsEntry("rows written", (long) rows.size())
        .containsEntry("duplicates removed", manifest.counts().get("search items") - rows.size());
  }

  @Test
  void everyMatchingPostIsKeptOnceInTheNamedSearchHitsTable(@TempDir Path out) throws Exception {
    FakeStackExchange fake = posts(time);

    mine(fake, out, Progress.silent());

    List<String> hits = new ArrayList<>();
    for (MinedPost row : PostTable.read(out.resolve(MineStackOverflowPosts.SEARCH_HITS + ".csv"))) {
      JsonNode content = MAPPER.readTree(row.jsonContent());
      hits.add(content.has("answer_id") ? "answer:" + content.get("answer_id").asLong()
          : "question:" + content.get("question_id").asLong());
      assertThat(row.url()).isEqualTo("https://stackoverflow.com/questions/" + content.get("question_id").asLong());
    }
    assertThat(hits).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        fake.searchHits(MineStackOverflowPosts.QUERIES));
    assertThat(hits.indexOf("question:70000005")).isLessThan(hits.indexOf("answer:70100003"));
  }

  @Test
  void underThirtyPercentSeededFaultsOneRunWritesTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    mine(posts(time, 2000), dir.resolve("clean"), Progress.silent());
    SeededFaults faults = SeededFaults.all(11, 0.30);
    FakeStackExchange fake = posts(time, 2000).withFaults(faults);

    mine(fake, dir.resolve("faulty"), Progress.silent());

    for (String table : List.of("stackoverflow-posts.csv", MineStackOverflowPosts.SEARCH_HITS + ".csv")) {
      assertThat(Files.mismatch(dir.resolve("clean").resolve(table), dir.resolve("faulty").resolve(table)))
          .as(table + ": first differing byte").isEqualTo(-1L);
    }
    assertStudysTable(fake, dir.resolve("faulty/stackoverflow-posts.csv"));
    assertThat(faults.served()).containsOnlyKeys(SeededFaults.Kind.values());
    assertThat(fake.backoffViolations).hasValue(0);
  }

  @Test
  void runsKilledUnderFaultsResumeWithoutRefetchingAndWriteTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    FakeStackExchange cleanFake = posts(time);
    mine(cleanFake, dir.resolve("clean"), Progress.silent());
    FakeStackExchange fake = posts(time).withFaults(SeededFaults.all(5, 0.30));
    Path out = dir.resolve("resumed");

    for (int crashAt : new int[] {1, 2}) {
      assertThatThrownBy(() -> mine(fake, out, new CrashingProgress(crashAt))).isInstanceOf(CrashingProgress.Crash.class);
    }
    RunManifest resumed = mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/stackoverflow-posts.csv"), out.resolve("stackoverflow-posts.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertThat(resumed.counts().get("pages already done")).isGreaterThanOrEqualTo(2L);
    assertThat(resumed.counts().get("pages already done") + resumed.counts().get("pages fetched"))
        .isEqualTo(cleanFake.requests.size());
    List<String> keys = JournalKeys.of(out.resolve("stackoverflow-posts.journal/pages.jsonl"));
    assertThat(keys).doesNotHaveDuplicates().hasSize(cleanFake.requests.size());
  }

  @Test
  void anExhaustedDailyQuotaStopsTheRunAndARerunFinishesIt(@TempDir Path dir) throws Exception {
    mine(posts(time), dir.resolve("clean"), Progress.silent());
    FakeStackExchange fake = posts(time).exhaustQuotaAt(3);
    Path out = dir.resolve("resumed");

    assertThatThrownBy(() -> mine(fake, out, Progress.silent()))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.requestedWait()).isEqualTo(Duration.ofSeconds(43200)));
    assertThat(out.resolve("stackoverflow-posts.csv")).doesNotExist();
    RunManifest resumed = mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/stackoverflow-posts.csv"), out.resolve("stackoverflow-posts.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertThat(resumed.counts()).containsEntry("pages already done", 3L);
  }

  @Test
  void aWindowIsSentOnlyWhenAsked(@TempDir Path out) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String plan = miner(server, Optional.empty(), Optional.empty()).plan(out);
      assertThat(plan).contains("queries, in order: safetensor | safe tensor | safetensors", "created: any day .. any day",
          "order=desc&sort=activity", "stackoverflow-search-hits.csv");
      MineStackOverflowPosts windowed = miner(server, Optional.of(LocalDate.parse("2023-01-01")),
          Optional.of(LocalDate.parse("2023-12-31")));
      assertThat(windowed.searches()).allSatisfy(s -> {
        assertThat(s.from()).hasValue(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(s.to()).hasValue(Instant.parse("2024-01-01T00:00:00Z"));
      });
      assertThat(server.getRequestCount()).isZero();
    }
  }
}
