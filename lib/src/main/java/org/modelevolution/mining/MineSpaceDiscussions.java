package org.modelevolution.mining;

import org.modelevolution.perception.MinedPost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.modelevolution.hub.Discussion;
import org.modelevolution.hub.DiscussionDetails;
import org.modelevolution.hub.DiscussionPage;
import org.modelevolution.hub.DiscussionQuery;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.hub.HubException;
import org.modelevolution.hub.HubRepo;
import org.modelevolution.http.Endpoint;
import org.modelevolution.io.RunManifest;
import org.modelevolution.progress.Progress;

/**
 * Mines the discussions of the conversion Space ({@code spaces/safetensors/convert}), open and
 * closed, each with its events, into a post table (source {@value MinedPost#HUGGING_FACE}, the
 * discussion's details document as {@code json_content}). As the study crawled them, these are
 * the entries of type {@code discussion}, not the Space's pull requests: the list is asked for
 * {@code type=discussion}, and an entry marked {@code isPullRequest} all the same is left out. The
 * study scraped the web pages {@code ?status=open&type=discussion} and
 * {@code ?status=closed&type=discussion} with Selenium; the JSON API's {@code status=all} gives
 * the same discussions in one list, without a browser.
 *
 * <p>Resumable: list pages and discussion details are checkpointed one by one, so a rerun after a
 * crash fetches only what is missing and writes the same table as an uninterrupted run.
 */
public final class MineSpaceDiscussions {
  public static final String STEP = "hub-discussions";
  public static final HubRepo CONVERSION_SPACE = HubRepo.space("safetensors/convert");
  /** The Hub's public web address, used for the {@code url} column. */
  public static final String WEB = "https://huggingface.co";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The study's list: discussions only (its crawl asked for {@code type=discussion}), every status. */
  static final DiscussionQuery QUERY = DiscussionQuery.all().withType(DiscussionQuery.Type.DISCUSSION);

  /** What one list page contributed: the discussion numbers on it and whether more pages follow. */
  record ListedPage(List<Integer> nums, int count, boolean hasNext) {}

  private final DiscussionsClient client;
  private final Endpoint endpoint;
  private final HubRepo repo;
  private final Clock clock;

  public MineSpaceDiscussions(DiscussionsClient client, Endpoint endpoint, HubRepo repo, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    this.repo = repo;
    this.clock = clock;
  }

  /** What a run would do, for {@code --dry-run}. */
  public String plan(Path outDir) {
    return String.join("\n",
        "step: " + STEP,
        "endpoint: " + endpoint.describe(),
        "list: GET /api/" + repo.kind().apiSegment() + "/" + repo.id() + "/discussions?p=0,1,...&type=discussion&status=all",
        "details: GET /api/" + repo.kind().apiSegment() + "/" + repo.id() + "/discussions/{num} for every listed discussion",
        "output: " + outDir.resolve(STEP + ".csv"),
        "checkpoint: " + outDir.resolve(STEP + ".journal"));
  }

  public RunManifest mine(Path outDir, Progress shown) throws IOException {
    MiningRun run = MiningRun.ofPosts(STEP, outDir,
        Map.of("repo", repo.toString(), "type", QUERY.type().name().toLowerCase(Locale.ROOT),
            "status", "all"), endpoint, clock, shown);
    try (MiningRun.Checkpoint<ListedPage> pages = run.checkpoint("pages", ListedPage.class);
        MiningRun.Checkpoint<JsonNode> details = run.checkpoint("details", JsonNode.class)) {
      SortedSet<Integer> nums = listAll(pages, run);
      try (Progress progress = run.progress(STEP, nums.size())) {
        for (int num : nums) {
          String key = key(num);
          if (details.isDone(key)) {
            run.count("discussions already done");
          } else {
            fetch(num, details, run);
          }
          progress.step();
        }
      }
      List<JsonNode> discussions = new ArrayList<>();
      for (int num : nums) {
        details.get(key(num)).ifPresent(d -> {
          if (d.path("isPullRequest").asBoolean(false)) {
            run.count("pull requests left out");
          } else {
            discussions.add(d);
            run.count("status " + d.path("status").asText("unknown"));
          }
        });
      }
      run.writePosts(rows(discussions));
      return run.finish().manifest();
    }
  }

  private SortedSet<Integer> listAll(MiningRun.Checkpoint<ListedPage> pages, MiningRun run) throws IOException {
    SortedSet<Integer> nums = new TreeSet<>();
    for (int p = 0; ; p++) {
      // The type in the key: pages of a checkpoint listed with another type are not these.
      String key = String.format("%s-page-%06d", QUERY.type().name().toLowerCase(Locale.ROOT), p);
      ListedPage listed = pages.get(key).orElse(null);
      if (listed == null) {
        DiscussionPage page = client.page(repo, QUERY, p);
        List<Discussion> onPage = page.discussions();
        onPage.stream().filter(Discussion::pullRequest).forEach(d -> run.count("pull requests left out"));
        listed = new ListedPage(onPage.stream().filter(d -> !d.pullRequest()).map(Discussion::num).toList(),
            page.count(), page.hasNext());
        pages.record(key, listed);
        run.count("list pages fetched");
      }
      nums.addAll(listed.nums());
      if (!listed.hasNext()) {
        return nums;
      }
    }
  }

  private void fetch(int num, MiningRun.Checkpoint<JsonNode> details, MiningRun run) throws IOException {
    try {
      DiscussionDetails discussion = client.details(repo, num);
      details.record(key(num), MAPPER.readTree(discussion.json()));
      run.count("discussions fetched");
    } catch (HubException e) {
      if (e.reason() != HubException.Reason.NOT_VISIBLE && e.reason() != HubException.Reason.ENTRY_NOT_FOUND) {
        throw e;
      }
      // Deleted between listing and fetching: nothing to mine; a rerun tries again.
      run.note(repo + "#" + num, e.getMessage());
      run.count("discussions missing");
    }
  }

  private List<MinedPost> rows(List<JsonNode> discussions) {
    List<MinedPost> rows = new ArrayList<>();
    // The discussion's public address, whatever mirror served the API: same data, same bytes.
    String web = WEB + "/" + repo + "/discussions";
    for (JsonNode node : discussions) {
      rows.add(new MinedPost(node.path("title").asText(""), MinedPost.HUGGING_FACE,
          web + "/" + node.path("num").asInt(), node.toString()));
    }
    return rows;
  }

  private static String key(int num) {
    return String.format("%010d", num);
  }
}
