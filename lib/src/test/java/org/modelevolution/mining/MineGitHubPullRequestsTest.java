package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.github.CreatedRange;
import org.modelevolution.github.GitHubClient;
import org.modelevolution.github.SearchPacer;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.io.Journal;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;
import org.modelevolution.progress.Progress;
import org.modelevolution.testing.CrashingProgress;
import org.modelevolution.testing.VirtualTime;

class MineGitHubPullRequestsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
  /** The study's four-month window holding the crowded day. */
  private static final String CROWDED_WINDOW = "created:2023-01-01..2023-05-01";

  private final VirtualTime time = new VirtualTime(START);

  /**
   * Pull requests in every study window and outside the dated ones (2019, 2025), on a day two
   * windows share, 1,311 on one day, a thread of 250 comments; issues, open PRs, PRs without the
   * terms or with "safe tensors" (no stemming: no match), "SafeTensor" (a match), bots by type and
   * by login, a person called "renovate" and a deleted account.
   */
  private static FakeGitHub studyPeriod(VirtualTime time) {
    FakeGitHub github = new FakeGitHub(time)
        .spread(1_000_000, 1311, Instant.parse("2023-03-14T00:00:00Z"), Instant.parse("2023-03-15T00:00:00Z"));
    LocalDate day = LocalDate.parse("2020-02-10");
    for (int i = 0; day.isBefore(LocalDate.parse("2024-09-01")); i++, day = day.plusDays(37)) {
      github.pr(2_000_000 + i, day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * (i % 24)));
    }
    return github
        .pr(3_000_001, Instant.parse("2019-06-01T10:00:00Z"))
        .pr(3_000_002, Instant.parse("2012-01-05T10:00:00Z"))
        .pr(3_000_003, Instant.parse("2020-05-01T12:00:00Z"))
        .pr(3_000_004, Instant.parse("2024-09-01T23:00:00Z"))
        .pr(3_000_005, Instant.parse("2024-09-02T00:00:00Z"))
        .pr(3_000_006, Instant.parse("2025-02-01T08:00:00Z"))
        .add(3_000_007, Instant.parse("2023-07-01T10:00:00Z"), "octo-dev", "User", "Convert to safetensors", true,
            "closed", 250)
        .add(3_000_008, Instant.parse("2023-07-02T10:00:00Z"), "octo-dev", "User", "Why safetensors?", false, "closed", 0)
        .add(3_000_009, Instant.parse("2023-07-03T10:00:00Z"), "octo-dev", "User", "Add safetensors", true, "open", 0)
        .add(3_000_010, Instant.parse("2023-07-04T10:00:00Z"), "octo-dev", "User", "Bump numpy", true, "closed", 0)
        .add(3_000_011, Instant.parse("2023-07-05T10:00:00Z"), "octo-dev", "User", "Use safe tensors", true, "closed", 0)
        .add(3_000_012, Instant.parse("2023-07-06T10:00:00Z"), "octo-dev", "User", "Save as a SafeTensor", true,
            "closed", 1)
        .add(3_000_013, Instant.parse("2023-07-07T10:00:00Z"), "octo-dev", "User", "A safe tensor format", true,
            "closed", 0)
        .add(3_000_014, Instant.parse("2023-07-08T10:00:00Z"), "dependabot[bot]", "Bot", "Bump safetensors", true,
            "closed", 0)
        .add(3_000_015, Instant.parse("2023-07-09T10:00:00Z"), "greenkeeperio-bot", "User", "Update safetensors",
            true, "closed", 0)
        .add(3_000_016, Instant.parse("2023-07-10T10:00:00Z"), "renovate", "User", "Pin safetensors", true,
            "closed", 0)
        .add(3_000_017, Instant.parse("2023-07-11T10:00:00Z"), null, null, "Load safetensors lazily", true,
            "closed", 2);
  }

  private MineGitHubPullRequests miner(MockWebServer server, Optional<LocalDate> since) {
    Endpoint endpoint = Service.GITHUB.endpoint(Map.of("GITHUB_API_URL", server.url("/").toString()));
    RetryPolicy policy = RetryPolicy.standard().withSleeper(time.sleeper());
    GitHubClient client = new GitHubClient(HttpClients.create(endpoint, policy, time.clock()), endpoint,
        new SearchPacer(SearchPacer.RECOMMENDED_GAP, time.clock(), time.sleeper()), policy);
    return new MineGitHubPullRequests(client, endpoint, since, Optional.empty(), time.clock());
  }

  private RunManifest mine(FakeGitHub github, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(github);
      server.start();
      return miner(server, Optional.empty()).mine(out, progress);
    }
  }

  /** The table holds exactly the study's pull requests, each once, with every comment. */
  private static void assertStudysTable(FakeGitHub github, Path table) throws IOException {
    List<MinedPost> rows = PostTable.read(table);
    Set<Long> ids = new HashSet<>();
    List<String> urls = new ArrayList<>();
    for (MinedPost row : rows) {
      JsonNode content = MAPPER.readTree(row.jsonContent());
      assertThat(ids.add(content.get("id").asLong())).as("id %s once", content.get("id")).isTrue();
      assertThat(row.source()).isEqualTo("GitHub");
      assertThat(row.url()).isEqualTo(content.get("html_url").asText());
      assertThat(row.title()).isEqualTo(content.get("title").asText());
      assertThat(content.get("conversation")).as(row.url()).hasSize(github.commentsOf(row.url()));
      urls.add(row.url());
    }
    assertThat(urls).hasSameSizeAs(new TreeSet<>(urls));
    assertThat(new TreeSet<>(urls)).isEqualTo(github.studyPullRequestUrls());
  }

  @Test
  void oneRunOverTheStudysWindowsGivesTheStudysPullRequests(@TempDir Path out) throws Exception {
    FakeGitHub github = studyPeriod(time);

    RunManifest manifest = mine(github, out, Progress.silent());

    assertStudysTable(github, out.resolve("github-prs.csv"));
    assertThat(github.studyPullRequestUrls())
        .contains("https://github.com/acme/vision-kit/pull/3000002", "https://github.com/acme/vision-kit/pull/3000006",
            "https://github.com/acme/vision-kit/pull/3000012", "https://github.com/acme/vision-kit/pull/3000013",
            "https://github.com/acme/vision-kit/pull/3000016", "https://github.com/acme/vision-kit/pull/3000017")
        .doesNotContain("https://github.com/acme/vision-kit/pull/3000011", "https://github.com/acme/vision-kit/pull/3000015");
    // The study's sixteen windows, exactly as it wrote them, in order; a crowded one is split in between.
    List<String> qualifiers = github.searchQueries.stream().map(q -> q.substring(q.indexOf("created:"))).toList();
    List<String> study = MineGitHubPullRequests.STUDY_WINDOWS.stream().map(CreatedRange::qualifier).toList();
    assertThat(qualifiers).containsSubsequence(study);
    assertThat(study).hasSize(16).startsWith("created:<2020-01-01", "created:2020-01-01..2020-05-01")
        .endsWith("created:2024-05-01..2024-09-01", "created:>2024-09-01");
    assertThat(github.searchQueries).allMatch(q -> q.startsWith(MineGitHubPullRequests.TERMS + " is:pr is:closed created:"));
    assertThat(github.searchQueries).anyMatch(q -> q.endsWith("created:2023-03-14T00:00:00Z..2023-03-14T11:59:59Z"));
    assertThat(github.spacingViolations).hasValue(0);
    assertThat(manifest.errors()).isEmpty();
    assertThat(manifest.counts()).containsEntry("bot pull requests excluded", 2L);
    // Three comment pages for the long thread, one for the others with comments.
    assertThat(github.commentRequests).containsKey("/repos/acme/vision-kit/issues/3000007/comments?page=3");
    assertThat(github.commentRequests.values()).allMatch(n -> n == 1);
  }

  @Test
  void underThirtyPercentSeededFaultsOneRunWritesTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    mine(studyPeriod(time), dir.resolve("clean"), Progress.silent());
    SeededFaults faults = SeededFaults.all(21, 0.30);
    FakeGitHub github = studyPeriod(time).withFaults(faults);

    RunManifest manifest = mine(github, dir.resolve("faulty"), Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/github-prs.csv"), dir.resolve("faulty/github-prs.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertStudysTable(github, dir.resolve("faulty/github-prs.csv"));
    assertThat(faults.served()).containsOnlyKeys(SeededFaults.Kind.values());
    assertThat(github.incompleteServed.get()).isPositive();
    assertThat(github.spacingViolations).hasValue(0);
    assertThat(manifest.errors()).isEmpty();
  }

  @Test
  void runsKilledUnderFaultsResumeToTheCleanRunsBytesWithoutDuplicates(@TempDir Path dir) throws Exception {
    mine(studyPeriod(time), dir.resolve("clean"), Progress.silent());
    FakeGitHub github = studyPeriod(time).withFaults(SeededFaults.all(7, 0.30));
    Path out = dir.resolve("resumed");

    for (int crashAt : new int[] {5, 12, 30}) {
      assertThatThrownBy(() -> mine(github, out, new CrashingProgress(crashAt)))
          .isInstanceOf(CrashingProgress.Crash.class);
      assertThat(out.resolve("github-prs.csv")).doesNotExist();
    }
    mine(github, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/github-prs.csv"), out.resolve("github-prs.csv")))
        .as("first differing byte").isEqualTo(-1L);
    for (String checkpoint : List.of("windows", "comments")) {
      List<String> keys = JournalKeys.of(out.resolve("github-prs.journal/" + checkpoint + ".jsonl"));
      assertThat(keys).as(checkpoint).doesNotHaveDuplicates();
    }
  }

  @Test
  void anIncompleteAnswerIsAskedAgainAndNeverDecidesASplit(@TempDir Path dir) throws Exception {
    // Incomplete, the crowded window claims 1/3 of its matches: under the cap, so trusting it would keep 1,000 at most.
    FakeGitHub github = studyPeriod(time).incomplete(CROWDED_WINDOW, 2);

    mine(github, dir, Progress.silent());

    assertThat(github.incompleteServed).hasValue(2);
    assertStudysTable(github, dir.resolve("github-prs.csv"));
    assertThat(github.searchQueries).anyMatch(q -> q.endsWith("created:2023-03-14T12:00:00Z..2023-03-14T23:59:59Z"));
  }

  @Test
  void aWindowIncompleteThroughEveryRetryIsNotRecordedAndARerunFinishesIt(@TempDir Path dir) throws Exception {
    mine(studyPeriod(time), dir.resolve("clean"), Progress.silent());
    FakeGitHub github = studyPeriod(time).incomplete(CROWDED_WINDOW, 6);
    Path out = dir.resolve("stuck");

    assertThatThrownBy(() -> mine(github, out, Progress.silent()))
        .isInstanceOf(IOException.class).hasMessageContaining(CROWDED_WINDOW).hasMessageContaining("rerun");
    assertThat(out.resolve("github-prs.csv")).doesNotExist();
    String crowdedKey = new CreatedRange(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2023-05-02T00:00:00Z")).key();
    assertThat(Files.readString(out.resolve("github-prs.journal/windows.jsonl"))).doesNotContain(crowdedKey)
        .contains(STUDY_LAST_KEY);
    mine(github, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/github-prs.csv"), out.resolve("github-prs.csv")))
        .as("first differing byte").isEqualTo(-1L);
  }

  private static final String STUDY_LAST_KEY = MineGitHubPullRequests.STUDY_WINDOWS.get(15).key();

  @Test
  void aWindowCheckpointedIncompleteByAnEarlierVersionIsSearchedAgain(@TempDir Path dir) throws Exception {
    mine(studyPeriod(time), dir.resolve("clean"), Progress.silent());
    Path out = dir.resolve("stuck");
    // What the earlier miner left: the crowded window, never split, "above the cap at the smallest window".
    String crowdedKey = MineGitHubPullRequests.STUDY_WINDOWS.get(10).key();
    try (Journal<MineGitHubPullRequests.WindowResult> journal =
        Journal.open(out.resolve("github-prs.journal/windows.jsonl"), MineGitHubPullRequests.WindowResult.class)) {
      journal.record(crowdedKey, new MineGitHubPullRequests.WindowResult(1400, false, true, true, List.of()));
    }
    FakeGitHub github = studyPeriod(time);

    RunManifest manifest = mine(github, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/github-prs.csv"), out.resolve("github-prs.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertThat(manifest.errors()).isEmpty();
    assertThat(github.searchQueries).anyMatch(q -> q.endsWith(CROWDED_WINDOW));
  }

  @Test
  void aSecondaryLimitRightAfterARetryIsWaitedOutAndTheNextSearchesStayPaced(@TempDir Path dir) throws Exception {
    FakeGitHub github = studyPeriod(time).secondaryLimitAt(3).withFaults(
        new SeededFaults(3, 0.3, List.of(SeededFaults.Kind.TOO_MANY_REQUESTS, SeededFaults.Kind.UNAVAILABLE)));

    mine(github, dir, Progress.silent());

    // Every search, retries included, left two seconds after the answer before it; the fake counts any that did not.
    assertThat(github.spacingViolations).hasValue(0);
    assertStudysTable(github, dir.resolve("github-prs.csv"));
  }

  @Test
  void sinceClipsTheStudysWindowsAndTheDryRunNamesThem(@TempDir Path out) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      MineGitHubPullRequests clipped = miner(server, Optional.of(LocalDate.parse("2022-09-01")));
      // The study's 2022-05-01..2022-09-01 holds the first of September too.
      assertThat(clipped.windows()).extracting(CreatedRange::qualifier)
          .startsWith("created:2022-09-01..2022-09-01", "created:2022-09-01..2023-01-01")
          .endsWith("created:>2024-09-01").hasSize(8);
      String plan = miner(server, Optional.empty()).plan(out);
      assertThat(plan).contains("initial windows: 16 (the study's): created:<2020-01-01, created:2020-01-01..2020-05-01",
          "created:2024-05-01..2024-09-01, created:>2024-09-01", "(anonymous)");
      assertThat(server.getRequestCount()).isZero();
    }
  }
}
