package org.modelevolution.mining;

import org.modelevolution.perception.MinedPost;
import org.modelevolution.perception.PostTable;

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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.io.RunManifest;
import org.modelevolution.progress.Progress;
import org.modelevolution.testing.CrashingProgress;

class MineSpaceDiscussionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);
  private static final String BASE = "/api/spaces/safetensors/convert/discussions";

  /**
   * The conversion Space with discussions 1..7 (open and closed, number 5 deleted after listing),
   * listed three per page, newest first; bodies from the api-reference 1.8 and 1.9 examples.
   */
  static final class FakeSpace extends Dispatcher {
    final Map<String, Integer> requests = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      requests.merge(request.getUrl().toString().replaceAll("^http://[^/]+", ""), 1, Integer::sum);
      if (path.equals(BASE)) {
        int p = Integer.parseInt(request.getUrl().queryParameter("p"));
        return json(listPage(p));
      }
      int num = Integer.parseInt(path.substring(BASE.length() + 1));
      if (num == 5) {
        return new MockResponse.Builder().code(404).addHeader("X-Error-Code", "EntryNotFound")
            .body("{\"error\":\"Discussion not found\"}").build();
      }
      return json(details(num));
    }

    private static String listPage(int p) {
      ObjectNode body = read("hub/discussions-list.json");
      ArrayNode template = (ArrayNode) body.get("discussions");
      ArrayNode page = body.putArray("discussions");
      for (int num = 7 - 3 * p; num > Math.max(0, 4 - 3 * p); num--) {
        ObjectNode d = template.get(num % 2).deepCopy();
        d.put("num", num).put("status", num % 2 == 0 ? "open" : "closed");
        ((ObjectNode) d.get("repo")).put("name", "safetensors/convert").put("type", "space");
        page.add(d);
      }
      body.put("start", 3 * p).put("count", 7);
      return body.toString();
    }

    private static String details(int num) {
      ObjectNode body = read("hub/discussion-details-merged-pr.json");
      body.put("num", num).put("title", "Conversion question " + num).put("isPullRequest", false)
          .put("status", num % 2 == 0 ? "open" : "closed");
      body.remove(List.of("diff", "diffUrl", "changes", "filesWithConflicts"));
      ((ObjectNode) body.get("repo")).put("name", "safetensors/convert").put("type", "space");
      return body.toString();
    }
  }

  private static RunManifest mine(FakeSpace fake, Path out, Progress progress) throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(fake);
      server.start();
      Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString()));
      RetryPolicy policy = RetryPolicy.none();
      DiscussionsClient client = new DiscussionsClient(HttpClients.create(endpoint, policy, CLOCK), endpoint, policy);
      return new MineSpaceDiscussions(client, endpoint, MineSpaceDiscussions.CONVERSION_SPACE, CLOCK)
          .mine(out, progress);
    }
  }

  @Test
  void minesEveryOpenAndClosedDiscussionWithItsEvents(@TempDir Path out) throws Exception {
    FakeSpace fake = new FakeSpace();

    RunManifest manifest = mine(fake, out, Progress.silent());

    assertThat(fake.requests).containsKeys(BASE + "?p=0&type=all&status=all", BASE + "?p=1&type=all&status=all",
        BASE + "?p=2&type=all&status=all");
    List<MinedPost> rows = PostTable.read(out.resolve("hub-discussions.csv"));
    assertThat(rows).extracting(MinedPost::title).containsExactly(
        "Conversion question 1", "Conversion question 2", "Conversion question 3", "Conversion question 4",
        "Conversion question 6", "Conversion question 7");
    MinedPost row = rows.get(1);
    assertThat(row.source()).isEqualTo("Hugging Face");
    assertThat(row.url()).isEqualTo("https://huggingface.co/spaces/safetensors/convert/discussions/2");
    JsonNode content = MAPPER.readTree(row.jsonContent());
    assertThat(content.get("status").asText()).isEqualTo("open");
    assertThat(content.get("events")).hasSize(4);
    assertThat(content.get("events").get(2).has("author")).as("deleted commenter kept").isFalse();
    assertThat(manifest.errors()).singleElement().asString().startsWith("spaces/safetensors/convert#5: ").contains("HTTP 404");
    assertThat(manifest.counts()).containsEntry("discussions fetched", 6L).containsEntry("discussions missing", 1L)
        .containsEntry("status open", 3L).containsEntry("status closed", 3L);
  }

  @Test
  void aCrashedRunResumesWithNoLossAndNoDuplicates(@TempDir Path dir) throws Exception {
    mine(new FakeSpace(), dir.resolve("clean"), Progress.silent());

    FakeSpace fake = new FakeSpace();
    Path out = dir.resolve("resumed");
    assertThatThrownBy(() -> mine(fake, out, new CrashingProgress(3))).isInstanceOf(CrashingProgress.Crash.class);
    mine(fake, out, Progress.silent());

    assertThat(Files.mismatch(dir.resolve("clean/hub-discussions.csv"), out.resolve("hub-discussions.csv"))).as("first differing byte").isEqualTo(-1L);
    fake.requests.forEach((url, n) -> {
      if (!url.endsWith("/5")) {
        assertThat(n).as(url).isEqualTo(1);
      }
    });
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  private static ObjectNode read(String fixture) {
    try {
      return (ObjectNode) MAPPER.readTree(text(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
