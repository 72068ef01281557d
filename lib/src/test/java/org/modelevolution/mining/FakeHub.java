package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.modelevolution.io.Sha256;

/**
 * A fake Hugging Face Hub for the mining tests: a mockwebserver3 dispatcher answering the
 * endpoints of api-reference.md (1.1 listing with {@code Link} cursors, 1.2 model info with
 * blobs, 1.4 commits with {@code X-Total-Count}, 1.5 tree listings (with {@code expand=true} the
 * Hub's {@code securityFileStatus} of {@link #securityStatus}), 1.9 discussion details, 1.10 {@code resolve}
 * with a 302 to a CDN for LFS files and ranged 206 answers, 1.12 {@code data.csv}, 1.13 activity
 * feed) from git repositories it builds with JGit (served to clones as local file URLs).
 */
final class FakeHub extends Dispatcher {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A repository once built: its git folder and, per commit hash, the tree state. */
  record Built(FakeRepo repo, Path gitDir, List<String> hashes, Map<String, TreeMap<String, FakeRepo.Blob>> states) {
    TreeMap<String, FakeRepo.Blob> head() {
      return states.get(hashes.get(hashes.size() - 1));
    }
  }

  /** A bot PR and its timeline. */
  record Pr(String repoId, int num, String status, String createdAt, List<ObjectNode> events, JsonNode conflicts) {}

  final Map<String, Built> repos = new LinkedHashMap<>();
  final Map<String, byte[]> cdn = new ConcurrentHashMap<>();
  final Map<String, Pr> prs = new LinkedHashMap<>();
  final Map<String, AtomicInteger> contentReads = new ConcurrentHashMap<>();
  final AtomicInteger apiRequests = new AtomicInteger();
  /** Requests per rate-limit bucket as the Hub counts them (api-reference.md 1.0.1), plus git and cdn. */
  final Map<String, AtomicInteger> bucketRequests = new ConcurrentHashMap<>();
  /** Per repository, how many more git requests answer 503 before git works again. */
  final Map<String, AtomicInteger> gitFailures = new ConcurrentHashMap<>();
  /** The token a user granted access to the gated repositories ({@link FakeRepo#tokenOnly}). */
  static final String TOKEN = "hf_fakeTokenForTheGatedRepository";
  String conversionsCsv = "model_id,pr_url,time\n";
  List<List<ObjectNode>> feedPages = List.of();
  boolean feedBroken;
  /** Renamed repositories, old id to new: the API answers the old id with a 307 to the new one (gotcha #4). */
  final Map<String, String> renames = new ConcurrentHashMap<>();
  /**
   * The Hub's own scan of a content, by the content's SHA-256: the {@code securityFileStatus}
   * object a tree listing with {@code expand=true} shows for every file holding it (see
   * {@link #securityFileStatus}). A content not in the map is listed without one, as the field is optional.
   */
  final Map<String, ObjectNode> securityStatus = new ConcurrentHashMap<>();
  /** Every tree listing page requested, in order. */
  final List<HttpUrl> treeListings = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Repositories whose tree the API no longer lists (404 RepoNotFound), although git still serves them. */
  final java.util.Set<String> treeGone = ConcurrentHashMap.newKeySet();
  /** Entries per tree page; 0 for the Hub's own, 1,000, or 100 with {@code expand=true}. */
  volatile int treePageSize;

  // ------------------------------------------------------------------ building

  /**
   * Whether {@link #add} only computes the object ids and writes a repository's git objects (one
   * pack) when a client first fetches it: the simulated Hub of thousands of repositories.
   */
  volatile boolean lazyGit;
  /** Repositories the listing still shows but that are gone since (404 everywhere else). */
  final java.util.Set<String> deleted = ConcurrentHashMap.newKeySet();

  void add(FakeRepo repo, Path gitRoot) {
    Path dir = gitRoot.resolve(repo.id + ".git");
    if (lazyGit) {
      try (ObjectInserter ids = new IdsOnly()) {
        repos.put(repo.id, build(repo, dir, ids));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    repos.put(repo.id, writeGit(repo, dir));
  }

  /** An inserter that only computes the ids git would give the objects, storing nothing. */
  private static final class IdsOnly extends ObjectInserter.Formatter {
    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) {
      return idFor(type, data, off, len);
    }

    @Override
    public ObjectId insert(int type, long length, java.io.InputStream in) throws IOException {
      return idFor(type, length, in);
    }
  }

  private Built writeGit(FakeRepo repo, Path dir) {
    try {
      try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call()) {
        Repository r = git.getRepository();
        Built built;
        ObjectInserter packed = r.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory od
            ? od.newPackInserter() : r.newObjectInserter();
        try (ObjectInserter inserter = packed) {
          built = build(repo, dir, inserter);
          inserter.flush();
        }
        RefUpdate update = r.updateRef("refs/heads/main");
        update.setNewObjectId(ObjectId.fromString(built.hashes().get(built.hashes().size() - 1)));
        update.forceUpdate();
        return built;
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot build " + repo.id, e);
    }
  }

  /** The commits of {@code repo} through {@code inserter}: their hashes and tree states. */
  private Built build(FakeRepo repo, Path dir, ObjectInserter inserter) throws IOException {
    List<String> hashes = new ArrayList<>();
    Map<String, TreeMap<String, FakeRepo.Blob>> states = new LinkedHashMap<>();
    TreeMap<String, FakeRepo.Blob> state = new TreeMap<>();
    ObjectId parent = null;
    for (FakeRepo.Spec spec : repo.commits) {
      state = FakeRepo.apply(state, spec);
      ObjectId tree = writeTree(inserter, state, "");
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent who = new PersonIdent(spec.author(), spec.author().replace(' ', '.') + "@example.org",
          spec.date(), java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(spec.message());
      parent = inserter.insert(commit);
      hashes.add(parent.name());
      states.put(parent.name(), state);
      state.values().stream().filter(FakeRepo.Blob::lfs).forEach(b -> cdn.putIfAbsent(sha256(b.content()), b.content()));
    }
    return new Built(repo, dir, List.copyOf(hashes), states);
  }

  /** The git folder of a lazily built repository, written on its first fetch. */
  private void materialize(Built b) {
    synchronized (b) {
      if (!java.nio.file.Files.isDirectory(b.gitDir()) && !deleted.contains(b.repo().id)) {
        Built written = writeGit(b.repo(), b.gitDir());
        if (!written.hashes().equals(b.hashes())) {
          throw new IllegalStateException("git objects differ from the computed ids: " + b.repo().id);
        }
      }
    }
  }

  private static ObjectId writeTree(ObjectInserter inserter, TreeMap<String, FakeRepo.Blob> state, String prefix)
      throws IOException {
    // Children of this folder: files directly in it, and sub-folders; written in git order.
    TreeMap<String, Object> children = new TreeMap<>(Comparator.comparing(FakeHub::gitSortKey));
    for (Map.Entry<String, FakeRepo.Blob> e : state.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        children.put(rest, e.getValue());
      } else {
        children.putIfAbsent(rest.substring(0, slash) + "/", "dir");
      }
    }
    TreeFormatter formatter = new TreeFormatter();
    for (Map.Entry<String, Object> child : children.entrySet()) {
      if (child.getValue() instanceof FakeRepo.Blob blob) {
        ObjectId id = inserter.insert(Constants.OBJ_BLOB, blob.gitBytes());
        formatter.append(child.getKey(), blob.symlink() ? FileMode.SYMLINK : FileMode.REGULAR_FILE, id);
      } else {
        String name = child.getKey().substring(0, child.getKey().length() - 1);
        formatter.append(name, FileMode.TREE, writeTree(inserter, state, prefix + name + "/"));
      }
    }
    return inserter.insert(formatter);
  }

  /** Git orders tree entries by name bytes, a folder compared as {@code name/}. */
  static String gitSortKey(String name) {
    return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  static String sha256(byte[] content) {
    return Sha256.of(content);
  }

  static String gitBlobId(byte[] bytes) {
    try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
      return f.idFor(Constants.OBJ_BLOB, bytes).name();
    }
  }

  // ------------------------------------------------------------------ serving

  /** Response body bytes per bucket, as {@link #bucketRequests}. */
  final Map<String, java.util.concurrent.atomic.AtomicLong> bucketBytes = new ConcurrentHashMap<>();
  /** The Hub's per-token limits, when simulated ({@link RateLimits}); null serves without limits. */
  volatile RateLimits rateLimits;

  /**
   * Fixed windows per bucket as the Hub has them (api-reference.md 1.0.1), on a scaled clock: a
   * window of {@code windowMillis} real milliseconds stands for the Hub's 5 minutes, and a bucket
   * serves at most its quota in it; beyond, 429 with {@code Retry-After} (whole seconds to the
   * window's end, at least 1) and the {@code RateLimit} header. Per window it records what each
   * bucket served and refused, to show whether a client keeps the bucket full without exceeding it.
   */
  static final class RateLimits {
    final Map<String, Integer> quota;
    final long windowMillis;
    final long start = System.currentTimeMillis();
    /** Per bucket, per window index: {served, refused}. */
    final Map<String, TreeMap<Long, long[]>> windows = new ConcurrentHashMap<>();

    RateLimits(Map<String, Integer> quota, long windowMillis) {
      this.quota = Map.copyOf(quota);
      this.windowMillis = windowMillis;
    }

    /** The 429 of a request over the quota, or null when the bucket still has room. */
    synchronized MockResponse admit(String bucket) {
      Integer q = quota.get(bucket);
      if (q == null) {
        return null;
      }
      long now = System.currentTimeMillis() - start;
      long window = now / windowMillis;
      long[] counts = windows.computeIfAbsent(bucket, b -> new TreeMap<>()).computeIfAbsent(window, w -> new long[2]);
      long resetMillis = (window + 1) * windowMillis - now;
      String header = "\"" + bucket + "\";r=" + Math.max(0, q - counts[0] - 1) + ";t=" + Math.max(1, resetMillis / 1000);
      if (counts[0] >= q) {
        counts[1]++;
        return new MockResponse.Builder().code(429).addHeader("Retry-After", Long.toString(Math.max(1, (resetMillis + 999) / 1000)))
            .addHeader("RateLimit", "\"" + bucket + "\";r=0;t=" + Math.max(1, resetMillis / 1000))
            .addHeader("RateLimit-Policy", "\"fixed window\";\"" + bucket + "\";q=" + q + ";w=" + windowMillis / 1000)
            .addHeader("Content-Type", "application/json; charset=utf-8")
            .body("{\"error\":\"You have exceeded our quotas for action '" + bucket + "'. We invite you to retry later.\"}").build();
      }
      counts[0]++;
      return null;
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String bucket = bucket(request.getUrl().pathSegments());
    MockResponse response;
    try {
      RateLimits limits = rateLimits;
      MockResponse refused = limits == null ? null : limits.admit(bucket);
      response = refused != null ? refused : route(request);
    } catch (RuntimeException e) {
      response = new MockResponse.Builder().code(500).body("{\"error\":\"fake hub: " + e + "\"}").build();
    }
    long length = response.getBody() == null ? 0 : response.getBody().getContentLength();
    bucketBytes.computeIfAbsent(bucket, k -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(Math.max(0, length));
    return response;
  }

  private MockResponse route(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> s = url.pathSegments();
    if (s.get(0).equals("api")) {
      apiRequests.incrementAndGet();
    }
    bucketRequests.computeIfAbsent(bucket(s), k -> new AtomicInteger()).incrementAndGet();
    if (s.size() >= 3 && (s.get(2).equals("git-upload-pack") || s.size() >= 4 && s.get(2).equals("info")
        && s.get(3).equals("refs"))) {
      return git(request, s.get(0) + "/" + s.get(1).replaceFirst("\\.git$", ""), s.get(2).equals("info"));
    }
    if (s.size() >= 4 && s.get(0).equals("api") && s.get(1).equals("models")
        && renames.containsKey(s.get(2) + "/" + s.get(3))) {
      String[] renamed = renames.get(s.get(2) + "/" + s.get(3)).split("/");
      HttpUrl.Builder moved = url.newBuilder().setPathSegment(2, renamed[0]).setPathSegment(3, renamed[1]);
      return new MockResponse.Builder().code(307).addHeader("Location", moved.build().encodedPath()
          + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery())).build();
    }
    if (s.size() == 2 && s.get(0).equals("api") && s.get(1).equals("models")) {
      return listing(url);
    }
    if (s.size() >= 4 && s.get(0).equals("api") && s.get(1).equals("models") && deleted.contains(s.get(2) + "/" + s.get(3))
        || s.size() >= 3 && !s.get(0).equals("api") && deleted.contains(s.get(0) + "/" + s.get(1).replaceFirst("\\.git$", ""))) {
      return notFound("RepoNotFound");
    }
    if (s.size() == 2 && s.get(0).equals("api") && s.get(1).equals("recent-activity")) {
      return feed(url);
    }
    if (s.size() == 4 && s.get(0).equals("api") && s.get(1).equals("models")) {
      return info(s.get(2) + "/" + s.get(3));
    }
    if (s.size() >= 6 && s.get(0).equals("api") && s.get(1).equals("models") && s.get(4).equals("tree")) {
      return tree(url, s.get(2) + "/" + s.get(3), s.get(5), String.join("/", s.subList(6, s.size())));
    }
    if (s.size() == 6 && s.get(0).equals("api") && s.get(4).equals("commits")) {
      return commits(url, s.get(2) + "/" + s.get(3));
    }
    if (s.size() == 5 && s.get(0).equals("api") && s.get(4).equals("discussions")) {
      return discussionList(url, s.get(2) + "/" + s.get(3));
    }
    if (s.size() == 6 && s.get(0).equals("api") && s.get(4).equals("discussions")) {
      return discussion(s.get(2) + "/" + s.get(3), Integer.parseInt(s.get(5)));
    }
    if (s.size() >= 5 && s.get(0).equals("datasets") && s.get(3).equals("resolve")) {
      return json(200, conversionsCsv).setHeader("Content-Type", "text/csv").build();
    }
    if (s.size() == 2 && s.get(0).equals("cdn")) {
      byte[] content = cdn.get(s.get(1));
      return content == null ? notFound("EntryNotFound") : ranged(request, content, s.get(1));
    }
    if (s.size() >= 5 && s.get(2).equals("resolve")) {
      return resolve(request, s);
    }
    return notFound("RepoNotFound");
  }

  static String bucket(List<String> s) {
    if (s.get(0).equals("api")) {
      return "api";
    }
    if (s.contains("resolve")) {
      return "resolvers";
    }
    if (s.get(0).equals("cdn")) {
      return "cdn";
    }
    return s.size() >= 3 && (s.get(2).equals("info") || s.get(2).equals("git-upload-pack")) ? "git" : "pages";
  }

  /** Whether the request carries the token, as a bearer or as the password of basic authentication. */
  static boolean hasToken(RecordedRequest request) {
    String auth = request.getHeaders().get("Authorization");
    if (auth == null) {
      return false;
    }
    if (auth.equals("Bearer " + TOKEN)) {
      return true;
    }
    if (auth.startsWith("Basic ")) {
      String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
      return decoded.endsWith(":" + TOKEN);
    }
    return false;
  }

  /**
   * Git smart HTTP (protocol v0) from the repository JGit built: the ref advertisement of
   * {@code info/refs?service=git-upload-pack} and the pack of {@code git-upload-pack}.
   */
  private MockResponse git(RecordedRequest request, String id, boolean advertisement) {
    Built b = repos.get(id);
    if (b != null && lazyGit) {
      materialize(b);
    }
    if (b == null || !java.nio.file.Files.isDirectory(b.gitDir())) {
      return new MockResponse.Builder().code(404).body("Repository not found").build();
    }
    if (b.repo().tokenOnly && !hasToken(request)) {
      return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"Authentication required\"")
          .body("Invalid username or password.").build();
    }
    AtomicInteger failures = gitFailures.get(id);
    if (failures != null && failures.getAndDecrement() > 0) {
      return new MockResponse.Builder().code(503).body("Service Unavailable").build();
    }
    try (Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(b.gitDir().toFile())
        .setMustExist(true).build()) {
      org.eclipse.jgit.transport.UploadPack pack = new org.eclipse.jgit.transport.UploadPack(r);
      pack.setBiDirectionalPipe(false);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      if (advertisement) {
        org.eclipse.jgit.transport.PacketLineOut pkt = new org.eclipse.jgit.transport.PacketLineOut(out);
        pkt.writeString("# service=git-upload-pack\n");
        pkt.end();
        pack.sendAdvertisedRefs(new org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser(pkt));
        return new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/x-git-upload-pack-advertisement")
            .addHeader("Cache-Control", "no-cache").body(new Buffer().write(out.toByteArray())).build();
      }
      java.io.InputStream in = request.getBody() == null ? java.io.InputStream.nullInputStream()
          : new java.io.ByteArrayInputStream(request.getBody().toByteArray());
      if ("gzip".equals(request.getHeaders().get("Content-Encoding"))) {
        in = new java.util.zip.GZIPInputStream(in);
      }
      pack.upload(in, out, null);
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-git-upload-pack-result")
          .addHeader("Cache-Control", "no-cache").body(new Buffer().write(out.toByteArray())).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse listing(HttpUrl url) {
    int limit = Integer.parseInt(Optional.ofNullable(url.queryParameter("limit")).orElse("1000"));
    String cursor = url.queryParameter("cursor");
    int offset = cursor == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
    List<Built> sorted = new ArrayList<>(repos.values());
    sorted.sort(Comparator.comparing((Built b) -> b.repo().createdAt).reversed().thenComparing(b -> b.repo().id));
    List<String> expand = url.queryParameterValues("expand").stream().map(String::valueOf).toList();
    ArrayNode page = JSON.createArrayNode();
    for (Built b : sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + limit, sorted.size()))) {
      ObjectNode full = modelJson(b, false);
      ObjectNode item = JSON.createObjectNode();
      item.put("_id", full.get("_id").asText());
      item.put("id", b.repo().id);
      for (String field : expand) {
        if (full.has(field)) {
          item.set(field, full.get(field));
        }
      }
      page.add(item);
    }
    MockResponse.Builder response = json(200, page.toString())
        .addHeader("RateLimit", "\"api\";r=994;t=281")
        .addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300");
    if (offset + limit < sorted.size()) {
      String next = url.newBuilder().setQueryParameter("cursor",
          Base64.getEncoder().encodeToString(Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8))).build().toString();
      response.addHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response.build();
  }

  ObjectNode modelJson(Built b, boolean blobs) {
    FakeRepo repo = b.repo();
    ObjectNode node = JSON.createObjectNode();
    node.put("_id", sha256(repo.id.getBytes(StandardCharsets.UTF_8)).substring(0, 24));
    node.put("id", repo.id);
    node.put("modelId", repo.id);
    node.put("author", repo.id.substring(0, repo.id.indexOf('/')));
    node.put("sha", b.hashes().get(b.hashes().size() - 1));
    node.put("lastModified", iso(repo.lastModified));
    node.put("createdAt", iso(repo.createdAt));
    node.put("private", false);
    if (repo.gated.equals("false")) {
      node.put("gated", false);
    } else {
      node.put("gated", repo.gated);
    }
    node.put("disabled", false);
    node.put("downloads", repo.id.length() * 7L);
    node.put("likes", repo.id.length() % 5);
    node.put("library_name", "transformers");
    node.put("pipeline_tag", "text-classification");
    ArrayNode tags = node.putArray("tags");
    tags.add("transformers");
    tags.add("region:us");
    ArrayNode siblings = node.putArray("siblings");
    long used = 0;
    for (Map.Entry<String, FakeRepo.Blob> e : b.head().entrySet()) {
      ObjectNode sibling = siblings.addObject();
      sibling.put("rfilename", e.getKey());
      FakeRepo.Blob blob = e.getValue();
      used += blob.content().length;
      if (blobs) {
        sibling.put("blobId", gitBlobId(blob.gitBytes()));
        sibling.put("size", blob.content().length);
        if (blob.lfs()) {
          ObjectNode lfs = sibling.putObject("lfs");
          lfs.put("sha256", sha256(blob.content()));
          lfs.put("size", blob.content().length);
          lfs.put("pointerSize", blob.gitBytes().length);
        }
      }
    }
    node.put("usedStorage", used);
    return node;
  }

  private MockResponse info(String id) {
    Built b = repos.get(id);
    return b == null ? notFound("RepoNotFound") : json(200, modelJson(b, true).toString()).build();
  }

  private MockResponse commits(HttpUrl url, String id) {
    Built b = repos.get(id);
    if (b == null) {
      return notFound("RepoNotFound");
    }
    int limit = Integer.parseInt(Optional.ofNullable(url.queryParameter("limit")).orElse("50"));
    int p = Integer.parseInt(Optional.ofNullable(url.queryParameter("p")).orElse("0"));
    List<Integer> newestFirst = new ArrayList<>();
    for (int i = b.hashes().size() - 1; i >= 0; i--) {
      newestFirst.add(i);
    }
    ArrayNode page = JSON.createArrayNode();
    for (int i = p * limit; i < Math.min((p + 1) * limit, newestFirst.size()); i++) {
      int index = newestFirst.get(i);
      FakeRepo.Spec spec = b.repo().commits.get(index);
      ObjectNode c = page.addObject();
      c.put("id", b.hashes().get(index));
      String[] lines = spec.message().split("\n", 2);
      c.put("title", lines[0]);
      c.put("message", lines.length > 1 ? lines[1] : "");
      c.putArray("authors").addObject().put("user", spec.author());
      c.put("date", iso(spec.date()));
    }
    MockResponse.Builder response = json(200, page.toString())
        .addHeader("X-Total-Count", Integer.toString(newestFirst.size()));
    if ((p + 1) * limit < newestFirst.size()) {
      response.addHeader("Link", "<" + url.newBuilder().setQueryParameter("p", Integer.toString(p + 1)).build()
          + ">; rel=\"next\"");
    }
    return response.build();
  }

  /**
   * {@code GET /api/models/{id}/tree/{revision}[/{folder}]} (api-reference.md 1.5): files and
   * folders, recursively with {@code recursive=true}; LFS files with {@code lfs.oid} (gotcha #20);
   * with {@code expand=true} also {@code lastCommit} and, where {@link #securityStatus} has one,
   * {@code securityFileStatus}. Pages of {@link #treePageSize} with a {@code Link} cursor that
   * keeps every query parameter (gotcha #3). Entries come in reverse path order: the Hub does not
   * guarantee any order, so nobody may rely on one.
   */
  private MockResponse tree(HttpUrl url, String id, String revision, String folder) {
    treeListings.add(url);
    Built b = repos.get(id);
    if (b == null || treeGone.contains(id)) {
      return notFound("RepoNotFound");
    }
    String hash = revision.equals("main") ? b.hashes().get(b.hashes().size() - 1) : revision;
    TreeMap<String, FakeRepo.Blob> state = b.states().get(hash);
    if (state == null) {
      return notFound("RevisionNotFound");
    }
    boolean expand = "true".equals(url.queryParameter("expand"));
    boolean recursive = "true".equals(url.queryParameter("recursive"));
    String prefix = folder.isEmpty() ? "" : folder + "/";
    TreeMap<String, ObjectNode> entries = new TreeMap<>(Comparator.reverseOrder());
    for (Map.Entry<String, FakeRepo.Blob> e : state.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String[] parts = e.getKey().substring(prefix.length()).split("/");
      for (int depth = 1; depth < parts.length && (recursive || depth == 1); depth++) {
        String dir = prefix + String.join("/", java.util.Arrays.asList(parts).subList(0, depth));
        entries.computeIfAbsent(dir, d -> {
          ObjectNode node = JSON.createObjectNode();
          node.put("type", "directory");
          node.put("oid", sha256(("tree " + d).getBytes(StandardCharsets.UTF_8)).substring(0, 40));
          node.put("size", 0);
          node.put("path", d);
          return node;
        });
      }
      if (recursive || parts.length == 1) {
        entries.put(e.getKey(), fileEntry(b, hash, e.getKey(), e.getValue(), expand));
      }
    }
    List<ObjectNode> all = new ArrayList<>(entries.values());
    int limit = url.queryParameter("limit") != null ? Integer.parseInt(url.queryParameter("limit"))
        : treePageSize > 0 ? treePageSize : expand ? 100 : 1000;
    String cursor = url.queryParameter("cursor");
    int offset = cursor == null ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
    ArrayNode page = JSON.createArrayNode();
    all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())).forEach(page::add);
    MockResponse.Builder response = json(200, page.toString()).addHeader("RateLimit", "\"api\";r=990;t=200");
    if (offset + limit < all.size()) {
      String next = url.newBuilder().setQueryParameter("cursor",
          Base64.getEncoder().encodeToString(Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8))).build().toString();
      response.addHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response.build();
  }

  private ObjectNode fileEntry(Built b, String hash, String path, FakeRepo.Blob blob, boolean expand) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "file");
    node.put("oid", gitBlobId(blob.gitBytes()));
    node.put("size", blob.content().length);
    if (blob.lfs()) {
      ObjectNode lfs = node.putObject("lfs");
      lfs.put("oid", sha256(blob.content()));
      lfs.put("size", blob.content().length);
      lfs.put("pointerSize", blob.gitBytes().length);
    }
    node.put("path", path);
    if (expand) {
      // The last commit up to this revision that changed the file.
      int last = 0;
      for (int i = 0; i <= b.hashes().indexOf(hash); i++) {
        FakeRepo.Blob before = i == 0 ? null : b.states().get(b.hashes().get(i - 1)).get(path);
        if (b.states().get(b.hashes().get(i)).get(path) != before) {
          last = i;
        }
      }
      FakeRepo.Spec spec = b.repo().commits.get(last);
      node.putObject("lastCommit").put("id", b.hashes().get(last)).put("title", spec.message().split("\n", 2)[0])
          .put("date", iso(spec.date()));
      ObjectNode status = securityStatus.get(sha256(blob.content()));
      if (status != null) {
        node.set("securityFileStatus", status.deepCopy());
      }
    }
    return node;
  }

  /**
   * A {@code securityFileStatus} in the shape of api-reference.md 1.5: {@code status}, an
   * {@code avScan}, and unless {@code pickleStatus} is null a {@code pickleImportScan} of that
   * status listing {@code imports}, each {@code "module name safety"}.
   */
  static ObjectNode securityFileStatus(String status, String pickleStatus, String... imports) {
    ObjectNode node = JSON.createObjectNode();
    node.put("status", status);
    node.putObject("avScan").put("status", status.equals("unscanned") || status.equals("queued") ? status : "safe")
        .put("version", "1.4.2");
    if (pickleStatus != null) {
      ObjectNode scan = node.putObject("pickleImportScan");
      scan.put("status", pickleStatus);
      ArrayNode list = scan.putArray("pickleImports");
      for (String i : imports) {
        String[] parts = i.split(" ");
        list.addObject().put("module", parts[0]).put("name", parts[1]).put("safety", parts[2]);
      }
    }
    return node;
  }

  private MockResponse resolve(RecordedRequest request, List<String> s) {
    Built b = repos.get(s.get(0) + "/" + s.get(1));
    if (b == null) {
      return notFound("RepoNotFound");
    }
    String revision = s.get(3).equals("main") ? b.hashes().get(b.hashes().size() - 1) : s.get(3);
    TreeMap<String, FakeRepo.Blob> state = b.states().get(revision);
    if (state == null) {
      return notFound("RevisionNotFound");
    }
    String path = String.join("/", s.subList(4, s.size()));
    FakeRepo.Blob blob = state.get(path);
    if (blob == null) {
      return notFound("EntryNotFound");
    }
    if (!b.repo().gated.equals("false") || b.repo().tokenOnly && !hasToken(request)) {
      return new MockResponse.Builder().code(401).addHeader("X-Error-Code", "GatedRepo")
          .addHeader("X-Error-Message", "Access to model " + b.repo().id + " is restricted.").build();
    }
    if (blob.lfs()) {
      String sha = sha256(blob.content());
      return new MockResponse.Builder().code(302)
          // The CDN is another host, as on the Hub: the token is not sent there and it is not a Hub bucket.
          .addHeader("Location", cdnUrl(request.getUrl(), sha))
          .addHeader("X-Repo-Commit", revision)
          .addHeader("X-Linked-Etag", "\"" + sha + "\"")
          .addHeader("X-Linked-Size", Integer.toString(blob.content().length))
          .addHeader("ETag", "\"" + gitBlobId(blob.gitBytes()) + "\"")
          .addHeader("RateLimit", "\"resolvers\";r=4987;t=240")
          .build();
    }
    return ranged(request, blob.content(), "git:" + gitBlobId(blob.gitBytes()));
  }

  static String cdnUrl(HttpUrl hubUrl, String sha) {
    String other = hubUrl.host().equals("localhost") ? "127.0.0.1" : "localhost";
    return hubUrl.newBuilder().host(other).encodedPath("/cdn/" + sha).query(null).build().toString();
  }

  private MockResponse ranged(RecordedRequest request, byte[] content, String key) {
    contentReads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    String range = request.getHeaders().get("Range");
    if (range == null) {
      return new MockResponse.Builder().code(200).body(new Buffer().write(content)).build();
    }
    String[] bounds = range.replace("bytes=", "").split("-");
    int start = Integer.parseInt(bounds[0]);
    int end = Math.min(Integer.parseInt(bounds[1]), content.length - 1);
    if (start >= content.length) {
      return new MockResponse.Builder().code(416).build();
    }
    byte[] part = java.util.Arrays.copyOfRange(content, start, end + 1);
    return new MockResponse.Builder().code(206)
        .addHeader("Content-Range", "bytes " + start + "-" + end + "/" + content.length)
        .addHeader("Accept-Ranges", "bytes")
        .body(new Buffer().write(part)).build();
  }

  private MockResponse discussion(String id, int num) {
    Pr pr = prs.get(id + "#" + num);
    if (pr == null) {
      return notFound("RepoNotFound");
    }
    return json(200, discussionJson(pr).toString()).build();
  }

  /** The list of a repository's discussions (api-reference.md 1.8): body pagination, 50 per page. */
  private MockResponse discussionList(HttpUrl url, String id) {
    if (!repos.containsKey(id)) {
      return notFound("RepoNotFound");
    }
    String author = url.queryParameter("author");
    ArrayNode items = JSON.createArrayNode();
    prs.values().stream().filter(pr -> pr.repoId().equals(id))
        .filter(pr -> author == null || author.equalsIgnoreCase("SFconvertbot"))
        .sorted(Comparator.comparingInt(Pr::num).reversed())
        .forEach(pr -> {
          ObjectNode d = items.addObject();
          d.put("num", pr.num());
          d.set("author", user("SFconvertbot", false));
          d.putObject("repo").put("name", id).put("type", "model");
          d.put("title", "Adding `safetensors` variant of this model");
          d.put("status", pr.status());
          d.put("createdAt", pr.createdAt());
          d.put("isPullRequest", true);
          d.put("numComments", 1);
          d.put("numReactionUsers", 0);
          d.putArray("topReactions");
          d.put("pinned", false);
        });
    ObjectNode body = JSON.createObjectNode();
    body.set("discussions", items);
    body.put("count", items.size());
    body.put("start", 0);
    return json(200, body.toString()).build();
  }

  /** The details of a bot PR in the shape of api-reference.md 1.9. */
  static ObjectNode discussionJson(Pr pr) {
    ObjectNode d = JSON.createObjectNode();
    d.put("_id", sha256((pr.repoId() + pr.num()).getBytes(StandardCharsets.UTF_8)).substring(0, 24));
    d.put("num", pr.num());
    d.set("author", user("SFconvertbot", false));
    d.putObject("repo").put("name", pr.repoId()).put("type", "model");
    d.put("title", "Adding `safetensors` variant of this model");
    d.put("status", pr.status());
    d.put("createdAt", pr.createdAt());
    d.put("isPullRequest", true);
    d.put("pinned", false);
    d.put("locked", false);
    d.put("collection", "discussions");
    d.set("filesWithConflicts", pr.conflicts());
    ObjectNode changes = d.putObject("changes");
    changes.put("base", "refs/heads/main");
    if (pr.status().equals("merged")) {
      changes.put("mergeCommitId", sha256(("merge" + pr.num()).getBytes(StandardCharsets.UTF_8)).substring(0, 40));
    }
    d.put("diffUrl", "https://huggingface.co/api/models/" + pr.repoId() + "/compare/refs%2Fheads%2Fmain..refs%2Fpr%2F" + pr.num() + ".diff");
    d.put("diff", "diff --git a/model.safetensors b/model.safetensors\nnew file mode 100644\n");
    ArrayNode events = d.putArray("events");
    ObjectNode opening = events.addObject();
    opening.put("id", "66fa9b8c7d6e5f4a3b2c1d0f");
    opening.put("type", "comment");
    opening.put("createdAt", pr.createdAt());
    opening.set("author", user("SFconvertbot", false));
    ObjectNode data = opening.putObject("data");
    data.put("edited", false);
    data.put("hidden", false);
    data.putObject("latest").put("raw", "This is an automated PR created with https://huggingface.co/spaces/safetensors/convert\n\nÜbersetzung, \"quoted\", done")
        .put("html", "<p>This is an automated PR</p>\n").put("updatedAt", pr.createdAt());
    data.put("numEdits", 0);
    pr.events().forEach(events::add);
    return d;
  }

  static ObjectNode user(String name, boolean isHf) {
    ObjectNode u = JSON.createObjectNode();
    u.put("_id", sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 24));
    u.put("avatarUrl", "/avatars/" + name + ".svg");
    u.put("fullname", name);
    u.put("name", name);
    u.put("type", "user");
    u.put("isPro", false);
    u.put("isHf", isHf);
    u.put("isHfAdmin", false);
    u.put("isMod", false);
    return u;
  }

  static ObjectNode statusChange(String at, String status, Optional<ObjectNode> author) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", sha256((at + status).getBytes(StandardCharsets.UTF_8)).substring(0, 24));
    e.put("type", "status-change");
    e.put("createdAt", at);
    author.ifPresent(a -> e.set("author", a));
    e.putObject("data").put("status", status);
    return e;
  }

  private MockResponse feed(HttpUrl url) {
    if (feedBroken) {
      return new MockResponse.Builder().code(404).body("Not Found").build();
    }
    String cursor = url.queryParameter("cursor");
    int page = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("recentActivity");
    if (page < feedPages.size()) {
      feedPages.get(page).forEach(items::add);
    }
    body.put("cursor", "c" + (page + 1));
    return json(200, body.toString()).build();
  }

  static ObjectNode feedItem(String repoId, int num, boolean pullRequest, String time) {
    ObjectNode item = JSON.createObjectNode();
    item.put("time", time);
    item.put("type", "discussion");
    item.put("repoId", repoId);
    item.put("repoType", "model");
    item.put("eventId", sha256((repoId + num).getBytes(StandardCharsets.UTF_8)).substring(0, 24));
    item.putObject("discussionData").put("num", num).put("title", "Adding `safetensors` variant of this model")
        .put("status", "open").put("isPullRequest", pullRequest);
    return item;
  }

  private static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-Request-Id", "Root=1-fake").body(body);
  }

  private static MockResponse notFound(String errorCode) {
    return new MockResponse.Builder().code(404).addHeader("X-Error-Code", errorCode)
        .addHeader("X-Error-Message", errorCode.equals("RepoNotFound") ? "Repository not found" : "Entry not found")
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body("{\"error\":\"" + errorCode + "\"}").build();
  }

  static String iso(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(instant);
  }

}
