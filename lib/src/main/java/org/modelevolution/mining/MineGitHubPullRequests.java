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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>The search {@value #TERMS} {@code is:pr is:closed} runs over the study's creation windows
 * ({@link #STUDY_WINDOWS}: {@code created:<2020-01-01}, fourteen four-month windows from
 * {@code created:2020-01-01..2020-05-01} to {@code created:2024-05-01..2024-09-01}, and
 * {@code created:>2024-09-01}), optionally clipped to a period. Where the study kept at most the
 * first 1,000 results of a window, a window whose {@code total_count} exceeds GitHub's
 * 1,000-result cap is bisected here ({@link CreatedRange#split()}) down to days, hours, then
 * seconds; a one-second window still above the cap is kept at its first 1,000 results and reported
 * in the run manifest. Items are deduplicated by {@code id} (the study's windows share their
 * boundary days, and counts drift), as the study deduplicated by URL. Pull requests by bots
 * ({@link BotAuthors}, the study's rule) are left out.
 *
 * <p>A search answer marked {@code incomplete_results} (GitHub's search timed out) is asked for
 * again by the client; a window whose answers stay incomplete is neither split nor recorded, and
 * the run stops after the other windows so that a rerun searches it again.
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
  /**
   * The study's terms, parenthesized: under GitHub's advanced search (the default since 2025) an
   * unparenthesized {@code OR} would bind the qualifiers to the last term only.
   */
  public static final String TERMS = "(safetensor OR \"safe tensor\" OR safetensors)";
  public static final String QUALIFIERS = "is:pr is:closed";
  public static final String CONVERSATION = "conversation";
  /** The study's windows (its {@code a..b} include both days, so neighbours share a day). */
  public static final List<CreatedRange> STUDY_WINDOWS = studyWindows();
  private static final int MAX_PAGES = GitHubClient.RESULT_CAP / GitHubClient.PER_PAGE;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * What a searched window gave: either a split into halves, or its items. Only complete answers
   * are recorded; {@code incomplete} is true in checkpoints written before that rule, whose
   * windows are searched again.
   */
  record WindowResult(long totalCount, boolean split, boolean aboveCap, boolean incomplete, List<JsonNode> items) {}

  /** The comments of one pull request, or why they could not be read. */
  record Conversation(List<JsonNode> comments, String unavailable) {}

  private final GitHubClient client;
  private final Endpoint endpoint;
  private final CreatedRange period;
  private final Clock clock;

  /**
   * Mines pull requests of the study's windows created from {@code since} to {@code until}, both
   * inclusive (UTC); an absent bound leaves the study's window at that end open, as the study did.
   */
  public MineGitHubPullRequests(GitHubClient client, Endpoint endpoint, Optional<LocalDate> since,
      Optional<LocalDate> until, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    Instant from = since.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(CreatedRange.OPEN_START);
    Instant to = until.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(CreatedRange.OPEN_END);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("until " + until.orElseThrow() + " is before since " + since.orElseThrow());
    }
    this.period = new CreatedRange(from, to);
    this.clock = clock;
  }

  private static List<CreatedRange> studyWindows() {
    List<CreatedRange> windows = new ArrayList<>();
    windows.add(CreatedRange.before(LocalDate.parse("2020-01-01")));
    for (LocalDate start = LocalDate.parse("2020-01-01"); start.isBefore(LocalDate.parse("2024-09-01"));
        start = start.plusMonths(4)) {
      windows.add(CreatedRange.days(start, start.plusMonths(4)));
    }
    windows.add(CreatedRange.after(LocalDate.parse("2024-09-01")));
    return List.copyOf(windows);
  }

  /** The search query for one window. */
  public static String query(CreatedRange range) {
    return TERMS + " " + QUALIFIERS + " " + range.qualifier();
  }

  /** The first windows searched: the study's, clipped to the period. */
  public List<CreatedRange> windows() {
    return STUDY_WINDOWS.stream().flatMap(w -> w.intersect(period).stream()).toList();
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
        "query: " + TERMS + " " + QUALIFIERS + " created:<window>"));
    List<CreatedRange> windows = windows();
    lines.add("initial windows: " + windows.size() + (windows.size() == STUDY_WINDOWS.size() ? " (the study's)" : " (the study's, clipped)")
        + ": " + String.join(", ", windows.stream().map(CreatedRange::qualifier).toList()));
    return String.join("\n", lines);
  }

  public RunManifest mine(Path outDir, Progress shown) throws IOException {
    MiningRun run = MiningRun.ofPosts(STEP, outDir,
        Map.of("terms", TERMS, "qualifiers", QUALIFIERS + " created:<window>",
            "windows", String.join(", ", windows().stream().map(CreatedRange::qualifier).toList()),
            "excluded authors", "user type Bot, login ending in bot"),
        endpoint, clock, shown);
    try (MiningRun.Checkpoint<WindowResult> windows = run.checkpoint("windows", WindowResult.class);
        MiningRun.Checkpoint<Conversation> conversations = run.checkpoint("comments", Conversation.class);
        Progress progress = run.progress(STEP, 0)) {
      List<CreatedRange> unfinished = new ArrayList<>();
      Set<String> reached = search(windows, run, progress, unfinished);
      if (!unfinished.isEmpty()) {
        throw new IOException(unfinished.size() + " search window(s) answered incomplete_results through every retry ("
            + String.join(", ", unfinished.stream().map(CreatedRange::qualifier).toList())
            + "); they were not recorded, rerun to search them again");
      }
      SortedMap<Long, JsonNode> pullRequests = pullRequests(windows, reached, run);
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

  /**
   * Searches every window not done yet, adding those whose answers stayed incomplete to
   * {@code unfinished}; returns the keys of every window of this run's tree (a checkpoint written
   * by another version may hold others).
   */
  private Set<String> search(MiningRun.Checkpoint<WindowResult> windows, MiningRun run, Progress progress,
      List<CreatedRange> unfinished) throws IOException {
    Deque<CreatedRange> pending = new ArrayDeque<>(windows());
    Set<String> reached = new HashSet<>();
    long planned = pending.size();
    progress.total(planned);
    while (!pending.isEmpty()) {
      CreatedRange range = pending.removeFirst();
      reached.add(range.key());
      Optional<WindowResult> done = windows.get(range.key()).filter(r -> !r.incomplete());
      WindowResult result;
      if (done.isPresent()) {
        result = done.get();
        run.count("windows already done");
      } else {
        Optional<WindowResult> searched = searchWindow(range);
        if (searched.isEmpty()) {
          unfinished.add(range);
          run.count("windows left incomplete");
          progress.step();
          continue;
        }
        result = searched.get();
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
    return reached;
  }

  /**
   * A window's split or items; empty when an answer stayed incomplete, since then neither its
   * {@code total_count} nor its items can be trusted.
   */
  private Optional<WindowResult> searchWindow(CreatedRange range) throws IOException {
    SearchPage page = client.search(query(range));
    if (page.incompleteResults()) {
      return Optional.empty();
    }
    if (page.totalCount() > GitHubClient.RESULT_CAP && range.canSplit()) {
      return Optional.of(new WindowResult(page.totalCount(), true, false, false, List.of()));
    }
    // Here the first answer's count is at most the cap, or the window cannot be split any more.
    long totalCount = page.totalCount();
    List<JsonNode> items = new ArrayList<>(page.items());
    Optional<HttpUrl> next = page.next();
    for (int pages = 1; next.isPresent() && pages < MAX_PAGES; pages++) {
      page = client.searchPage(next.get());
      if (page.incompleteResults()) {
        return Optional.empty();
      }
      items.addAll(page.items());
      next = page.next();
    }
    return Optional.of(new WindowResult(totalCount, false, totalCount > GitHubClient.RESULT_CAP, false, items));
  }

  /** Items of all leaf windows, pull requests only, bots left out, deduplicated by id. */
  private SortedMap<Long, JsonNode> pullRequests(MiningRun.Checkpoint<WindowResult> windows, Set<String> reached,
      MiningRun run) {
    SortedMap<Long, JsonNode> byId = new TreeMap<>();
    long items = 0;
    for (Map.Entry<String, WindowResult> window : windows.entries().entrySet()) {
      if (!reached.contains(window.getKey())) {
        continue;
      }
      WindowResult result = window.getValue();
      if (result.aboveCap()) {
        run.note("window " + window.getKey(), "total_count " + result.totalCount()
            + " stays above the 1,000-result cap at the smallest window; the first 1,000 results are kept");
        run.count("windows above cap");
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
