package org.modelevolution.mining;



import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.modelevolution.testing.HttpFixtures;

/**
 * A {@code /search/excerpts} server over posts built from the api-reference 3.1 items: it filters
 * by query and creation window, sorts by creation date, pages with {@code has_more}, and can
 * answer one request with the documented 502 throttle carrying a {@code backoff}.
 */
final class FakeStackExchange extends Dispatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Post(ObjectNode item, Set<String> queries) {}

  private final List<Post> posts = new ArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttleAt = new AtomicInteger(-1);
  private final AtomicInteger quotaExhaustedAt = new AtomicInteger(-1);

  /** A question (template item 0) or an answer (item 1) matched by {@code queries}. */
  FakeStackExchange add(boolean answer, long questionId, long answerId, long created, Set<String> queries) {
    ObjectNode item = (ObjectNode) read().get("items").get(answer ? 1 : 0).deepCopy();
    item.put("question_id", questionId);
    if (answer) {
      item.put("answer_id", answerId);
    }
    item.put("creation_date", created);
    item.put("title", "Q" + questionId + ": &quot;.safetensors&quot; isn&#39;t loading");
    posts.add(new Post(item, queries));
    return this;
  }

  /** Answers request number {@code n} (0-based) with a throttle violation once. */
  FakeStackExchange throttleRequest(int n) {
    throttleAt.set(n);
    return this;
  }

  /** Answers request number {@code n} (0-based) with the documented quota error (api-reference 3.0). */
  FakeStackExchange exhaustQuotaAt(int n) {
    quotaExhaustedAt.set(n);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    int index = requests.size();
    requests.add(url.query());
    if (quotaExhaustedAt.compareAndSet(index, -1)) {
      return HttpFixtures.http("stackexchange/error-throttle.http");
    }
    if (index == throttleAt.get()) {
      return json(400, "{\"error_id\":502,\"error_message\":\"Violation of backoff parameter\","
          + "\"error_name\":\"throttle_violation\",\"backoff\":5}");
    }
    String q = url.queryParameter("q");
    long from = Long.parseLong(url.queryParameter("fromdate"));
    long to = Long.parseLong(url.queryParameter("todate"));
    int page = Integer.parseInt(url.queryParameter("page"));
    int size = Integer.parseInt(url.queryParameter("pagesize"));
    List<ObjectNode> matching = posts.stream()
        .filter(p -> p.queries().contains(q))
        .map(Post::item)
        .filter(i -> i.get("creation_date").asLong() >= from && i.get("creation_date").asLong() <= to)
        .sorted(Comparator.comparingLong((ObjectNode i) -> i.get("creation_date").asLong())
            .thenComparingLong(i -> i.path("answer_id").asLong()))
        .toList();
    ObjectNode body = (ObjectNode) read();
    ArrayNode items = body.putArray("items");
    matching.subList(Math.min((page - 1) * size, matching.size()), Math.min(page * size, matching.size()))
        .forEach(items::add);
    body.put("has_more", page * size < matching.size());
    body.put("quota_remaining", 9873 - index);
    return json(200, body.toString());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  private static JsonNode read() {
    try {
      return MAPPER.readTree(text("stackexchange/search-excerpts.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
