package org.modelevolution.mining;



import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A GitHub search and comments server over a set of pull requests built from the api-reference
 * fixtures (2.1 item, 2.2 comment): it evaluates the {@code created:} qualifier, reports the true
 * {@code total_count}, serves at most 1,000 results (page 11 is a 422, as on GitHub) and links pages.
 */
final class FakeGitHub extends Dispatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern CREATED = Pattern.compile("created:(\\S+)\\.\\.(\\S+)");

  private final List<ObjectNode> items = new ArrayList<>();
  final List<String> searchQueries = new CopyOnWriteArrayList<>();
  final Map<String, Integer> commentRequests = new ConcurrentHashMap<>();
  final List<Long> totalCountsServed = new CopyOnWriteArrayList<>();

  /** Adds a pull request created at {@code created} by {@code login} (type User unless "Bot"). */
  FakeGitHub add(long id, Instant created, String login, String userType) {
    ObjectNode item = (ObjectNode) read("github/search-issues.json").get("items").get(0).deepCopy();
    item.put("id", id);
    item.put("number", id % 100_000);
    item.put("title", "PR " + id + " about safetensors");
    item.put("html_url", "https://github.com/acme/vision-kit/pull/" + (id % 100_000));
    item.put("comments_url", "https://api.github.com/repos/acme/vision-kit/issues/" + (id % 100_000) + "/comments");
    item.put("created_at", created.toString());
    // Few PRs have comments: each fetched unit is an fsync in the journal, which is what makes tests slow.
    item.put("comments", id % 97 == 1 ? 1 : 0);
    ((ObjectNode) item.get("user")).put("login", login).put("type", userType);
    items.add(item);
    return this;
  }

  /** {@code count} pull requests spread evenly over {@code [from, to)}, ids from {@code firstId}. */
  FakeGitHub spread(long firstId, int count, Instant from, Instant to) {
    long span = to.getEpochSecond() - from.getEpochSecond();
    for (int i = 0; i < count; i++) {
      add(firstId + i, from.plusSeconds(span * i / count), "dev" + (i % 7), "User");
    }
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (url.encodedPath().equals("/search/issues")) {
      return search(url);
    }
    if (url.encodedPath().endsWith("/comments")) {
      commentRequests.merge(url.encodedPath(), 1, Integer::sum);
      ArrayNode comments = (ArrayNode) read("github/issue-comments.json");
      ((ObjectNode) comments.get(0)).put("body", "Comment on " + url.encodedPath());
      return json(comments.toString()).build();
    }
    return new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
  }

  private MockResponse search(HttpUrl url) {
    String q = url.queryParameter("q");
    searchQueries.add(q);
    Matcher m = CREATED.matcher(q);
    if (!m.find()) {
      return new MockResponse.Builder().code(422).body("{\"message\":\"Validation Failed\"}").build();
    }
    Instant from = bound(m.group(1), false);
    Instant to = bound(m.group(2), true);
    List<ObjectNode> matching = items.stream()
        .filter(i -> {
          Instant created = Instant.parse(i.get("created_at").asText());
          return !created.isBefore(from) && !created.isAfter(to);
        })
        .sorted(Comparator.comparingLong((ObjectNode i) -> i.get("id").asLong()))
        .toList();
    int page = Integer.parseInt(url.queryParameter("page"));
    int perPage = Integer.parseInt(url.queryParameter("per_page"));
    if ((page - 1) * perPage >= 1000) {
      return new MockResponse.Builder().code(422).body(
          "{\"message\":\"Only the first 1000 search results are available\",\"documentation_url\":\"https://docs.github.com/v3/search/\"}").build();
    }
    int served = Math.min(matching.size(), 1000);
    ObjectNode body = (ObjectNode) read("github/search-issues.json");
    body.put("total_count", matching.size());
    ArrayNode array = body.putArray("items");
    matching.subList(Math.min((page - 1) * perPage, served), Math.min(page * perPage, served)).forEach(array::add);
    totalCountsServed.add((long) matching.size());
    MockResponse.Builder response = json(body.toString());
    if (page * perPage < served) {
      HttpUrl next = url.newBuilder().setQueryParameter("page", Integer.toString(page + 1)).build();
      response.addHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response.build();
  }

  /** A qualifier bound: a day (whole day) or an instant; the upper bound is inclusive. */
  private static Instant bound(String text, boolean upper) {
    if (text.contains("T")) {
      return Instant.parse(text);
    }
    Instant day = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    return upper ? day.plusSeconds(86_399) : day;
  }

  private static MockResponse.Builder json(String body) {
    return new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("x-ratelimit-limit", "30").addHeader("x-ratelimit-remaining", "28")
        .addHeader("x-ratelimit-resource", "search")
        .body(body);
  }

  private static final Map<String, JsonNode> FIXTURES = new ConcurrentHashMap<>();

  /** A fresh copy of a parsed fixture (parsed once: thousands of items are built from it). */
  private static JsonNode read(String fixture) {
    return FIXTURES.computeIfAbsent(fixture, FakeGitHub::parse).deepCopy();
  }

  private static JsonNode parse(String fixture) {
    try {
      return MAPPER.readTree(text(fixture));
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
