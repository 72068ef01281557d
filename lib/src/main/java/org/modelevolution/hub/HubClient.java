package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.modelevolution.http.BodyRetries;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.LinkHeader;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.http.RateLimitedException;
import org.modelevolution.http.RetryPolicy;

/**
 * A read-only client of the Hugging Face Hub JSON API and of ranged file reads
 * (api-reference.md 1.1–1.5, 1.10, 1.12, 1.13). Discussions (1.8, 1.9) live in their own client.
 *
 * <p>Every call reads its whole (bounded) body inside one retried unit: the shared client retries
 * statuses 408/429/5xx and connection failures, and this class retries a body that breaks off
 * mid-read, which OkHttp only reports while the body is consumed. Answers that retrying cannot
 * fix become a {@link HubException} saying what the Hub meant (not visible, gated, disabled, ...).
 * The token is only ever sent by the shared client's interceptor and never appears in messages.
 */
public final class HubClient {
  /** Upper bound of a JSON body; a page of 1,000 models with siblings stays far below it. */
  static final long MAX_JSON_BYTES = 256L << 20;

  private final Endpoint endpoint;
  private final OkHttpClient client;
  private final RetryPolicy policy;
  private final Traffic traffic = new Traffic();

  public HubClient(Endpoint endpoint, OkHttpClient client, RetryPolicy policy) {
    this.endpoint = Objects.requireNonNull(endpoint);
    this.client = client.newBuilder().addNetworkInterceptor(traffic).build();
    this.policy = Objects.requireNonNull(policy);
  }

  /** A client with the project's standard HTTP setup for {@code endpoint}. */
  public static HubClient create(Endpoint endpoint, RetryPolicy policy) {
    return new HubClient(endpoint, HttpClients.create(endpoint, policy), policy);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** Requests made and body bytes received so far by this client. */
  public Traffic.Totals traffic() {
    return traffic.totals();
  }

  // ---------------------------------------------------------------- models

  /** The URL of the first page of a listing; later pages come from {@link ModelPage#next()}. */
  public String firstModelsPage(ModelQuery query) {
    HttpUrl.Builder url = endpoint.url("api", "models")
        .addQueryParameter("sort", query.sort())
        .addQueryParameter("limit", Integer.toString(query.pageSize()));
    query.expand().forEach(field -> url.addQueryParameter("expand", field));
    query.filters().forEach(tag -> url.addQueryParameter("filter", tag));
    return url.build().toString();
  }

  /** One page of a model listing; the next URL is the {@code Link} header's, verbatim. */
  public ModelPage modelsPage(String pageUrl) throws IOException {
    Fetched page = fetchJson(HttpUrl.get(pageUrl));
    List<ModelInfo> models = new ArrayList<>();
    requireArray(page).forEach(item -> models.add(ModelInfo.from(item)));
    return new ModelPage(List.copyOf(models), page.next.map(HttpUrl::toString));
  }

  /** Every model of a listing, page after page, lazily. */
  public Stream<ModelInfo> listModels(ModelQuery query) {
    return pages(firstModelsPage(query)).flatMap(page -> page.models().stream());
  }

  /** Model info with file blob ids, sizes and LFS facts ({@code blobs=true}). */
  public ModelInfo modelInfo(String repoId) throws IOException {
    Fetched info = fetchJson(endpoint.url("api", "models", repoId).addQueryParameter("blobs", "true").build());
    ModelInfo model = ModelInfo.from(requireObject(info));
    return info.redirected && !model.id().equals(repoId) ? model.withRequestedId(repoId) : model;
  }

  // ---------------------------------------------------------------- commits and trees

  /** All commits of a revision, newest first, following the {@code Link} pagination. */
  public List<HubCommit> commits(String repoId, String revision) throws IOException {
    List<HubCommit> commits = new ArrayList<>();
    HttpUrl url = endpoint.url("api", "models", repoId, "commits").addPathSegment(revision)
        .addQueryParameter("limit", "1000").build();
    while (url != null) {
      Fetched page = fetchJson(url);
      requireArray(page).forEach(c -> commits.add(HubCommit.from(c)));
      url = page.next.orElse(null);
    }
    return List.copyOf(commits);
  }

  /**
   * The oldest commit of a revision in two small requests: the first reads the total from
   * {@code X-Total-Count}, the second asks for that last one-commit page.
   */
  public Optional<HubCommit> firstCommit(String repoId, String revision) throws IOException {
    HttpUrl.Builder base = endpoint.url("api", "models", repoId, "commits").addPathSegment(revision)
        .addQueryParameter("limit", "1");
    Fetched head = fetchJson(base.build());
    long total = parseLong(head.headers.get("X-Total-Count")).orElse(-1);
    if (total <= 0) {
      JsonNode items = requireArray(head);
      return items.isEmpty() ? Optional.empty() : Optional.of(HubCommit.from(items.get(0)));
    }
    Fetched last = fetchJson(base.addQueryParameter("p", Long.toString(total - 1)).build());
    JsonNode items = requireArray(last);
    return items.isEmpty() ? Optional.empty() : Optional.of(HubCommit.from(items.get(items.size() - 1)));
  }

  /** The files (and folders) of a revision, recursively, across {@code Link} pages. */
  public List<TreeEntry> tree(String repoId, String revision) throws IOException {
    return tree(repoId, revision, false);
  }

  /**
   * The same, with {@code expand=true} when {@code withSecurity}: each file then carries the Hub's
   * {@code securityFileStatus} (and pages are smaller, 100 entries).
   */
  public List<TreeEntry> tree(String repoId, String revision, boolean withSecurity) throws IOException {
    List<TreeEntry> entries = new ArrayList<>();
    HttpUrl.Builder first = endpoint.url("api", "models", repoId, "tree").addPathSegment(revision)
        .addQueryParameter("recursive", "true");
    if (withSecurity) {
      first.addQueryParameter("expand", "true");
    }
    HttpUrl url = first.build();
    while (url != null) {
      Fetched page = fetchJson(url);
      requireArray(page).forEach(e -> entries.add(TreeEntry.from(e)));
      url = page.next.orElse(null);
    }
    return List.copyOf(entries);
  }

  // ---------------------------------------------------------------- files

  /**
   * Reads bytes {@code [start, start + length)} of a model file at a revision through
   * {@code /resolve/} with a {@code Range} header, following the CDN redirect. A server that
   * ignores the range is read only as far as needed.
   */
  public RangeRead readRange(String repoId, String revision, String path, long start, int length)
      throws IOException {
    HttpUrl url = endpoint.url(repoId, "resolve").addPathSegment(revision).addPathSegments(path).build();
    return readRange(url, start, length);
  }

  /** A file of a dataset repository, whole, at most {@code maxBytes} (e.g. the conversions' {@code data.csv}). */
  public byte[] datasetFile(String repoId, String revision, String path, long maxBytes) throws IOException {
    HttpUrl url = endpoint.url("datasets", repoId, "resolve").addPathSegment(revision).addPathSegments(path).build();
    return fetch(new Request.Builder().url(url).build(), maxBytes, false).body;
  }

  // ---------------------------------------------------------------- activity feed

  /**
   * One page of a user's activity feed ({@code /api/recent-activity}, undocumented and marked
   * uncertain in api-reference.md 1.13): callers must treat any failure as "feed unavailable".
   */
  public ActivityPage recentActivity(String entity, String activityType, Optional<String> cursor)
      throws IOException {
    HttpUrl.Builder url = endpoint.url("api", "recent-activity")
        .addQueryParameter("feedType", "user")
        .addQueryParameter("entity", entity)
        .addQueryParameter("activityType", activityType)
        .addQueryParameter("limit", "50");
    cursor.ifPresent(c -> url.addQueryParameter("cursor", c));
    JsonNode body = requireObject(fetchJson(url.build()));
    JsonNode items = body.get("recentActivity");
    if (items == null || !items.isArray()) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, 200, url.build().redact(),
          "no recentActivity array");
    }
    List<JsonNode> list = new ArrayList<>();
    items.forEach(list::add);
    return new ActivityPage(List.copyOf(list), HubJson.optionalText(body, "cursor"));
  }

  // ---------------------------------------------------------------- plumbing

  private RangeRead readRange(HttpUrl url, long start, int length) throws IOException {
    Traffic.Totals before = traffic.totals();
    Request request = new Request.Builder().url(url)
        .header("Range", "bytes=" + start + "-" + (start + length - 1)).build();
    Fetched fetched = fetch(request, length, true);
    OptionalLong total = contentRangeTotal(fetched.headers.get("Content-Range"));
    if (total.isEmpty()) {
      total = parseLong(fetched.linkedSize);
    }
    byte[] bytes = fetched.body;
    if (fetched.code == 200 && start > 0) {
      // A server that ignored the range sent the file from its start.
      bytes = start >= bytes.length ? new byte[0]
          : java.util.Arrays.copyOfRange(bytes, (int) Math.min(start, bytes.length), bytes.length);
    }
    Traffic.Totals cost = traffic.totals().minus(before);
    return new RangeRead(bytes, total, (int) cost.requests(), cost.bytes());
  }

  private Stream<ModelPage> pages(String first) {
    Iterator<ModelPage> it = new Iterator<>() {
      private Optional<String> next = Optional.of(first);

      @Override
      public boolean hasNext() {
        return next.isPresent();
      }

      @Override
      public ModelPage next() {
        if (next.isEmpty()) {
          throw new NoSuchElementException();
        }
        try {
          ModelPage page = modelsPage(next.get());
          next = page.next();
          return page;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
  }

  /** A response read in full, with what the caller needs from its headers. */
  private record Fetched(int code, Headers headers, byte[] body, Optional<HttpUrl> next,
      boolean redirected, String linkedSize) {}

  private Fetched fetchJson(HttpUrl url) throws IOException {
    return fetch(new Request.Builder().url(url).header("Accept", "application/json").build(), MAX_JSON_BYTES, false);
  }

  /**
   * Executes and reads the body (at most {@code maxBytes}; with {@code truncate} extra bytes are
   * dropped, otherwise they are an error), retrying a body that breaks off mid-read.
   */
  private Fetched fetch(Request request, long maxBytes, boolean truncate) throws IOException {
    String what = "reading " + request.url().newBuilder().query(null).build();
    return BodyRetries.call(policy, what, HubClient::worthSendingAgain, () -> {
      try (Response response = client.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw HubErrors.toException(response);
        }
        byte[] body = readBounded(response, maxBytes, truncate);
        boolean redirected = false;
        String linkedSize = null;
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
          redirected |= prior.code() == 301 || prior.code() == 307 || prior.code() == 308;
          if (prior.header("X-Linked-Size") != null) {
            linkedSize = prior.header("X-Linked-Size");
          }
        }
        return new Fetched(response.code(), response.headers(), body, LinkHeader.next(response),
            redirected, linkedSize);
      }
    });
  }

  /**
   * Whether a failed fetch is worth sending again: a body that broke off or any other I/O failure is, but not the
   * Hub's answer ({@link HubException}), a fatal request, nor a timeout of a thread that was interrupted.
   */
  private static boolean worthSendingAgain(IOException failure) {
    if (failure instanceof HubException || failure instanceof FatalRequestException) {
      return false;
    }
    return !(failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
  }

  private static byte[] readBounded(Response response, long maxBytes, boolean truncate) throws IOException {
    BufferedSource source = response.body().source();
    Buffer buffer = new Buffer();
    while (buffer.size() < maxBytes) {
      long n = source.read(buffer, Math.min(1 << 16, maxBytes - buffer.size()));
      if (n == -1) {
        return buffer.readByteArray();
      }
    }
    if (!truncate && !source.exhausted()) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, response.code(),
          response.request().url().redact(), "body larger than " + maxBytes + " bytes");
    }
    return buffer.readByteArray();
  }

  private static JsonNode parse(Fetched fetched) throws IOException {
    try {
      JsonNode node = HubJson.MAPPER.readTree(fetched.body);
      if (node == null) {
        throw new IOException("empty body");
      }
      return node;
    } catch (IOException e) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, fetched.code, "", "invalid JSON: " + e.getMessage());
    }
  }

  private static JsonNode requireArray(Fetched fetched) throws IOException {
    JsonNode node = parse(fetched);
    if (!node.isArray()) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, fetched.code, "", "expected a JSON array");
    }
    return node;
  }

  private static JsonNode requireObject(Fetched fetched) throws IOException {
    JsonNode node = parse(fetched);
    if (!node.isObject()) {
      throw new HubException(HubException.Reason.MALFORMED_RESPONSE, fetched.code, "", "expected a JSON object");
    }
    return node;
  }

  private static OptionalLong contentRangeTotal(String header) {
    if (header == null || !header.contains("/")) {
      return OptionalLong.empty();
    }
    return parseLong(header.substring(header.indexOf('/') + 1));
  }

  private static OptionalLong parseLong(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.strip().replace("\"", "")));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
