package org.modelevolution.mining;

import org.modelevolution.github.GitHubClient;
import org.modelevolution.github.SearchPacer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;
import org.modelevolution.progress.Progress;
import org.modelevolution.testing.CrashingProgress;

class MineGitHubPullRequestsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate SINCE = LocalDate.parse("2023-05-01");
  private static final LocalDate UNTIL = LocalDate.parse("2023-06-30");
  private static final Pattern CREATED = Pattern.compile("created:(\\S+)\\.\\.(\\S+)");

  /** 1,200 PRs in three days of May, 1,010 in one day, 1,005 in one hour, bots and a drifting duplicate. */
  private static FakeGitHub crowdedPeriod() {
    FakeGitHub github = new FakeGitHub()
        .spread(1_000_000, 1200, Instant.parse("2023-05-01T00:00:00Z"), Instant.parse("2023-05-04T00:00:00Z"))
        .spread(2_000_000, 1010, Instant.parse("2023-05-20T00:00:00Z"), Instant.parse("2023-05-21T00:00:00Z"))
        .spread(3_000_000, 1005, Instant.parse("2023-06-10T05:00:00Z"), Instant.parse("2023-06-10T06:00:00Z"))
        .add(42, Instant.parse("2023-05-25T10:00:00Z"), "renovate-bot", "User")
        .add(43, Instant.parse("2023-06-02T10:00:00Z"), "dependabot[bot]", "Bot")
        .add(44, Instant.parse("2023-06-03T10:00:00Z"), "octo-dev", "User");
    // The same PR seen in two windows (total_count drifts while a crawl runs): kept once.
    github.add(45, Instant.parse("2023-05-26T10:00:00Z"), "octo-dev", "User");
    github.add(45, Instant.parse("2023-06-05T10:00:00Z"), "octo-dev", "User");
    return github;
  }

  private static MineGitHubPullRequests miner(MockWebServer server) {
    Endpoint endpoint = Service.GITHUB.endpoint(Map.of("GITHUB_API_URL", server.url("/").toString()));
    RetryPolicy policy = RetryPolicy.none().withSleeper(d -> {});
    GitHubClient client = new GitHubClient(HttpClients.create(endpoint, policy, CLOCK), endpoint, SearchPacer.none(), policy);
    return new MineGitHubPullRequests(client, endpoint, SINCE, UNTIL, CLOCK);
  }

  private static RunManifest mine(FakeGitHub github, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(github);
      server.start();
      return miner(server).mine(out, progress);
    }
  }

  @Test
  void splitsCrowdedWindowsUntilEveryPartIsUnderTheCapAndKeepsEachPullRequestOnce(@TempDir Path out) throws Exception {
    FakeGitHub github = crowdedPeriod();

    RunManifest manifest = mine(github, out, Progress.silent());

    // Every window answered above the cap was split, except the one-hour window that cannot be.
    for (int i = 0; i < github.searchQueries.size(); i++) {
      if (github.totalCountsServed.get(i) > 1000) {
        Matcher m = CREATED.matcher(github.searchQueries.get(i));
        assertThat(m.find()).isTrue();
        boolean oneHour = m.group(1).equals("2023-06-10T05:00:00Z") && m.group(2).equals("2023-06-10T05:59:59Z");
        String query = github.searchQueries.get(i);
        boolean splitLater = github.searchQueries.subList(i + 1, github.searchQueries.size()).stream()
            .anyMatch(q -> q.contains("created:" + m.group(1)) && !q.equals(query));
        assertThat(oneHour || splitLater).as(github.searchQueries.get(i)).isTrue();
      }
    }
    assertThat(github.searchQueries).allMatch(q -> q.startsWith(MineGitHubPullRequests.TERMS + " is:pr is:closed created:"));
    assertThat(github.searchQueries).anyMatch(q -> q.endsWith("created:2023-05-20T00:00:00Z..2023-05-20T11:59:59Z"));
    assertThat(manifest.counts()).containsEntry("windows above cap", 1L)
        .containsEntry("bot pull requests excluded", 2L);
    assertThat(manifest.errors()).singleElement().asString()
        .contains("2023-06-10T05:00:00Z..2023-06-10T06:00:00Z", "1005", "first 1,000");

    List<MinedPost> rows = PostTable.read(out.resolve("github-prs.csv"));
    assertThat(rows).hasSize(1200 + 1010 + 1000 + 2);
    Set<Long> ids = new HashSet<>();
    long previous = -1;
    for (MinedPost row : rows) {
      JsonNode content = MAPPER.readTree(row.jsonContent());
      long id = content.get("id").asLong();
      assertThat(ids.add(id)).as("id %d once", id).isTrue();
      assertThat(id).isGreaterThan(previous);
      previous = id;
      assertThat(row.source()).isEqualTo("GitHub");
      assertThat(row.url()).isEqualTo(content.get("html_url").asText());
      assertThat(row.title()).isEqualTo(content.get("title").asText());
      assertThat(content.get("conversation")).hasSize(content.get("comments").asInt() == 0 ? 0 : 1);
      assertThat(content.get("user").get("login").asText()).doesNotContain("bot");
    }
    assertThat(ids).contains(44L, 45L).doesNotContain(42L, 43L);
    assertThat(github.commentRequests.values()).allMatch(n -> n == 1);
    assertThat(RunManifest.read(out.resolve("github-prs.manifest.json")).finishedAt()).isNotNull();
  }

  @Test
  void aRunKilledTwiceAndResumedWritesExactlyTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    FakeGitHub cleanServer = crowdedPeriod();
    mine(cleanServer, dir.resolve("clean"), Progress.silent());

    FakeGitHub github = crowdedPeriod();
    Path out = dir.resolve("resumed");
    assertThatThrownBy(() -> mine(github, out, new CrashingProgress(5))).isInstanceOf(CrashingProgress.Crash.class);
    assertThat(out.resolve("github-prs.csv")).doesNotExist();
    assertThat(RunManifest.read(out.resolve("github-prs.manifest.json")).finishedAt()).isNull();
    int windowsSearchedBeforeCrash = github.searchQueries.size();
    assertThatThrownBy(() -> mine(github, out, new CrashingProgress(40))).isInstanceOf(CrashingProgress.Crash.class);
    mine(github, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/github-prs.csv"), out.resolve("github-prs.csv"))).as("first differing byte").isEqualTo(-1L);
    assertThat(windowsSearchedBeforeCrash).isPositive();
    // Nothing finished before a crash was fetched again: same requests as the clean run.
    assertThat(github.searchQueries).hasSameSizeAs(cleanServer.searchQueries);
    assertThat(github.commentRequests).isEqualTo(cleanServer.commentRequests);
    List<String> journal = Files.readAllLines(out.resolve("github-prs.journal/comments.jsonl"));
    assertThat(journal.stream().map(l -> l.substring(0, l.indexOf(",\"value\""))).distinct()).hasSameSizeAs(journal);
  }

  @Test
  void dryRunPlanNamesTheMonthlyWindows(@TempDir Path out) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String plan = miner(server).plan(out);
      assertThat(plan).contains("created:2023-05-01..2023-05-31", "created:2023-06-01..2023-06-30", "(anonymous)");
      assertThat(server.getRequestCount()).isZero();
    }
  }
}
