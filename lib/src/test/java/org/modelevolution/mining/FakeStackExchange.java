package org.modelevolution.mining;

import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.modelevolution.testing.HttpFixtures;
import org.modelevolution.testing.VirtualTime;

/**
 * Stack Exchange's {@code /search/excerpts} (api-reference 3.0, 3.1) over questions and answers
 * built from the api-reference items. As the real API: every answer is gzip-compressed; a query
 * matches the posts holding each of its words, without stemming ({@code safe tensor} does not
 * find "safe tensors"); results come most recent activity first ({@code sort=activity},
 * {@code order=desc}, the study's) or oldest first by creation, optionally within
 * {@code fromdate}/{@code todate}; the excerpt highlights the query's words; text fields are
 * HTML-encoded; some answers carry a {@code backoff}, and a call before it has passed (on the
 * {@link VirtualTime}) is a {@code throttle_violation}. Faults: a seeded share
 * ({@link SeededFaults}, its own being a 502 throttle whose message states the wait) and the
 * documented quota error on a chosen request.
 */
final class FakeStackExchange extends Dispatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int BACKOFF_EVERY = 4;
  private static final int BACKOFF_SECONDS = 3;

  /** A post: its words (title and body of the question or answer), ids and dates. */
  private record Post(boolean answer, long questionId, long answerId, long created, long lastActivity, String text) {
    String key() {
      return answer ? "answer:" + answerId : "question:" + questionId;
    }
  }

  private final List<Post> posts = new ArrayList<>();
  private final VirtualTime time;
  private SeededFaults faults = SeededFaults.none();
  private final AtomicInteger quotaExhaustedAt = new AtomicInteger(-1);
  private Instant notBefore;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger backoffViolations = new AtomicInteger();

  FakeStackExchange(VirtualTime time) {
    this.time = time;
  }

  /** A question whose title and body say {@code text}. */
  FakeStackExchange question(long questionId, long created, long lastActivity, String text) {
    posts.add(new Post(false, questionId, 0, created, lastActivity, text));
    return this;
  }

  /** An answer to {@code questionId} whose body says {@code text}. */
  FakeStackExchange answer(long questionId, long answerId, long created, long lastActivity, String text) {
    posts.add(new Post(true, questionId, answerId, created, lastActivity, text));
    return this;
  }

  FakeStackExchange withFaults(SeededFaults seeded) {
    this.faults = seeded;
    return this;
  }

  /** Answers request number {@code n} (0-based) with the documented quota error (api-reference 3.0). */
  FakeStackExchange exhaustQuotaAt(int n) {
    quotaExhaustedAt.set(n);
    return this;
  }

  /** The hits of {@code query} in the order the API serves them with the study's parameters. */
  List<ObjectNode> results(String query) {
    return matching(query, Long.MIN_VALUE, Long.MAX_VALUE, "activity", "desc").stream()
        .map(p -> item(p, query)).toList();
  }

  /**
   * The study's method on these posts: the hits of each query in turn, kept when their question id
   * was not seen before ({@code dupcheck-json.py}).
   */
  List<ObjectNode> studyTable(List<String> queries) {
    Map<Long, ObjectNode> byQuestion = new LinkedHashMap<>();
    for (String query : queries) {
      for (ObjectNode item : results(query)) {
        byQuestion.putIfAbsent(item.get("question_id").asLong(), item);
      }
    }
    return List.copyOf(byQuestion.values());
  }

  /** The posts any of {@code queries} finds, by {@code question:<id>} or {@code answer:<id>}. */
  List<String> searchHits(List<String> queries) {
    return posts.stream().filter(p -> queries.stream().anyMatch(q -> matches(p, q))).map(Post::key).distinct().toList();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    int index = requests.size();
    requests.add(url.query());
    if (quotaExhaustedAt.compareAndSet(index, -1)) {
      return HttpFixtures.http("stackexchange/error-throttle.http");
    }
    if (notBefore != null && time.now().isBefore(notBefore)) {
      backoffViolations.incrementAndGet();
      return gzipped(400, "{\"error_id\":502,\"error_message\":\"Violation of backoff parameter\","
          + "\"error_name\":\"throttle_violation\"}");
    }
    Optional<SeededFaults.Kind> fault = faults.draw();
    if (fault.isPresent() && fault.get() == SeededFaults.Kind.SERVICE) {
      return gzipped(400, "{\"error_id\":502,\"error_message\":\"too many requests from this IP, more requests "
          + "available in 2 seconds\",\"error_name\":\"throttle_violation\"}");
    }
    String q = url.queryParameter("q");
    long from = Optional.ofNullable(url.queryParameter("fromdate")).map(Long::parseLong).orElse(Long.MIN_VALUE);
    long to = Optional.ofNullable(url.queryParameter("todate")).map(Long::parseLong).orElse(Long.MAX_VALUE);
    int page = Integer.parseInt(url.queryParameter("page"));
    int size = Integer.parseInt(url.queryParameter("pagesize"));
    List<Post> matching = matching(q, from, to, url.queryParameter("sort"), url.queryParameter("order"));
    ObjectNode body = (ObjectNode) read();
    ArrayNode items = body.putArray("items");
    matching.subList(Math.min((page - 1) * size, matching.size()), Math.min(page * size, matching.size()))
        .forEach(p -> items.add(item(p, q)));
    body.put("has_more", page * size < matching.size());
    body.put("quota_remaining", 9873 - index);
    if (fault.isEmpty() && index % BACKOFF_EVERY == BACKOFF_EVERY - 1) {
      body.put("backoff", BACKOFF_SECONDS);
      notBefore = time.now().plusSeconds(BACKOFF_SECONDS);
    }
    Headers headers = new Headers.Builder().add("Content-Type", "application/json; charset=utf-8").build();
    return fault.isPresent() ? SeededFaults.spoil(fault.get(), headers, body.toString(), true)
        : SeededFaults.ok(headers, body.toString(), true);
  }

  private List<Post> matching(String query, long from, long to, String sort, String order) {
    Comparator<Post> byActivity = Comparator.comparingLong(Post::lastActivity).reversed()
        .thenComparing(Post::key);
    Comparator<Post> byCreation = Comparator.comparingLong(Post::created).thenComparing(Post::key);
    Comparator<Post> comparator = "activity".equals(sort) && "desc".equals(order) ? byActivity : byCreation;
    return posts.stream().filter(p -> matches(p, query))
        .filter(p -> p.created() >= from && p.created() <= to)
        .sorted(comparator).toList();
  }

  /** Each word of the query is a word of the post; no stemming, case ignored. */
  private static boolean matches(Post post, String query) {
    List<String> words = words(post.text());
    return words(query).stream().allMatch(words::contains);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** The post as a {@code search_excerpt}: HTML-encoded text, the query's words highlighted. */
  private ObjectNode item(Post post, String query) {
    ObjectNode item = (ObjectNode) read().get("items").get(post.answer() ? 1 : 0).deepCopy();
    item.put("question_id", post.questionId());
    if (post.answer()) {
      item.put("answer_id", post.answerId());
    }
    item.put("creation_date", post.created());
    item.put("last_activity_date", post.lastActivity());
    Post question = posts.stream().filter(p -> !p.answer() && p.questionId() == post.questionId()).findFirst()
        .orElse(post);
    item.put("title", "Q" + post.questionId() + ": &quot;" + encode(question.text()) + "&quot; isn&#39;t loading");
    item.put("body", "<p>" + encode(post.text()) + " &amp; more</p>");
    List<String> highlighted = words(query);
    StringBuilder excerpt = new StringBuilder();
    for (String word : post.text().split(" ")) {
      String plain = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      excerpt.append(excerpt.length() == 0 ? "" : " ")
          .append(highlighted.contains(plain) ? "<span class=\"highlight\">" + encode(word) + "</span>" : encode(word));
    }
    item.put("excerpt", excerpt + " &hellip;");
    return item;
  }

  private static String encode(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static MockResponse gzipped(int code, String body) {
    return new MockResponse.Builder(SeededFaults.ok(
        new Headers.Builder().add("Content-Type", "application/json; charset=utf-8").build(), body, true))
        .code(code).build();
  }

  private static JsonNode read() {
    try {
      return MAPPER.readTree(text("stackexchange/search-excerpts.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
