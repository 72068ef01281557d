package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;
import org.modelevolution.progress.Progress;
import org.modelevolution.testing.CrashingProgress;
import org.modelevolution.testing.VirtualTime;

class MineSpaceDiscussionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BASE = "/api/spaces/safetensors/convert/discussions";
  private static final int ENTRIES = 120;
  private static final int PAGE = 50;

  private final VirtualTime time = new VirtualTime(Instant.parse("2025-01-15T00:00:00Z"));

  /**
   * The conversion Space's list and details (api-reference 1.8, 1.9) over entries 1..120: pull
   * requests (every third number; merged, closed, open or draft) and discussions (open or closed),
   * listed {@value #PAGE} per page, newest first, filtered by {@code type} and {@code status}
   * (unless told to ignore the type); discussion 5 is deleted after listing, discussion 7's author
   * deleted their account. A seeded share of answers is spoiled ({@link SeededFaults}; the Hub's
   * own fault is a 429 with its {@code RateLimit} header).
   */
  static final class FakeSpace extends Dispatcher {
    final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final boolean ignoreType;
    private SeededFaults faults = SeededFaults.none();

    FakeSpace(boolean ignoreType) {
      this.ignoreType = ignoreType;
    }

    FakeSpace withFaults(SeededFaults seeded) {
      this.faults = seeded;
      return this;
    }

    static boolean isPullRequest(int num) {
      return num % 3 == 0;
    }

    static String status(int num) {
      return isPullRequest(num) ? List.of("merged", "closed", "open", "draft").get(num / 3 % 4)
          : num % 2 == 0 ? "open" : "closed";
    }

    /** The study's method: every entry of type discussion, open and closed, that still exists. */
    static List<Integer> studyDiscussions() {
      return IntStream.rangeClosed(1, ENTRIES).filter(n -> !isPullRequest(n) && n != 5).boxed().toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      requests.merge(request.getUrl().toString().replaceAll("^http://[^/]+", ""), 1, Integer::sum);
      Optional<SeededFaults.Kind> fault = faults.draw();
      if (fault.isPresent() && fault.get() == SeededFaults.Kind.SERVICE) {
        return new MockResponse.Builder().code(429).addHeader("RateLimit", "\"api\";r=0;t=1")
            .body("{\"error\":\"Too many requests\"}").build();
      }
      String body;
      if (path.equals(BASE)) {
        body = listPage(Integer.parseInt(request.getUrl().queryParameter("p")),
            ignoreType ? "all" : request.getUrl().queryParameter("type"), request.getUrl().queryParameter("status"));
      } else {
        int num = Integer.parseInt(path.substring(BASE.length() + 1));
        if (num == 5) {
          return new MockResponse.Builder().code(404).addHeader("X-Error-Code", "EntryNotFound")
              .body("{\"error\":\"Discussion not found\"}").build();
        }
        body = details(num);
      }
      Headers headers = new Headers.Builder().add("Content-Type", "application/json; charset=utf-8").build();
      return fault.isPresent() ? SeededFaults.spoil(fault.get(), headers, body, false)
          : SeededFaults.ok(headers, body, false);
    }

    private static String listPage(int p, String type, String status) {
      ObjectNode body = read("hub/discussions-list.json");
      ArrayNode template = (ArrayNode) body.get("discussions");
      List<Integer> selected = new ArrayList<>();
      for (int num = ENTRIES; num >= 1; num--) {
        boolean typeMatches = type.equals("all") || type.equals("pull_request") == isPullRequest(num);
        boolean statusMatches = status.equals("all") || status.equals("open") == status(num).equals("open");
        if (typeMatches && statusMatches) {
          selected.add(num);
        }
      }
      ArrayNode page = body.putArray("discussions");
      for (int num : selected.subList(Math.min(p * PAGE, selected.size()), Math.min((p + 1) * PAGE, selected.size()))) {
        ObjectNode d = template.get(isPullRequest(num) ? 0 : 1).deepCopy();
        d.put("num", num).put("status", status(num)).put("isPullRequest", isPullRequest(num))
            .put("title", (isPullRequest(num) ? "Adding `safetensors` variant " : "Conversion question ") + num);
        ((ObjectNode) d.get("repo")).put("name", "safetensors/convert").put("type", "space");
        page.add(d);
      }
      body.put("start", p * PAGE).put("count", selected.size());
      return body.toString();
    }

    private static String details(int num) {
      ObjectNode body = read("hub/discussion-details-merged-pr.json");
      body.put("num", num).put("isPullRequest", isPullRequest(num)).put("status", status(num))
          .put("title", (isPullRequest(num) ? "Adding `safetensors` variant " : "Conversion question ") + num);
      if (!isPullRequest(num)) {
        body.remove(List.of("diff", "diffUrl", "changes", "filesWithConflicts"));
      }
      if (num == 7) {
        body.remove("author");
      }
      ((ObjectNode) body.get("repo")).put("name", "safetensors/convert").put("type", "space");
      return body.toString();
    }
  }

  private RunManifest mine(FakeSpace fake, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(fake);
      server.start();
      Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString()));
      RetryPolicy policy = RetryPolicy.standard().withSleeper(time.sleeper());
      DiscussionsClient client = new DiscussionsClient(HttpClients.create(endpoint, policy, time.clock()), endpoint, policy);
      return new MineSpaceDiscussions(client, endpoint, MineSpaceDiscussions.CONVERSION_SPACE, time.clock())
          .mine(out, progress);
    }
  }

  private static void assertStudysTable(Path table) throws IOException {
    List<MinedPost> rows = PostTable.read(table);
    List<Integer> nums = new ArrayList<>();
    for (MinedPost row : rows) {
      JsonNode content = MAPPER.readTree(row.jsonContent());
      nums.add(content.get("num").asInt());
      assertThat(content.get("isPullRequest").asBoolean()).as(row.url()).isFalse();
      assertThat(row.url()).isEqualTo("https://huggingface.co/spaces/safetensors/convert/discussions/" + content.get("num"));
      assertThat(row.title()).isEqualTo("Conversion question " + content.get("num"));
      assertThat(content.get("events")).hasSize(4);
    }
    assertThat(nums).containsExactlyElementsOf(FakeSpace.studyDiscussions());
  }

  @Test
  void minesTheDiscussionsOfTypeDiscussionOpenAndClosedWithTheirEvents(@TempDir Path out) throws Exception {
    FakeSpace fake = new FakeSpace(false);

    RunManifest manifest = mine(fake, out, Progress.silent());

    assertStudysTable(out.resolve("hub-discussions.csv"));
    assertThat(fake.requests).containsKeys(BASE + "?p=0&type=discussion&status=all")
        .allSatisfy((url, n) -> assertThat(url).doesNotContain("type=all"));
    MinedPost seven = PostTable.read(out.resolve("hub-discussions.csv")).stream()
        .filter(r -> r.url().endsWith("/7")).findFirst().orElseThrow();
    assertThat(MAPPER.readTree(seven.jsonContent()).has("author")).as("deleted author kept as absent").isFalse();
    assertThat(manifest.errors()).singleElement().asString().startsWith("spaces/safetensors/convert#5: ").contains("HTTP 404");
    assertThat(manifest.counts()).containsEntry("discussions missing", 1L).doesNotContainKey("pull requests left out")
        .containsEntry("status open", FakeSpace.studyDiscussions().stream().filter(n -> n % 2 == 0).count())
        .containsEntry("status closed", FakeSpace.studyDiscussions().stream().filter(n -> n % 2 == 1).count());
  }

  @Test
  void pullRequestsAServerListsAnywayAreLeftOut(@TempDir Path out) throws Exception {
    RunManifest manifest = mine(new FakeSpace(true), out, Progress.silent());

    assertStudysTable(out.resolve("hub-discussions.csv"));
    assertThat(manifest.counts()).containsEntry("pull requests left out", (long) (ENTRIES / 3));
  }

  @Test
  void underThirtyPercentSeededFaultsOneRunWritesTheCleanRunsBytes(@TempDir Path dir) throws Exception {
    mine(new FakeSpace(false), dir.resolve("clean"), Progress.silent());
    SeededFaults faults = SeededFaults.all(4, 0.30);

    mine(new FakeSpace(false).withFaults(faults), dir.resolve("faulty"), Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/hub-discussions.csv"), dir.resolve("faulty/hub-discussions.csv")))
        .as("first differing byte").isEqualTo(-1L);
    assertStudysTable(dir.resolve("faulty/hub-discussions.csv"));
    assertThat(faults.served()).containsOnlyKeys(SeededFaults.Kind.values());
  }

  @Test
  void runsKilledUnderFaultsResumeWithNoLossAndNoDuplicates(@TempDir Path dir) throws Exception {
    mine(new FakeSpace(false), dir.resolve("clean"), Progress.silent());
    FakeSpace fake = new FakeSpace(false).withFaults(SeededFaults.all(9, 0.30));
    Path out = dir.resolve("resumed");

    for (int crashAt : new int[] {3, 6}) {
      assertThatThrownBy(() -> mine(fake, out, new CrashingProgress(crashAt))).isInstanceOf(CrashingProgress.Crash.class);
    }
    mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/hub-discussions.csv"), out.resolve("hub-discussions.csv")))
        .as("first differing byte").isEqualTo(-1L);
    for (String checkpoint : List.of("pages", "details")) {
      List<String> keys = JournalKeys.of(out.resolve("hub-discussions.journal/" + checkpoint + ".jsonl"));
      assertThat(keys).as(checkpoint).doesNotHaveDuplicates();
    }
  }

  private static ObjectNode read(String fixture) {
    try {
      return (ObjectNode) MAPPER.readTree(text(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
