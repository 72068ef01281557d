package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;

/**
 * {@code make bench-replication N="3406 20000"}: the Hub mining pipeline ({@code mine-hub all}) against
 * the simulated Hub of {@link SimulatedHub} at each size, the server in its own JVM
 * ({@link SimulatedHubServer}) so that this JVM holds only the miner. Not a test; measures and
 * prints, per size and per mined repository: CPU ms of the miner's JVM, requests per rate-limit
 * bucket, response bytes per bucket (counted by the server), git objects received (the clones'
 * packs), the miner's peak heap (sum of the heap pools' peaks) and its heap after a full GC at the
 * end; the wall time the Hub's published per-token limits imply for the whole Hub
 * ({@link MiningCost}); and whether the mined tables equal the generator's ground truth.
 *
 * <p>With {@code RATE_LIMIT=api=100,resolvers=500,pages=20} (and {@code WINDOW_MS}, default
 * 5000) the server enforces those quotas per scaled window; the report then lists, per bucket and
 * window, the requests served and refused (429), and the share of the quota used.
 */
public final class ReplicationBenchmark {
  private ReplicationBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    String rateLimit = null;
    String windowMs = "5000";
    long seed = 1;
    String serverHeap = "-Xmx3g";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--repos" -> Stream.of(args[++i].trim().split("[ ,]+")).map(Integer::parseInt).forEach(sizes::add);
        case "--rate-limit" -> rateLimit = args[++i].isBlank() ? null : args[i];
        case "--window-ms" -> windowMs = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--server-heap" -> serverHeap = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path corpus = Path.of(System.getProperty("shared.dir", "../shared")).resolve("formats-corpus");
    System.out.printf("bench-replication: miner JVM max heap %d MiB, %d processors; load average %s%n",
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), loadAverage());
    List<String> rows = new ArrayList<>();
    for (int n : sizes) {
      rows.add(run(n, seed, corpus, rateLimit, windowMs, serverHeap));
      System.out.println("  row: " + rows.get(rows.size() - 1) + " (load average " + loadAverage() + ")");
    }
    System.out.println();
    System.out.println("| repositories listed | mined | wall s | CPU ms/repo | api/repo | resolvers/repo | git/repo | cdn/repo"
        + " | KiB/repo (all buckets) | git objects/repo | peak heap MiB | heap after GC MiB | whole Hub, 1 free token"
        + " | 1 PRO token | tables = truth |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.printf("load average at the end: %s%n", loadAverage());
  }

  private static String run(int n, long seed, Path corpus, String rateLimit, String windowMs, String serverHeap)
      throws Exception {
    Path work = Files.createTempDirectory("bench-replication-" + n + "-");
    Path truth = work.resolve("truth");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        serverHeap, "-Dshared.dir=" + System.getProperty("shared.dir", "../shared"), "-cp",
        System.getProperty("java.class.path"), SimulatedHubServer.class.getName(), "--repos", Integer.toString(n),
        "--seed", Long.toString(seed), "--port", "0", "--truth", truth.toString(), "--git", work.resolve("git").toString(),
        "--corpus", corpus.toString()));
    if (rateLimit != null) {
      command.addAll(List.of("--rate-limit", rateLimit, "--window-ms", windowMs));
    }
    long generation = System.nanoTime();
    Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String banner = lines.readLine();
      if (banner == null || !banner.startsWith("serving ")) {
        throw new IllegalStateException("the simulated Hub did not start: " + banner);
      }
      System.out.printf("%nN = %,d: generated and serving in %.1f s: %s%n", n, (System.nanoTime() - generation) / 1e9,
          banner);
      HttpUrl url = HttpUrl.get(banner.split(" ")[1]);
      Path out = work.resolve("mined");
      MiningContext context = MiningClients.of(Endpoint.anonymous(Service.HUGGING_FACE, url), RetryPolicy.standard(),
              List.of())
          .context(new MiningLayout(out), Optional.empty()).withProgress(MiningContext.ProgressFactory.SILENT);
      System.gc();
      List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      List<StepResult> results = new MiningPipeline(context, MiningParameters.study()).runAll();
      double wall = (System.nanoTime() - t0) / 1e9;
      long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
      long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.gc();
      long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      results.forEach(r -> System.out.println("  " + r.step() + (r.hasFailures() ? " FAILED " + r.manifest().errors() : "")));
      MiningCost cost = MiningCost.of(results);
      System.out.print(cost.describe().indent(2));
      long repos = cost.repositories();
      long objects = gitObjects(new MiningLayout(out).clones());
      boolean equal = sameTables(out, truth);
      server.destroy();
      server.waitFor();
      JsonNode stats = FakeHub.JSON.readTree(truth.resolve("server-stats.json").toFile());
      long bytes = 0;
      for (JsonNode b : (Iterable<JsonNode>) stats.path("bytes")::elements) {
        bytes += b.asLong();
      }
      System.out.printf("  server: requests %s, response bytes %s%n", stats.path("requests"), stats.path("bytes"));
      if (stats.has("windows")) {
        windows(stats);
      }
      return String.format(Locale.ROOT, "| %,d | %,d | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %d | %d | %s | %s | %s |",
          n, repos, wall, (double) cpuMs / repos, cost.perRepository("api"), cost.perRepository("resolvers"),
          cost.perRepository("git"), cost.perRepository("cdn"), bytes / 1024.0 / repos, (double) objects / repos,
          peakHeap >> 20, afterGc >> 20, days(cost.wallTime(MiningCost.WHOLE_HUB, MiningCost.Tier.FREE, 1)),
          days(cost.wallTime(MiningCost.WHOLE_HUB, MiningCost.Tier.PRO, 1)), equal ? "yes" : "NO");
    } finally {
      server.destroy();
      server.waitFor();
      deleteRecursively(work);
    }
  }

  /** Per bucket and scaled window: served and refused, and the share of the quota used. */
  private static void windows(JsonNode stats) {
    JsonNode quota = stats.path("quota");
    stats.path("windows").fields().forEachRemaining(e -> {
      long q = quota.path(e.getKey()).asLong();
      long full = 0;
      long over = 0;
      long refused = 0;
      List<String> shown = new ArrayList<>();
      int count = 0;
      for (JsonNode w : e.getValue()) {
        count++;
        full += w.get(1).asLong() >= q ? 1 : 0;
        over += w.get(1).asLong() > q ? 1 : 0;
        refused += w.get(2).asLong();
        if (shown.size() < 12) {
          shown.add(w.get(1).asLong() + (w.get(2).asLong() > 0 ? "+" + w.get(2).asLong() + "x429" : ""));
        }
      }
      System.out.printf(Locale.ROOT, "  rate limit %s: quota %d per %d ms window; %d windows with requests, %d served"
              + " the full quota, %d served more (must be 0); %d requests refused with 429; first windows: %s%n",
          e.getKey(), q, stats.path("window_ms").asLong(), count, full, over, refused, shown);
    });
  }

  private static boolean sameTables(Path mined, Path truth) throws IOException {
    for (String table : List.of("selected_legacy_commits.csv", "selected_recent_commits.csv",
        "repositories_evolution_legacy_commits_processed.csv", "repositories_evolution_recent_commits_processed.csv",
        "sfconvertbot_pr_status.csv")) {
      if (!Files.isRegularFile(mined.resolve(table))
          || Files.mismatch(mined.resolve(table), truth.resolve(table)) != -1) {
        System.out.println("  differs from the ground truth: " + table);
        return false;
      }
    }
    return true;
  }

  /** Objects in the clones' packs (and loose objects, if any). */
  private static long gitObjects(Path clones) throws IOException {
    long objects = 0;
    if (!Files.isDirectory(clones)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(clones)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        try (var repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
          if (repo.getObjectDatabase() instanceof ObjectDirectory od) {
            for (Pack pack : od.getPacks()) {
              objects += pack.getIndex().getObjectCount();
            }
          }
        }
      }
    }
    return objects;
  }

  private static String days(java.time.Duration d) {
    return String.format(Locale.ROOT, "%.1f days", d.toMinutes() / 1440.0);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
