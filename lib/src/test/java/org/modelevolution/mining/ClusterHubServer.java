package org.modelevolution.mining;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The fake Hub of {@link HardCasesTest} (nine repositories of real corpus files plus the hard
 * cases: a gated repository, a rename, a deleted tree, bot PRs) served on 127.0.0.1 until the
 * process is stopped, for {@code environment/cluster-test.sh}: the scheduler's jobs mine it with
 * {@code HF_ENDPOINT} pointed at it. Each answer waits {@code --latency-ms} first, so that an
 * array task is still mining when the test cancels it.
 *
 * <pre>
 * ClusterHubServer --git DIR --url-file FILE [--latency-ms N] [--shared DIR]
 * </pre>
 *
 * <p>The URL (with its free port) is written to {@code --url-file} once the server listens. The
 * gated repository opens to {@link FakeHub#TOKEN}, whose value the test gives its jobs as their
 * {@code HF_TOKEN_FILE} lines.
 */
public final class ClusterHubServer {
  private ClusterHubServer() {}

  public static void main(String[] args) throws Exception {
    Path git = null;
    Path urlFile = null;
    long latencyMs = 0;
    Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage("missing the value of " + args[i]);
      }
      switch (args[i]) {
        case "--git" -> git = Path.of(args[i + 1]);
        case "--url-file" -> urlFile = Path.of(args[i + 1]);
        case "--latency-ms" -> latencyMs = Long.parseLong(args[i + 1]);
        case "--shared" -> shared = Path.of(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (git == null || urlFile == null) {
      usage("--git and --url-file are required");
    }
    Path corpus = shared.resolve("formats-corpus");
    if (!Files.isRegularFile(corpus.resolve("labels.csv"))) {
      usage("no formats corpus at " + corpus + " (give --shared DIR)");
    }
    Scenario scenario = new Scenario(corpus, git).withHardCases(git);
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Slow(scenario.hub, latencyMs));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".part");
    String url = "http://127.0.0.1:" + server.getPort() + "/";
    Files.writeString(partial, url + "\n", StandardCharsets.UTF_8);
    Files.move(partial, urlFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("fake Hub of " + scenario.hub.repos.size() + " repositories at " + url);
    Thread.currentThread().join();
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: ClusterHubServer --git DIR --url-file FILE [--latency-ms N] [--shared DIR]");
    System.exit(2);
  }

  /** Answers as {@code good} does, each after {@code latencyMs}. */
  private static final class Slow extends Dispatcher {
    private final Dispatcher good;
    private final long latencyMs;

    Slow(Dispatcher good, long latencyMs) {
      this.good = good;
      this.latencyMs = latencyMs;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (latencyMs > 0) {
        Thread.sleep(latencyMs);
      }
      return good.dispatch(request);
    }
  }
}
