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
 *   [--git /tmp/sim/git] [--corpus ../shared/formats-corpus]
 * </pre>
 *
 * <p>It generates the Hub (deterministic for {@code --repos} and {@code --seed}), writes the ground
 * truth to {@code --truth} ({@link SimulatedHub#writeTruth}: {@code selected_<group>_ids.txt},
 * {@code selected_<group>_commits.csv}, {@code repositories_evolution_<group>_commits_processed.csv},
 * {@code sfconvertbot_pr_status.csv}), then serves and prints one line
 * {@code serving http://127.0.0.1:PORT/ (N repositories)}. Git repositories are written below
 * {@code --git} (default: a {@code git} folder beside {@code --truth}) on their first fetch.
 * Mine it with {@code HF_ENDPOINT=http://127.0.0.1:PORT/} and no token:
 * {@code mine-hub all --out DIR --page-size 100}; the clone URLs are the Hub's
 * ({@code HF_ENDPOINT/<id>}), so no {@code --clone-url} is needed. {@code --port 0} picks a free
 * port (read it from the printed line). Stop it with SIGTERM.
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
    MockWebServer server = new MockWebServer();
    server.setDispatcher(sim.hub);
    server.start(InetAddress.getByName("127.0.0.1"), port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("serving http://127.0.0.1:" + server.getPort() + "/ (" + repos + " repositories, seed " + seed
        + "; " + sim.census() + ")");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void usage(String problem) {
    System.err.println("SimulatedHubServer: " + problem
        + "\nusage: --repos N --truth DIR [--seed S] [--port P] [--git DIR] [--corpus DIR]");
    System.exit(2);
  }
}
