package org.modelevolution.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelevolution.testing.HttpFixtures.json;
import static org.modelevolution.testing.HttpFixtures.jsonBody;
import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.testing.HttpFixtures;

class DiscussionsClientTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HubRepo MODEL = HubRepo.model("acme-lab/tiny-bert-sst2");

  private final MockWebServer server = new MockWebServer();
  private final List<Duration> waits = new ArrayList<>();
  private DiscussionsClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString()));
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_715_000_000), ZoneOffset.UTC);
    client = new DiscussionsClient(
        HttpClients.create(endpoint, RetryPolicy.standard().withSleeper(waits::add), clock), endpoint,
        RetryPolicy.none()); // one answer per enqueued fixture: a malformed body is not fetched again here
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsAListPageWithADeletedAuthorAndBodyPagination() throws Exception {
    server.enqueue(json("hub/discussions-list.json"));

    DiscussionPage page = client.page(MODEL, DiscussionQuery.all(), 0);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/models/acme-lab/tiny-bert-sst2/discussions");
    assertThat(request.getUrl().queryParameter("p")).isEqualTo("0");
    assertThat(request.getUrl().queryParameter("type")).isEqualTo("all");
    assertThat(request.getUrl().queryParameter("status")).isEqualTo("all");
    assertThat(page.count()).isEqualTo(5);
    assertThat(page.start()).isZero();
    assertThat(page.numClosedDiscussions()).hasValue(3);
    assertThat(page.hasNext()).as("start 0 + 2 items < count 5").isTrue();
    assertThat(page.discussions()).extracting(Discussion::num).containsExactly(4, 2);
    Discussion pr = page.discussions().get(0);
    assertThat(pr.pullRequest()).isTrue();
    assertThat(pr.status()).isEqualTo("merged");
    assertThat(pr.authorName()).isEqualTo("SFconvertbot");
    assertThat(pr.createdAt()).isEqualTo(Instant.parse("2024-09-30T14:02:31Z"));
    Discussion orphan = page.discussions().get(1);
    assertThat(orphan.author()).isEmpty();
    assertThat(orphan.authorName()).isEqualTo("deleted");
    assertThat(orphan.status()).isEqualTo("closed");
  }

  @Test
  void listFollowsPagesUntilStartPlusSizeReachesCountForASpace() throws Exception {
    HubRepo space = HubRepo.parse("spaces/safetensors/convert");
    server.enqueue(jsonBody(200, listPage(0, 5, 4, 2)));
    server.enqueue(jsonBody(200, listPage(2, 5, 3, 1)));
    server.enqueue(jsonBody(200, listPage(4, 5, 0)));

    List<Discussion> all = client.list(space, DiscussionQuery.all().withStatus(DiscussionQuery.Status.CLOSED)
        .withType(DiscussionQuery.Type.PULL_REQUEST).byAuthor("SFconvertbot"));

    assertThat(all).extracting(Discussion::num).containsExactly(4, 2, 3, 1, 0);
    for (int p = 0; p < 3; p++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/spaces/safetensors/convert/discussions");
      assertThat(request.getUrl().queryParameter("p")).isEqualTo(Integer.toString(p));
      assertThat(request.getUrl().queryParameter("status")).isEqualTo("closed");
      assertThat(request.getUrl().queryParameter("type")).isEqualTo("pull_request");
      assertThat(request.getUrl().queryParameter("author")).isEqualTo("SFconvertbot");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void readsDetailsWithCommentCommitStatusEventsAndADeletedCommenter() throws Exception {
    server.enqueue(json("hub/discussion-details-merged-pr.json"));

    DiscussionDetails pr = client.details(MODEL, 4, true);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/models/acme-lab/tiny-bert-sst2/discussions/4");
    assertThat(request.getUrl().queryParameter("diff")).isEqualTo("1");
    assertThat(pr.id()).isEqualTo("66fa9b8c7d6e5f4a3b2c1d0e");
    assertThat(pr.num()).isEqualTo(4);
    assertThat(pr.repo()).isEqualTo(MODEL);
    assertThat(pr.pullRequest()).isTrue();
    assertThat(pr.status()).isEqualTo("merged");
    assertThat(pr.authorName()).isEqualTo("SFconvertbot");
    assertThat(pr.filesWithConflicts()).hasValueSatisfying(f -> {
      assertThat(f.unlisted()).isFalse();
      assertThat(f.any()).isFalse();
    });
    assertThat(pr.changes()).hasValueSatisfying(c -> {
      assertThat(c.base()).isEqualTo("refs/heads/main");
      assertThat(c.mergeCommitId()).hasValue("7f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b");
      assertThat(c.headCommitId()).isEmpty();
    });
    assertThat(pr.diff()).hasValueSatisfying(d -> assertThat(d).startsWith("diff --git a/model.safetensors"));
    assertThat(pr.events()).extracting(DiscussionEvent::type)
        .containsExactly("comment", "commit", "comment", "status-change");
    DiscussionEvent.Comment opening = pr.firstComment().orElseThrow();
    assertThat(opening.raw()).startsWith(
        "This is an automated PR created with https://huggingface.co/spaces/safetensors/convert");
    assertThat(pr.events().get(1)).isEqualTo(new DiscussionEvent.Commit("66fa9b8c7d6e5f4a3b2c1d10",
        Instant.parse("2024-09-30T14:02:33Z"), pr.author(),
        "Adding `safetensors` variant of this model", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"));
    DiscussionEvent.Comment orphan = pr.comments().get(1);
    assertThat(orphan.author()).isEmpty();
    assertThat(orphan.authorName()).isEqualTo("deleted");
    assertThat(orphan.edited()).isTrue();
    assertThat(orphan.reactions()).containsExactly(new DiscussionEvent.Reaction("👀", 1, List.of("jdoe")));
    DiscussionEvent.StatusChange merged = (DiscussionEvent.StatusChange) pr.events().get(3);
    assertThat(merged.status()).isEqualTo("merged");
    assertThat(merged.authorName()).isEqualTo("jdoe");
    assertThat(pr.json()).isEqualTo(text("hub/discussion-details-merged-pr.json"));
  }

  @Test
  void keepsUnlistedConflictsHiddenCommentsAndUnknownEventTypes() throws Exception {
    ObjectNode body = (ObjectNode) MAPPER.readTree(text("hub/discussion-details-merged-pr.json"));
    body.set("filesWithConflicts", BooleanNode.TRUE);
    body.put("status", "open");
    ((ObjectNode) body.get("changes")).remove("mergeCommitId");
    ArrayNode events = (ArrayNode) body.get("events");
    ObjectNode hidden = (ObjectNode) events.get(2).get("data");
    hidden.put("hidden", true);
    hidden.put("hiddenBy", "jdoe");
    hidden.put("hiddenReason", "Spam");
    events.remove(3);
    events.addObject().put("id", "66fd0f1e2d3c4b5a69788797").put("type", "pinning-change")
        .put("createdAt", "2024-10-03T08:15:10.000Z").putObject("data").put("pinned", true);
    server.enqueue(jsonBody(200, body.toString()));

    DiscussionDetails pr = client.details(MODEL, 4);

    assertThat(server.takeRequest().getUrl().queryParameter("diff")).isNull();
    assertThat(pr.filesWithConflicts()).hasValue(new FilesWithConflicts(true, List.of()));
    assertThat(pr.filesWithConflicts().orElseThrow().any()).isTrue();
    assertThat(pr.changes().orElseThrow().mergeCommitId()).isEmpty();
    DiscussionEvent.Comment hiddenComment = pr.comments().get(1);
    assertThat(hiddenComment.hidden()).isTrue();
    assertThat(hiddenComment.hiddenBy()).hasValue("jdoe");
    assertThat(hiddenComment.hiddenReason()).hasValue("Spam");
    DiscussionEvent.Other pinning = (DiscussionEvent.Other) pr.events().get(3);
    assertThat(pinning.type()).isEqualTo("pinning-change");
    assertThat(pinning.author()).isEmpty();
    assertThat(pinning.data()).isEqualTo("{\"pinned\":true}");
  }

  @Test
  void aMissingRepositoryIsReportedWithTheHubErrorCode() {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("X-Error-Code", "RepoNotFound")
        .addHeader("X-Error-Message", "Repository not found").body("{\"error\":\"Repository not found\"}").build());

    assertThatThrownBy(() -> client.details(MODEL, 99))
        .isInstanceOfSatisfying(HubException.class, e -> {
          assertThat(e.reason()).isEqualTo(HubException.Reason.NOT_VISIBLE);
          assertThat(e.getMessage()).contains("404", "RepoNotFound", "Repository not found");
        });
  }

  @Test
  void waitsOutA429ThenReadsThePage() throws Exception {
    server.enqueue(HttpFixtures.http("hub/rate-limit-429.http"));
    server.enqueue(json("hub/discussions-list.json"));

    assertThat(client.page(MODEL, DiscussionQuery.all(), 0).discussions()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(138));
  }

  @Test
  void truncatedJsonIsAClearError() {
    server.enqueue(jsonBody(200, text("hub/discussion-details-merged-pr.json").substring(0, 500)));

    assertThatThrownBy(() -> client.details(MODEL, 4))
        .isInstanceOfSatisfying(HubException.class,
            e -> assertThat(e.reason()).isEqualTo(HubException.Reason.MALFORMED_RESPONSE))
        .hasMessageContaining("malformed");
  }

  /** The list fixture re-numbered as a page starting at {@code start} with the given numbers. */
  static String listPage(int start, int count, int... nums) throws IOException {
    ObjectNode body = (ObjectNode) MAPPER.readTree(text("hub/discussions-list.json"));
    ArrayNode template = (ArrayNode) body.get("discussions");
    ArrayNode discussions = MAPPER.createArrayNode();
    for (int i = 0; i < nums.length; i++) {
      ObjectNode d = template.get(i % template.size()).deepCopy();
      d.put("num", nums[i]);
      d.put("title", "Discussion " + nums[i]);
      discussions.add(d);
    }
    body.set("discussions", discussions);
    body.put("start", start);
    body.put("count", count);
    return body.toString();
  }
}
