package org.modelevolution.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
import org.modelevolution.history.Commit;
import org.modelevolution.history.RepositoryHistory;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.formats.Detector;
import org.modelevolution.http.HttpClients;
import org.modelevolution.io.RunManifest;

/**
 * Benchmark of the mining pipeline (not a test, never run by {@code mvn verify}). From the
 * project root: {@code mvn -q -pl lib test-compile dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt}, then {@code java -Dshared.dir=../shared
 * -cp lib/target/classes:lib/target/test-classes:$(cat /tmp/cp.txt)
 * org.modelevolution.mining.MiningBenchmark}.
 *
 * <ol>
 *   <li>Format sniffing: requests and bytes per distinct blob, on the fake Hub of the pipeline
 *       tests (real corpus files), and on virtual LFS files of realistic sizes (10 MB to 10 GB)
 *       whose heads are real corpus files, against the sum of the blobs' sizes (what a clone with
 *       LFS content would move).
 *   <li>History extraction: commits per second of {@link RepositoryHistory} on a generated
 *       repository, beside {@code git log --name-status} on the same repository.
 * </ol>
 */
public final class MiningBenchmark {
  private MiningBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("mining-bench");
    Path corpus = Path.of(System.getProperty("shared.dir", "../shared")).resolve("formats-corpus");
    pipelineOnFakeHub(corpus, work);
    virtualLargeFiles(corpus, 200);
    historyThroughput(work, 3000, 60);
  }

  static void pipelineOnFakeHub(Path corpus, Path work) throws IOException {
    Scenario scenario = new Scenario(corpus, work.resolve("git"));
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(scenario.hub);
      server.start();
      Path out = work.resolve("out");
      MiningContext context = scenario.context(out, server, work.resolve("git"), Optional.empty());
      long t0 = System.nanoTime();
      new MiningPipeline(context, MiningParameters.study().withPaging(0, 3)).runAll();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      var counts = RunManifest.read(new MiningLayout(out).manifest("formats-recent")).counts();
      long blobs = counts.get("blobs_distinct_all_groups");
      long requests = counts.get("sniff_requests_all_groups");
      long bytes = counts.get("sniff_bytes_transferred_all_groups");
      long total = counts.get("blob_bytes_total_all_groups");
      int maxReads = scenario.hub.contentReads.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).max().orElse(0);
      System.out.printf("fake Hub pipeline: %d ms, %d HTTP requests in all%n", ms, server.getRequestCount());
      System.out.printf("  distinct blobs %d, sniff requests %d (%.2f per blob), bytes %d (%.0f per blob), "
          + "blob bytes %d, content reads per blob max %d%n", blobs, requests, (double) requests / blobs, bytes,
          (double) bytes / blobs, total, maxReads);
    }
  }

  /** Virtual LFS files: a real corpus head, then zeros up to the declared size; served by range only. */
  static void virtualLargeFiles(Path corpus, int count) throws IOException {
    List<Path> heads;
    try (Stream<Path> files = Stream.of("safetensors", "torch_zip", "hdf5", "onnx", "pickle", "numpy_npy")
        .flatMap(dir -> list(corpus.resolve(dir)))) {
      heads = files.sorted().toList();
    }
    Random random = new Random(1);
    List<byte[]> contents = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contents.add(Files.readAllBytes(heads.get(i % heads.size())));
      sizes.add((long) Math.exp(Math.log(10e6) + random.nextDouble() * (Math.log(10e9) - Math.log(10e6))));
    }
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          List<String> s = request.getUrl().pathSegments();
          if (s.get(0).equals("cdn")) {
            int i = Integer.parseInt(s.get(1));
            String[] range = request.getHeaders().get("Range").replace("bytes=", "").split("-");
            long start = Long.parseLong(range[0]);
            long end = Math.min(Long.parseLong(range[1]), sizes.get(i) - 1);
            byte[] slice = new byte[(int) (end - start + 1)];
            byte[] head = contents.get(i);
            for (long p = start; p <= end && p < head.length; p++) {
              slice[(int) (p - start)] = head[(int) p];
            }
            return new MockResponse.Builder().code(206)
                .addHeader("Content-Range", "bytes " + start + "-" + end + "/" + sizes.get(i))
                .body(new Buffer().write(slice)).build();
          }
          int i = Integer.parseInt(s.get(s.size() - 1).replace(".bin", ""));
          return new MockResponse.Builder().code(302).addHeader("Location", request.getUrl().resolve("/cdn/" + i))
              .addHeader("X-Linked-Size", sizes.get(i)).build();
        }
      });
      server.start();
      Endpoint endpoint = Endpoint.anonymous(Service.HUGGING_FACE, server.url("/"));
      DetectorSniffer sniffer = new DetectorSniffer(endpoint, HttpClients.create(endpoint, RetryPolicy.standard()),
          Detector.withDefaults(), RetryPolicy.standard());
      long requests = 0;
      long bytes = 0;
      long total = 0;
      long maxBytes = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        FormatSniffer.SniffResult r = sniffer.sniff(new FormatSniffer.SniffRequest("bench/repo", "main", i + ".bin",
            "sha256:" + i, sizes.get(i)));
        requests += r.requests();
        bytes += r.bytesTransferred();
        maxBytes = Math.max(maxBytes, r.bytesTransferred());
        total += sizes.get(i);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("virtual LFS files: %d blobs, %.2f requests per blob, %.1f KiB per blob (max %.1f KiB), "
          + "%.2f MiB moved vs %.1f GiB of content (%.6f%%), %d ms%n", count, (double) requests / count,
          bytes / 1024.0 / count, maxBytes / 1024.0, bytes / 1048576.0, total / 1073741824.0, 100.0 * bytes / total, ms);
    }
  }

  /** A repository of {@code commits} commits over a tree of {@code files} files (a tenth model-file pointers). */
  static void historyThroughput(Path work, int commits, int files) throws Exception {
    Path dir = work.resolve("bench.git");
    try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Repository r = git.getRepository();
      Random random = new Random(3);
      String[] contents = new String[files];
      ObjectId parent = null;
      try (ObjectInserter inserter = r.newObjectInserter()) {
        for (int c = 0; c < commits; c++) {
          int changes = 1 + random.nextInt(3);
          for (int k = 0; k < changes; k++) {
            int f = random.nextInt(files);
            contents[f] = f % 10 == 0
                ? "version https://git-lfs.github.com/spec/v1\noid sha256:" + String.format("%064x", random.nextLong()) + "\nsize 123\n"
                : "content " + random.nextLong() + "\n";
          }
          TreeFormatter sub = new TreeFormatter();
          TreeFormatter root = new TreeFormatter();
          int added = 0;
          for (int f = 0; f < files; f++) {
            if (contents[f] != null && f >= files / 2) {
              sub.append(String.format("f%03d%s", f, f % 10 == 0 ? ".safetensors" : ".txt"), FileMode.REGULAR_FILE,
                  inserter.insert(Constants.OBJ_BLOB, contents[f].getBytes(StandardCharsets.UTF_8)));
              added++;
            }
          }
          for (int f = 0; f < files / 2; f++) {
            if (contents[f] != null) {
              root.append(String.format("f%03d%s", f, f % 10 == 0 ? ".bin" : ".json"), FileMode.REGULAR_FILE,
                  inserter.insert(Constants.OBJ_BLOB, contents[f].getBytes(StandardCharsets.UTF_8)));
            }
          }
          if (added > 0) {
            root.append("sub", FileMode.TREE, inserter.insert(sub));
          }
          CommitBuilder commit = new CommitBuilder();
          commit.setTreeId(inserter.insert(root));
          if (parent != null) {
            commit.setParentId(parent);
          }
          PersonIdent who = new PersonIdent("Bench", "bench@example.org", Instant.ofEpochSecond(1_600_000_000L + c * 60L),
              java.time.ZoneOffset.UTC);
          commit.setAuthor(who);
          commit.setCommitter(who);
          commit.setMessage("commit " + c);
          parent = inserter.insert(commit);
        }
        inserter.flush();
      }
      RefUpdate update = r.updateRef("refs/heads/main");
      update.setNewObjectId(parent);
      update.forceUpdate();
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        long n;
        try (Stream<Commit> stream = RepositoryHistory.of(r).commits()) {
          n = stream.mapToLong(c -> c.changedFiles().size() + c.tree().size()).count();
        }
        double jgit = n / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        Process p = new ProcessBuilder("git", "--git-dir", dir.toString(), "log", "--name-status", "main")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        double cli = commits / ((System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        Process q = new ProcessBuilder("git", "--git-dir", dir.toString(), "log", "--name-status", "--format=%H%x00%an%x00%ad%x00%B",
            "main").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        q.waitFor();
        long t3 = System.nanoTime();
        Process ls = new ProcessBuilder("sh", "-c", "for c in $(git --git-dir " + dir + " rev-list main); do git --git-dir "
            + dir + " ls-tree -r -t --name-only $c; done").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ls.waitFor();
        double cliWithTrees = commits / ((System.nanoTime() - t2) / 1e9);
        System.out.printf("history, round %d: RepositoryHistory %.0f commits/s (changed files + full tree per commit); "
            + "git log --name-status %.0f commits/s (changed files only); git log + ls-tree per commit %.0f commits/s "
            + "(%d commits, %d files)%n", round + 1, jgit, cli, cliWithTrees, n, files);
        if (t3 < 0) {
          throw new IllegalStateException();
        }
      }
    }
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
