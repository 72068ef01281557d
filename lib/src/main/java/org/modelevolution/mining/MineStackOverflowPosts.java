package org.modelevolution.mining;

import org.modelevolution.stackexchange.ExcerptPage;
import org.modelevolution.stackexchange.ExcerptQuery;
import org.modelevolution.stackexchange.StackExchangeClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.http.Endpoint;
import org.modelevolution.io.RunManifest;
import org.modelevolution.perception.HtmlText;
import org.modelevolution.perception.MinedPost;
import org.modelevolution.progress.Progress;

/**
 * Mines Stack Overflow questions and answers about safetensors with {@code /search/excerpts} into
 * a post table in the study's layout (source {@value MinedPost#STACK_OVERFLOW}, the URL of the
 * question, answers pointing at their question).
 *
 * <p>Each query runs over calendar-year creation windows, each paged with {@code has_more};
 * posts found by several queries or windows are kept once, by post id (answer id for answers).
 * The {@code title} column is decoded plain text. {@code json_content} is the item as received
 * (HTML-encoded, as the study kept it) plus two derived plain-text fields, {@value #BODY_TEXT} and
 * {@value #EXCERPT_TEXT}: tags replaced by spaces and entities decoded ({@link HtmlText}). Rows are sorted by
 * question id, each question before its answers, answers by id.
 *
 * <p>Resumable: every page is checkpointed; a rerun after a crash or a quota stop continues with
 * the next page and writes the same bytes as an uninterrupted run.
 */
public final class MineStackOverflowPosts {
  public static final String STEP = "stackoverflow-posts";
  /**
   * The study's three queries. The API reference does not record them; these are the spellings
   * developers use for the format (the study's own coded data holds posts matching each).
   */
  public static final List<String> QUERIES = List.of("safetensors", "safe tensors", "safetensor");
  public static final String BODY_TEXT = "body_text";
  public static final String EXCERPT_TEXT = "excerpt_text";
  /** Stack Overflow's first public day; no post is older. */
  public static final LocalDate FIRST_DAY = LocalDate.parse("2008-07-31");

  /** What one page gave. */
  record PageResult(List<JsonNode> items, boolean hasMore) {}

  private final StackExchangeClient client;
  private final Endpoint endpoint;
  private final List<String> queries;
  private final LocalDate since;
  private final LocalDate until;
  private final Clock clock;

  /** Mines posts created from {@code since} to {@code until}, both inclusive (UTC). */
  public MineStackOverflowPosts(StackExchangeClient client, Endpoint endpoint, List<String> queries, LocalDate since,
      LocalDate until, Clock clock) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no query");
    }
    this.client = client;
    this.endpoint = endpoint;
    this.queries = List.copyOf(queries);
    this.since = since;
    this.until = until;
    this.clock = clock;
  }

  /** The searches of a run: every query over every year window, in order. */
  public List<ExcerptQuery> searches() {
    List<ExcerptQuery> searches = new ArrayList<>();
    for (String query : queries) {
      for (LocalDate start = since; !start.isAfter(until); start = start.withDayOfYear(1).plusYears(1)) {
        LocalDate end = start.withDayOfYear(1).plusYears(1);
        if (end.isAfter(until.plusDays(1))) {
          end = until.plusDays(1);
        }
        searches.add(new ExcerptQuery(query, start.atStartOfDay(ZoneOffset.UTC).toInstant(),
            end.atStartOfDay(ZoneOffset.UTC).toInstant()));
      }
    }
    return searches;
  }

  /** What a run would do, for {@code --dry-run}. */
  public String plan(Path outDir) {
    List<String> lines = new ArrayList<>(List.of(
        "step: " + STEP,
        "endpoint: " + endpoint.describe(),
        "search: GET /search/excerpts?order=asc&sort=creation&site=stackoverflow&pagesize=100, paged while has_more",
        "output: " + outDir.resolve(STEP + ".csv"),
        "checkpoint: " + outDir.resolve(STEP + ".journal"),
        "queries: " + String.join(" | ", queries),
        "windows: calendar years of creation, " + since + " .. " + until,
        "searches: " + searches().size() + " (queries x windows)"));
    return String.join("\n", lines);
  }

  public RunManifest mine(Path outDir, Progress shown) throws IOException {
    MiningRun run = MiningRun.ofPosts(STEP, outDir,
        Map.of("queries", String.join(" | ", queries), "since", since.toString(), "until", until.toString(),
            "site", StackExchangeClient.SITE, "windows", "calendar years"),
        endpoint, clock, shown);
    List<ExcerptQuery> searches = searches();
    try (MiningRun.Checkpoint<PageResult> pages = run.checkpoint("pages", PageResult.class);
        Progress progress = run.progress(STEP, searches.size())) {
      for (ExcerptQuery search : searches) {
        for (int page = 1; ; page++) {
          String key = key(search, page);
          Optional<PageResult> done = pages.get(key);
          PageResult result;
          if (done.isPresent()) {
            result = done.get();
            run.count("pages already done");
          } else {
            ExcerptPage fetched = client.searchExcerpts(search, page);
            result = new PageResult(fetched.items(), fetched.hasMore());
            pages.record(key, result);
            run.count("pages fetched");
            if (fetched.quotaRemaining() >= 0) {
              run.set("quota remaining", fetched.quotaRemaining());
            }
          }
          if (!result.hasMore() || result.items().isEmpty()) {
            break;
          }
        }
        progress.step();
      }
      run.writePosts(rows(pages, run));
      return run.finish().manifest();
    }
  }

  private static List<MinedPost> rows(MiningRun.Checkpoint<PageResult> pages, MiningRun run) {
    Map<String, JsonNode> byPost = new LinkedHashMap<>();
    long items = 0;
    for (PageResult page : pages.entries().values()) {
      for (JsonNode item : page.items()) {
        items++;
        byPost.putIfAbsent(postId(item), item);
      }
    }
    run.add("search items", items);
    run.add("duplicates removed", items - byPost.size());
    return byPost.values().stream()
        .sorted(Comparator.comparingLong((JsonNode i) -> i.path("question_id").asLong())
            .thenComparing(i -> isAnswer(i) ? 1 : 0)
            .thenComparingLong(i -> i.path("answer_id").asLong()))
        .map(MineStackOverflowPosts::row)
        .toList();
  }

  private static MinedPost row(JsonNode item) {
    ObjectNode content = item.deepCopy();
    if (item.hasNonNull("body")) {
      content.put(BODY_TEXT, HtmlText.toPlainText(item.get("body").asText()).strip());
    }
    if (item.hasNonNull("excerpt")) {
      content.put(EXCERPT_TEXT, HtmlText.toPlainText(item.get("excerpt").asText()).strip());
    }
    return new MinedPost(HtmlText.unescape(item.path("title").asText("")), MinedPost.STACK_OVERFLOW,
        "https://stackoverflow.com/questions/" + item.path("question_id").asLong(), content.toString());
  }

  /** {@code question:<id>} or {@code answer:<id>}: a post's identity across queries and windows. */
  static String postId(JsonNode item) {
    return isAnswer(item) ? "answer:" + item.path("answer_id").asLong() : "question:" + item.path("question_id").asLong();
  }

  private static boolean isAnswer(JsonNode item) {
    return "answer".equals(item.path("item_type").asText()) || item.has("answer_id");
  }

  private String key(ExcerptQuery search, int page) {
    return search.text() + "|" + search.from() + "|" + String.format("%05d", page);
  }
}
