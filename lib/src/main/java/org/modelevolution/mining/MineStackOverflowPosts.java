package org.modelevolution.mining;

import org.modelevolution.stackexchange.ExcerptPage;
import org.modelevolution.stackexchange.ExcerptQuery;
import org.modelevolution.stackexchange.StackExchangeClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * Mines Stack Overflow questions and answers about safetensors with {@code /search/excerpts}, by
 * the study's method: the queries {@link #QUERIES} in that order, each paged with {@code has_more}
 * over every post, most recent activity first, and the hits deduplicated on their question id:
 * one row per question, the first hit kept (that of the first query that found the thread, the
 * most recently active of its hits there). The search matches words without stemming, so
 * {@code safetensor}, {@code safe tensor} and {@code safetensors} find different posts.
 *
 * <p>Two post tables in the study's layout (source {@value MinedPost#STACK_OVERFLOW}, the URL of
 * the question): {@code <step>.csv}, the study's table, in the order the study kept its rows; and
 * {@value #SEARCH_HITS}{@code .csv}, every matching post once (a question and each of its
 * answers on rows of their own, all under the question's URL), sorted by question id, each
 * question before its answers, answers by id. The {@code title} column is decoded plain text.
 * {@code json_content} is the item as received (HTML-encoded, as the study kept it) plus two
 * derived plain-text fields, {@value #BODY_TEXT} and {@value #EXCERPT_TEXT}: tags replaced by
 * spaces and entities decoded ({@link HtmlText}).
 *
 * <p>Resumable: every page is checkpointed; a rerun after a crash or a quota stop continues with
 * the next page and writes the same bytes as an uninterrupted run.
 */
public final class MineStackOverflowPosts {
  public static final String STEP = "stackoverflow-posts";
  /** The per-post table's name: every matching question and answer. */
  public static final String SEARCH_HITS = "stackoverflow-search-hits";
  /** The study's three queries, in the study's order (its {@code parse-SO.py}). */
  public static final List<String> QUERIES = List.of("safetensor", "safe tensor", "safetensors");
  public static final String BODY_TEXT = "body_text";
  public static final String EXCERPT_TEXT = "excerpt_text";

  /** What one page gave. */
  record PageResult(List<JsonNode> items, boolean hasMore) {}

  private final StackExchangeClient client;
  private final Endpoint endpoint;
  private final List<String> queries;
  private final Optional<LocalDate> since;
  private final Optional<LocalDate> until;
  private final Clock clock;

  /**
   * Mines posts created from {@code since} to {@code until}, both inclusive (UTC); without them,
   * every post, as the study did.
   */
  public MineStackOverflowPosts(StackExchangeClient client, Endpoint endpoint, List<String> queries,
      Optional<LocalDate> since, Optional<LocalDate> until, Clock clock) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no query");
    }
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new IllegalArgumentException("until " + until.get() + " is before since " + since.get());
    }
    this.client = client;
    this.endpoint = endpoint;
    this.queries = List.copyOf(queries);
    this.since = since;
    this.until = until;
    this.clock = clock;
  }

  /** The searches of a run: one per query, in order. */
  public List<ExcerptQuery> searches() {
    Optional<Instant> from = since.map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    Optional<Instant> to = until.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    return queries.stream().map(q -> new ExcerptQuery(q, from, to)).toList();
  }

  /** What a run would do, for {@code --dry-run}. */
  public String plan(Path outDir) {
    List<String> lines = new ArrayList<>(List.of(
        "step: " + STEP,
        "endpoint: " + endpoint.describe(),
        "search: GET /search/excerpts?order=" + StackExchangeClient.ORDER + "&sort=" + StackExchangeClient.SORT
            + "&site=stackoverflow&pagesize=100, paged while has_more",
        "output: " + outDir.resolve(STEP + ".csv") + " (one row per question, the study's)",
        "output: " + outDir.resolve(SEARCH_HITS + ".csv") + " (one row per matching post)",
        "checkpoint: " + outDir.resolve(STEP + ".journal"),
        "queries, in order: " + String.join(" | ", queries),
        "created: " + since.map(LocalDate::toString).orElse("any day") + " .. " + until.map(LocalDate::toString).orElse("any day"),
        "searches: " + searches().size()));
    return String.join("\n", lines);
  }

  public RunManifest mine(Path outDir, Progress shown) throws IOException {
    MiningRun run = MiningRun.ofPosts(STEP, outDir,
        Map.of("queries", String.join(" | ", queries), "since", since.map(LocalDate::toString).orElse("any"),
            "until", until.map(LocalDate::toString).orElse("any"), "site", StackExchangeClient.SITE,
            "order", StackExchangeClient.SORT + " " + StackExchangeClient.ORDER, "deduplicated on", "question_id"),
        endpoint, clock, shown);
    List<ExcerptQuery> searches = searches();
    try (MiningRun.Checkpoint<PageResult> pages = run.checkpoint("pages", PageResult.class);
        Progress progress = run.progress(STEP, searches.size())) {
      List<PageResult> inOrder = new ArrayList<>();
      for (int index = 0; index < searches.size(); index++) {
        ExcerptQuery search = searches.get(index);
        for (int page = 1; ; page++) {
          String key = key(index, search, page);
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
          inOrder.add(result);
          if (!result.hasMore() || result.items().isEmpty()) {
            break;
          }
        }
        progress.step();
      }
      List<JsonNode> hits = inOrder.stream().flatMap(p -> p.items().stream()).toList();
      run.add("search items", hits.size());
      run.writePosts(studyRows(hits, run));
      run.writePosts(SEARCH_HITS, searchHitRows(hits));
      return run.finish().manifest();
    }
  }

  /** The study's table: the first hit of each question id, in the order of the hits. */
  private static List<MinedPost> studyRows(List<JsonNode> hits, MiningRun run) {
    Map<Long, JsonNode> byQuestion = new LinkedHashMap<>();
    for (JsonNode item : hits) {
      byQuestion.putIfAbsent(questionId(item), item);
    }
    run.add("duplicates removed", hits.size() - byQuestion.size());
    return byQuestion.values().stream().map(MineStackOverflowPosts::row).toList();
  }

  /** Every matching post once, each question before its answers. */
  private static List<MinedPost> searchHitRows(List<JsonNode> hits) {
    Map<String, JsonNode> byPost = new LinkedHashMap<>();
    for (JsonNode item : hits) {
      byPost.putIfAbsent(postId(item), item);
    }
    return byPost.values().stream()
        .sorted(Comparator.comparingLong((JsonNode i) -> i.path("question_id").asLong())
            .thenComparing(i -> isAnswer(i) ? 1 : 0)
            .thenComparingLong(i -> i.path("answer_id").asLong()))
        .map(MineStackOverflowPosts::row)
        .toList();
  }

  /**
   * The study's de-duplication key, {@code question_id or answer_id}: the question's id, which
   * the excerpt of an answer carries too, so a thread is one row.
   */
  static long questionId(JsonNode item) {
    long question = item.path("question_id").asLong(0);
    return question != 0 ? question : item.path("answer_id").asLong(0);
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

  /** Query number first, so that the checkpoint sorts in the study's query order. */
  private static String key(int index, ExcerptQuery search, int page) {
    return String.format("%02d|%s|%s|%s|%05d", index, search.text(), search.from().map(Instant::toString).orElse("any"),
        search.to().map(Instant::toString).orElse("any"), page);
  }
}
