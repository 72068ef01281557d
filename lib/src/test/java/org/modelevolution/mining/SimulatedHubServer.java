package org.modelevolution.mining;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * The simulated Hub of {@link SimulatedHub} as a server on 127.0.0.1, for runs outside the tests
 * (the cluster scripts, the replication benchmark): the Hub API of api-reference.md and git smart
 * HTTP, until the process is stopped.
 *
 * <pre>
 * mvn -q -pl lib test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "lib/target/classes:lib/target/test-classes:$(cat lib/target/test-classpath.txt)" \
 *   org.modelevolution.mining.SimulatedHubServer --repos 200 --seed 1 --port 18080 --truth /tmp/sim/truth \
 *   [--git /tmp/sim/git] [--corpus ../shared/formats-corpus] [--rate-limit api=100,resolvers=500,pages=20 --window-ms 5000]
 * </pre>
 *
 * <p>It generates the Hub (deterministic for {@code --repos} and {@code --seed}), writes the ground
 * truth to {@code --truth} ({@link SimulatedHub#writeTruth}: {@code selected_<group>_ids.txt},
 * {@code selected_<group>_commits.csv}, {@code repositories_evolution_<group>_commits_processed.csv},
 * {@code sfconvertbot_pr_status.csv}, {@code sfconvertbot_pr_metadata.csv}), then serves and prints one line
 * {@code serving http://127.0.0.1:PORT/ (N repositories)}. Git repositories are written below
 * {@code --git} (default: a {@code git} folder beside {@code --truth}) on their first fetch.
 * Mine it with {@code HF_ENDPOINT=http://127.0.0.1:PORT/} and no token:
 * {@code mine-hub all --out DIR --page-size 100}; the clone URLs are the Hub's
 * ({@code HF_ENDPOINT/<id>}), so no {@code --clone-url} is needed. {@code --port 0} picks a free
 * port (read it from the printed line). Stop it with SIGTERM: it then writes
 * {@code server-stats.json} into {@code --truth} (requests and response bytes per bucket and, with
 * {@code --rate-limit}, per bucket and window what was served and refused).
 *
 * <p>{@code --rate-limit bucket=quota,...} simulates the Hub's per-token limits on a scaled clock:
 * every {@code --window-ms} real milliseconds (default 5000) stand for the Hub's 5-minute window,
 * a bucket serves at most its quota per window and answers 429 with {@code Retry-After} beyond
 * ({@link FakeHub.RateLimits}).
 */
public final class SimulatedHubServer {
  private SimulatedHubServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage("unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || !options.containsKey("repos") || !options.containsKey("truth")) {
      usage("--repos and --truth are required");
    }
    int repos = Integer.parseInt(options.get("repos"));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    int port = Integer.parseInt(options.getOrDefault("port", "0"));
    Path truth = Path.of(options.get("truth"));
    Path gitRoot = Path.of(options.getOrDefault("git", truth.toAbsolutePath().getParent().resolve("git").toString()));
    Path corpus = Path.of(options.getOrDefault("corpus",
        Path.of(System.getProperty("shared.dir", "../shared")).resolve("formats-corpus").toString()));
    if (!Files.isRegularFile(corpus.resolve("labels.csv"))) {
      usage("no formats corpus at " + corpus + " (--corpus DIR)");
    }
    SimulatedHub sim = SimulatedHub.generate(repos, seed, corpus, gitRoot);
    sim.writeTruth(truth);
    if (options.containsKey("rate-limit")) {
      Map<String, Integer> quota = new java.util.TreeMap<>();
      for (String part : options.get("rate-limit").split(",")) {
        String[] kv = part.split("=");
        quota.put(kv[0], Integer.parseInt(kv[1]));
      }
      sim.hub.rateLimits = new FakeHub.RateLimits(quota, Long.parseLong(options.getOrDefault("window-ms", "5000")));
    }
    MockWebServer server = new MockWebServer();
    server.setDispatcher(sim.hub);
    server.start(InetAddress.getByName("127.0.0.1"), port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      writeStats(sim.hub, truth.resolve("server-stats.json"));
    }));
    System.out.println("serving http://127.0.0.1:" + server.getPort() + "/ (" + repos + " repositories, seed " + seed
        + "; " + sim.census() + ")");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void writeStats(FakeHub hub, Path file) {
    com.fasterxml.jackson.databind.node.ObjectNode stats = FakeHub.JSON.createObjectNode();
    com.fasterxml.jackson.databind.node.ObjectNode requests = stats.putObject("requests");
    new java.util.TreeMap<>(hub.bucketRequests).forEach((b, n) -> requests.put(b, n.get()));
    com.fasterxml.jackson.databind.node.ObjectNode bytes = stats.putObject("bytes");
    new java.util.TreeMap<>(hub.bucketBytes).forEach((b, n) -> bytes.put(b, n.get()));
    FakeHub.RateLimits limits = hub.rateLimits;
    if (limits != null) {
      stats.put("window_ms", limits.windowMillis);
      com.fasterxml.jackson.databind.node.ObjectNode quota = stats.putObject("quota");
      new java.util.TreeMap<>(limits.quota).forEach(quota::put);
      com.fasterxml.jackson.databind.node.ObjectNode windows = stats.putObject("windows");
      synchronized (limits) {
        new java.util.TreeMap<>(limits.windows).forEach((bucket, perWindow) -> {
          com.fasterxml.jackson.databind.node.ArrayNode list = windows.putArray(bucket);
          perWindow.forEach((w, counts) -> list.addArray().add(w).add(counts[0]).add(counts[1]));
        });
      }
    }
    try {
      FakeHub.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), stats);
    } catch (IOException e) {
      System.err.println("SimulatedHubServer: cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void usage(String problem) {
    System.err.println("SimulatedHubServer: " + problem
        + "\nusage: --repos N --truth DIR [--seed S] [--port P] [--git DIR] [--corpus DIR]");
    System.exit(2);
  }
}
