package org.modelevolution.mining;

import org.modelevolution.github.BotAuthors;
import org.modelevolution.github.CreatedRange;
import org.modelevolution.github.GitHubClient;
import org.modelevolution.github.GitHubException;
import org.modelevolution.github.SearchPage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.modelevolution.http.Endpoint;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.progress.Progress;

/**
 * Mines closed GitHub pull requests about safetensors, with their conversation comments, into a
 * post table (source {@value MinedPost#GITHUB}).
 *
 * <p>The search {@value #TERMS} runs over creation-date windows: the period is cut into calendar
 * months and any window whose {@code total_count} exceeds GitHub's 1,000-result cap is bisected
 * ({@link CreatedRange#split()}) down to days, then hours; a one-hour window still above the cap is
 * kept at its first 1,000 results and reported in the run manifest. Items are deduplicated by
 * {@code id} (windows touch at their ends and counts drift). Pull requests by bots
 * ({@link BotAuthors}) are left out.
 *
 * <p>{@code json_content} is the search item as received plus one added field,
 * {@value #CONVERSATION}: the array of the pull request's conversation comments (api-reference
 * 2.2), oldest first. Rows are sorted by item id.
 *
 * <p>Resumable: every searched window and every pull request's comments are checkpointed, so a
 * rerun after a crash continues where it stopped and writes the same bytes as an uninterrupted run.
 */
public final class MineGitHubPullRequests {
  public static final String STEP = "github-prs";
  public static final String TERMS = "(safetensor OR \"safe tensor\" OR safetensors)";
  public static final String CONVERSATION = "conversation";
  private static final int MAX_PAGES = GitHubClient.RESULT_CAP / GitHubClient.PER_PAGE;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a searched window gave: either a split into halves, or its items. */
  record WindowResult(long totalCount, boolean split, boolean aboveCap, boolean incomplete, List<JsonNode> items) {}

  /** The comments of one pull request, or why they could not be read. */
  record Conversation(List<JsonNode> comments, String unavailable) {}

  private final GitHubClient client;
  private final Endpoint endpoint;
  private final LocalDate since;
  private final LocalDate until;
  private final Clock clock;

  /** Mines pull requests created from {@code since} to {@code until}, both inclusive (UTC). */
  public MineGitHubPullRequests(GitHubClient client, Endpoint endpoint, LocalDate since, LocalDate until, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    this.since = since;
    this.until = until;
    this.clock = clock;
  }

  /** The search query for one window. */
  public static String query(CreatedRange range) {
    return TERMS + " is:pr is:closed " + range.qualifier();
  }

  /** What a run would do, for {@code --dry-run}. */
  public String plan(Path outDir) {
    List<String> lines = new ArrayList<>(List.of(
        "step: " + STEP,
        "endpoint: " + endpoint.describe(),
        "search: GET /search/issues, 100 per page, windows bisected while total_count > " + GitHubClient.RESULT_CAP,
        "comments: GET /repos/{owner}/{repo}/issues/{number}/comments for every non-bot pull request",
        "output: " + outDir.resolve(STEP + ".csv"),
        "checkpoint: " + outDir.resolve(STEP + ".journal"),
        "query: " + TERMS + " is:pr is:closed created:<window>"));
    List<CreatedRange> months = CreatedRange.months(since, until);
    lines.add("initial windows: " + months.size() + " calendar months, " + months.get(0).qualifier()
        + (months.size() > 1 ? " ... " + months.get(months.size() - 1).qualifier() : ""));
    return String.join("\n", lines);
  }

  public RunManifest mine(Path outDir, Progress shown) throws IOException {
    MiningRun run = MiningRun.ofPosts(STEP, outDir,
        Map.of("terms", TERMS, "qualifiers", "is:pr is:closed created:<window>", "since", since.toString(),
            "until", until.toString(), "excluded authors", "type Bot, login ending in bot, dependabot, renovate, greenkeeper"),
        endpoint, clock, shown);
    try (MiningRun.Checkpoint<WindowResult> windows = run.checkpoint("windows", WindowResult.class);
        MiningRun.Checkpoint<Conversation> conversations = run.checkpoint("comments", Conversation.class);
        Progress progress = run.progress(STEP, 0)) {
      search(windows, run, progress);
      SortedMap<Long, JsonNode> pullRequests = pullRequests(windows, run);
      progress.total(windows.size() + pullRequests.size());
      List<MinedPost> rows = new ArrayList<>();
      for (JsonNode item : pullRequests.values()) {
        Conversation conversation = conversation(item, conversations, run);
        progress.step();
        rows.add(row(item, conversation));
      }
      run.writePosts(rows);
      return run.finish().manifest();
    }
  }

  private void search(MiningRun.Checkpoint<WindowResult> windows, MiningRun run, Progress progress) throws IOException {
    Deque<CreatedRange> pending = new ArrayDeque<>(CreatedRange.months(since, until));
    long planned = pending.size();
    progress.total(planned);
    while (!pending.isEmpty()) {
      CreatedRange range = pending.removeFirst();
      Optional<WindowResult> done = windows.get(range.key());
      WindowResult result;
      if (done.isPresent()) {
        result = done.get();
        run.count("windows already done");
      } else {
        result = searchWindow(range);
        windows.record(range.key(), result);
        run.count("windows searched");
      }
      if (result.split()) {
        List<CreatedRange> halves = range.split();
        pending.addFirst(halves.get(1));
        pending.addFirst(halves.get(0));
        planned += 2;
        progress.total(planned);
      }
      progress.step();
    }
  }

  private WindowResult searchWindow(CreatedRange range) throws IOException {
    SearchPage page = client.search(query(range));
    if (page.totalCount() > GitHubClient.RESULT_CAP && range.canSplit()) {
      return new WindowResult(page.totalCount(), true, false, page.incompleteResults(), List.of());
    }
    List<JsonNode> items = new ArrayList<>(page.items());
    boolean incomplete = page.incompleteResults();
    Optional<HttpUrl> next = page.next();
    for (int pages = 1; next.isPresent() && pages < MAX_PAGES; pages++) {
      page = client.searchPage(next.get());
      items.addAll(page.items());
      incomplete |= page.incompleteResults();
      next = page.next();
    }
    return new WindowResult(page.totalCount(), false, page.totalCount() > GitHubClient.RESULT_CAP, incomplete, items);
  }

  /** Items of all leaf windows, pull requests only, bots left out, deduplicated by id. */
  private SortedMap<Long, JsonNode> pullRequests(MiningRun.Checkpoint<WindowResult> windows, MiningRun run) {
    SortedMap<Long, JsonNode> byId = new TreeMap<>();
    long items = 0;
    for (Map.Entry<String, WindowResult> window : windows.entries().entrySet()) {
      WindowResult result = window.getValue();
      if (result.aboveCap()) {
        run.note("window " + window.getKey(), "total_count " + result.totalCount()
            + " stays above the 1,000-result cap at the smallest window; the first 1,000 results are kept");
        run.count("windows above cap");
      }
      if (result.incomplete()) {
        run.count("windows with incomplete results");
      }
      for (JsonNode item : result.items()) {
        items++;
        if (!item.has("pull_request")) {
          run.count("items that are not pull requests");
        } else if (BotAuthors.isBot(item.get("user"))) {
          run.count("bot pull requests excluded");
        } else {
          byId.putIfAbsent(item.path("id").asLong(), item);
        }
      }
    }
    run.add("search items", items);
    run.add("pull requests", byId.size());
    return byId;
  }

  private Conversation conversation(JsonNode item, MiningRun.Checkpoint<Conversation> conversations, MiningRun run)
      throws IOException {
    String key = String.format("%015d", item.path("id").asLong());
    Optional<Conversation> done = conversations.get(key);
    if (done.isPresent()) {
      return done.get();
    }
    if (item.path("comments").asInt(0) == 0) {
      return new Conversation(List.of(), null); // nothing to fetch, so nothing to checkpoint
    }
    Conversation conversation;
    Optional<String> repository = GitHubClient.repositoryOf(item);
    if (repository.isEmpty()) {
      conversation = new Conversation(List.of(), "no repository_url");
    } else {
      try {
        conversation = new Conversation(client.comments(repository.get(), item.path("number").asLong()), null);
        run.count("comment lists fetched");
      } catch (GitHubException e) {
        if (!e.isGone()) {
          throw e;
        }
        conversation = new Conversation(List.of(), e.getMessage());
      }
    }
    if (conversation.unavailable() != null) {
      run.note(item.path("html_url").asText(key), "comments unavailable: " + conversation.unavailable());
    }
    conversations.record(key, conversation);
    return conversation;
  }

  private static MinedPost row(JsonNode item, Conversation conversation) {
    ObjectNode content = item.deepCopy();
    ArrayNode comments = MAPPER.createArrayNode();
    conversation.comments().forEach(comments::add);
    content.set(CONVERSATION, comments);
    return new MinedPost(item.path("title").asText(""), MinedPost.GITHUB, item.path("html_url").asText(""),
        content.toString());
  }
}
