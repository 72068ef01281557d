package org.modelevolution.mining;

import static org.modelevolution.testing.HttpFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.modelevolution.testing.VirtualTime;

/**
 * GitHub's issue search and comments (api-reference 2.1, 2.2) over issues and pull requests built
 * from the api-reference fixtures. The search evaluates what the miner sends: the terms
 * {@code (a OR "b c" OR d)} as words and phrases of the title and body, without stemming;
 * {@code is:pr}, {@code is:closed}; {@code created:} as {@code a..b} (both ends inclusive),
 * {@code <day} or {@code >day}. It reports the true {@code total_count}, serves at most 1,000
 * results (page 11 is a 422) and links pages; comments are paged by 100 with {@code Link}.
 *
 * <p>On purpose it can also answer: a window {@code incomplete_results: true} with partial
 * items and count; a secondary limit (403, message only) when two searches arrive less than two
 * seconds apart on the {@link VirtualTime}; a secondary limit with {@code retry-after} on a chosen
 * search; and a seeded share of faults ({@link SeededFaults}), GitHub's own being an incomplete
 * answer, a primary limit waited out to {@code x-ratelimit-reset}, or a message-only secondary limit.
 */
final class FakeGitHub extends Dispatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TERMS = Pattern.compile("^\\(([^)]*)\\)\\s*");
  private static final Duration SEARCH_GAP = Duration.ofSeconds(2);

  private final List<ObjectNode> items = new ArrayList<>();
  private final Map<Long, Integer> commentCounts = new ConcurrentHashMap<>();
  private final VirtualTime time;
  private SeededFaults faults = SeededFaults.none();
  private final Map<String, AtomicInteger> incompleteLeft = new ConcurrentHashMap<>();
  private final AtomicInteger secondaryLimitAt = new AtomicInteger(-1);
  private Instant lastSearch;
  private final AtomicInteger serviceFaults = new AtomicInteger();

  final List<String> searchQueries = new CopyOnWriteArrayList<>();
  final Map<String, Integer> commentRequests = new ConcurrentHashMap<>();
  final AtomicInteger spacingViolations = new AtomicInteger();
  final AtomicInteger incompleteServed = new AtomicInteger();

  FakeGitHub(VirtualTime time) {
    this.time = time;
  }

  /**
   * Adds an issue or pull request {@code id} created at {@code created} by {@code login}
   * ({@code userType} User or Bot; a null login is a deleted account), titled {@code title}.
   */
  FakeGitHub add(long id, Instant created, String login, String userType, String title, boolean pullRequest,
      String state, int comments) {
    ObjectNode item = (ObjectNode) read("github/search-issues.json").get("items").get(0).deepCopy();
    long number = id;
    String kind = pullRequest ? "pull" : "issues";
    item.put("id", id);
    item.put("number", number);
    item.put("title", title);
    item.put("body", "Details of " + id + ".\r\n\r\nFixes #1");
    item.put("state", state);
    item.put("html_url", "https://github.com/acme/vision-kit/" + kind + "/" + number);
    item.put("comments_url", "https://api.github.com/repos/acme/vision-kit/issues/" + number + "/comments");
    item.put("created_at", created.toString());
    item.put("comments", comments);
    if (!pullRequest) {
      item.remove("pull_request");
    }
    if (login == null) {
      item.putNull("user");
    } else {
      ((ObjectNode) item.get("user")).put("login", login).put("type", userType);
    }
    items.add(item);
    commentCounts.put(number, comments);
    return this;
  }

  /** A closed pull request by a person, with a title matching the terms. */
  FakeGitHub pr(long id, Instant created) {
    return add(id, created, "dev" + (id % 7), "User", "Load weights with safetensors (" + id + ")", true, "closed",
        id % 97 == 1 ? 1 : 0);
  }

  /** {@code count} closed pull requests spread evenly over {@code [from, to)}, ids from {@code firstId}. */
  FakeGitHub spread(long firstId, int count, Instant from, Instant to) {
    long span = to.getEpochSecond() - from.getEpochSecond();
    for (int i = 0; i < count; i++) {
      pr(firstId + i, from.plusSeconds(span * i / count));
    }
    return this;
  }

  /** Spoils a seeded share of the answers. */
  FakeGitHub withFaults(SeededFaults seeded) {
    this.faults = seeded;
    return this;
  }

  /** Answers the next {@code times} searches of a window with {@code qualifier} incomplete. */
  FakeGitHub incomplete(String qualifier, int times) {
    incompleteLeft.put(qualifier, new AtomicInteger(times));
    return this;
  }

  /** Answers search number {@code n} (0-based) with the documented secondary limit (retry-after 60). */
  FakeGitHub secondaryLimitAt(int n) {
    secondaryLimitAt.set(n);
    return this;
  }

  /**
   * The study's method on these items: closed pull requests whose title or body holds one of its
   * terms, of any creation date (its windows cover every date), not by a bot (user type Bot or
   * login ending in "bot"), once per URL.
   */
  SortedSet<String> studyPullRequestUrls() {
    SortedSet<String> urls = new TreeSet<>();
    Predicate<String> terms = termMatcher("safetensor OR \"safe tensor\" OR safetensors");
    for (ObjectNode item : items) {
      JsonNode user = item.get("user");
      boolean bot = user.isObject() && (user.path("type").asText().equals("Bot")
          || user.path("login").asText().toLowerCase(Locale.ROOT).endsWith("bot"));
      if (item.has("pull_request") && item.get("state").asText().equals("closed") && !bot
          && terms.test(item.get("title").asText() + " " + item.get("body").asText())) {
        urls.add(item.get("html_url").asText());
      }
    }
    return urls;
  }

  int commentsOf(String htmlUrl) {
    return commentCounts.get(Long.parseLong(htmlUrl.substring(htmlUrl.lastIndexOf('/') + 1)));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (url.encodedPath().equals("/search/issues")) {
      return search(url);
    }
    if (url.encodedPath().endsWith("/comments")) {
      return comments(url);
    }
    return new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
  }

  private synchronized MockResponse search(HttpUrl url) {
    String q = url.queryParameter("q");
    int index = searchQueries.size();
    searchQueries.add(q);
    Instant now = time.now();
    boolean tooSoon = lastSearch != null && Duration.between(lastSearch, now).compareTo(SEARCH_GAP) < 0;
    lastSearch = now;
    if (tooSoon) {
      spacingViolations.incrementAndGet();
      return secondaryLimit(false);
    }
    if (secondaryLimitAt.compareAndSet(index, -1)) {
      return secondaryLimit(true);
    }
    Optional<SeededFaults.Kind> fault = faults.draw();
    Matcher terms = TERMS.matcher(q);
    if (!terms.find()) {
      return validationFailed(q);
    }
    Predicate<ObjectNode> matches = item -> true;
    Predicate<String> text = termMatcher(terms.group(1));
    matches = matches.and(item -> text.test(item.get("title").asText() + " " + item.get("body").asText()));
    String created = null;
    for (String qualifier : q.substring(terms.end()).trim().split("\\s+")) {
      if (qualifier.equals("is:pr")) {
        matches = matches.and(item -> item.has("pull_request"));
      } else if (qualifier.equals("is:closed")) {
        matches = matches.and(item -> item.get("state").asText().equals("closed"));
      } else if (qualifier.startsWith("created:")) {
        created = qualifier;
        matches = matches.and(createdIn(qualifier.substring("created:".length())));
      } else {
        return validationFailed(q);
      }
    }
    List<ObjectNode> matching = items.stream().filter(matches)
        .sorted(Comparator.comparingLong((ObjectNode i) -> i.get("id").asLong())).toList();
    int page = Integer.parseInt(url.queryParameter("page"));
    int perPage = Integer.parseInt(url.queryParameter("per_page"));
    if ((page - 1) * perPage >= 1000) {
      return new MockResponse.Builder().code(422).body(
          "{\"message\":\"Only the first 1000 search results are available\",\"documentation_url\":\"https://docs.github.com/v3/search/\"}").build();
    }
    int served = Math.min(matching.size(), 1000);
    List<ObjectNode> pageItems = matching.subList(Math.min((page - 1) * perPage, served), Math.min(page * perPage, served));
    AtomicInteger scripted = created == null ? null : incompleteLeft.get(created);
    boolean incomplete = scripted != null && scripted.getAndDecrement() > 0;
    if (!incomplete && fault.isPresent() && fault.get() == SeededFaults.Kind.SERVICE) {
      int which = serviceFaults.getAndIncrement() % 3;
      if (which == 1) {
        return primaryLimit("search");
      }
      if (which == 2) {
        return secondaryLimit(false);
      }
      incomplete = true;
    }
    ObjectNode body = (ObjectNode) read("github/search-issues.json");
    body.put("total_count", incomplete ? matching.size() / 3 : matching.size());
    body.put("incomplete_results", incomplete);
    ArrayNode array = body.putArray("items");
    (incomplete ? pageItems.subList(0, pageItems.size() / 3) : pageItems).forEach(array::add);
    Headers.Builder headers = headers("search", 28);
    if (page * perPage < served) {
      HttpUrl next = url.newBuilder().setQueryParameter("page", Integer.toString(page + 1)).build();
      headers.add("Link", "<" + next + ">; rel=\"next\"");
    }
    if (incomplete) {
      incompleteServed.incrementAndGet();
    }
    if (fault.isPresent() && fault.get() != SeededFaults.Kind.SERVICE) {
      return SeededFaults.spoil(fault.get(), headers.build(), body.toString(), false);
    }
    return SeededFaults.ok(headers.build(), body.toString(), false);
  }

  private MockResponse comments(HttpUrl url) {
    commentRequests.merge(url.encodedPath() + "?page=" + url.queryParameter("page"), 1, Integer::sum);
    Optional<SeededFaults.Kind> fault = faults.draw();
    if (fault.isPresent() && fault.get() == SeededFaults.Kind.SERVICE) {
      return primaryLimit("core");
    }
    List<String> segments = url.pathSegments();
    long number = Long.parseLong(segments.get(segments.size() - 2));
    int total = commentCounts.getOrDefault(number, 0);
    int page = url.queryParameter("page") == null ? 1 : Integer.parseInt(url.queryParameter("page"));
    int perPage = Integer.parseInt(url.queryParameter("per_page"));
    ArrayNode comments = MAPPER.createArrayNode();
    JsonNode template = read("github/issue-comments.json").get(0);
    for (int i = (page - 1) * perPage; i < Math.min(page * perPage, total); i++) {
      ObjectNode comment = template.deepCopy();
      comment.put("id", number * 1000 + i);
      comment.put("body", "Comment " + i + " on #" + number);
      comments.add(comment);
    }
    Headers.Builder headers = headers("core", 4000);
    if (page * perPage < total) {
      HttpUrl next = url.newBuilder().setQueryParameter("page", Integer.toString(page + 1)).build();
      headers.add("Link", "<" + next + ">; rel=\"next\"");
    }
    if (fault.isPresent()) {
      return SeededFaults.spoil(fault.get(), headers.build(), comments.toString(), false);
    }
    return SeededFaults.ok(headers.build(), comments.toString(), false);
  }

  /** The terms {@code a OR "b c" OR d}: words and phrases of lower-cased words, no stemming. */
  static Predicate<String> termMatcher(String terms) {
    List<List<String>> alternatives = Arrays.stream(terms.split(" OR "))
        .map(t -> words(t.replace("\"", ""))).toList();
    return text -> {
      List<String> words = words(text);
      for (List<String> phrase : alternatives) {
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
          if (words.subList(i, i + phrase.size()).equals(phrase)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** {@code a..b} (days or instants, both ends inclusive), {@code <day}, {@code >day}. */
  private static Predicate<ObjectNode> createdIn(String range) {
    Instant from;
    Instant to;
    if (range.startsWith("<")) {
      from = Instant.MIN;
      to = bound(range.substring(1), false).minusSeconds(1);
    } else if (range.startsWith(">")) {
      from = bound(range.substring(1), true).plusSeconds(1);
      to = Instant.MAX;
    } else {
      String[] ends = range.split("\\.\\.");
      from = bound(ends[0], false);
      to = bound(ends[1], true);
    }
    return item -> {
      Instant created = Instant.parse(item.get("created_at").asText());
      return !created.isBefore(from) && !created.isAfter(to);
    };
  }

  /** A qualifier bound: a day (its first or last second) or an instant. */
  private static Instant bound(String text, boolean upper) {
    if (text.contains("T")) {
      return Instant.parse(text);
    }
    Instant day = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    return upper ? day.plusSeconds(86_399) : day;
  }

  private MockResponse secondaryLimit(boolean retryAfter) {
    MockResponse.Builder response = new MockResponse.Builder().code(403)
        .headers(headers("search", 12).build())
        .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
            + "\"documentation_url\":\"https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}");
    if (retryAfter) {
      response.setHeader("retry-after", "60");
    }
    return response.build();
  }

  private MockResponse primaryLimit(String resource) {
    return new MockResponse.Builder().code(403)
        .headers(headers(resource, 0).set("x-ratelimit-reset", Long.toString(time.now().getEpochSecond() + 30)).build())
        .body("{\"message\":\"API rate limit exceeded for user ID 1.\"}").build();
  }

  private static MockResponse validationFailed(String q) {
    return new MockResponse.Builder().code(422).body("{\"message\":\"Validation Failed\",\"errors\":[{\"message\":"
        + MAPPER.valueToTree(q) + "}]}").build();
  }

  private Headers.Builder headers(String resource, int remaining) {
    return new Headers.Builder()
        .add("Content-Type", "application/json; charset=utf-8")
        .add("x-ratelimit-limit", resource.equals("search") ? "30" : "5000")
        .add("x-ratelimit-remaining", Integer.toString(remaining))
        .add("x-ratelimit-reset", Long.toString(time.now().getEpochSecond() + 60))
        .add("x-ratelimit-resource", resource);
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
