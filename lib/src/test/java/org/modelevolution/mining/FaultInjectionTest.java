package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import okhttp3.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With 30% of the fake Hub's answers spoiled (429, 503, bodies cut off) and the run killed at
 * random points six times (mid-request or right after a unit is checkpointed) and restarted, the
 * final tables are byte-identical to those of a clean run.
 */
class FaultInjectionTest {
  @TempDir
  Path temp;
  private final MockWebServer cleanServer = new MockWebServer();
  private final MockWebServer faultyServer = new MockWebServer();
  private Scenario scenario;

  /** Thrown to kill the pipeline where it stands, like a process being killed. */
  static final class Killed extends Error {
    Killed(String where) {
      super("killed " + where);
    }
  }

  @BeforeEach
  void start() throws IOException {
    scenario = new Scenario(MiningPipelineTest.corpus(), temp.resolve("git"));
    cleanServer.setDispatcher(scenario.hub);
    cleanServer.start();
  }

  @AfterEach
  void stop() {
    cleanServer.close();
    faultyServer.close();
  }

  @Test
  void killedAndRestartedUnderFaultsTheTablesMatchACleanRun() throws IOException {
    Path cleanOut = temp.resolve("clean");
    MiningContext clean = scenario.context(cleanOut, cleanServer, temp.resolve("git"), Optional.empty());
    assertThat(new MiningPipeline(clean, MiningPipelineTest.parameters()).runAll()).noneMatch(StepResult::hasFailures);
    Map<Path, byte[]> expected = PipelineFiles.snapshot(cleanOut);
    assertThat(expected).hasSize(8);

    FaultyDispatcher faulty = new FaultyDispatcher(scenario.hub, 7, 0.30);
    faultyServer.setDispatcher(faulty);
    faultyServer.start();
    Path out = temp.resolve("faulty");
    Random random = new Random(20250904);
    int kills = 0;
    for (int run = 0; run < 6; run++) {
      AtomicInteger requests = new AtomicInteger();
      AtomicInteger units = new AtomicInteger();
      boolean midRequest = run % 2 == 0;
      // Small limits, so that each of the six runs dies before the work is done.
      int limit = 1 + random.nextInt(midRequest ? 15 : 8);
      Interceptor killer = chain -> {
        if (midRequest && requests.incrementAndGet() == limit) {
          throw new Killed("at request " + limit);
        }
        return chain.proceed(chain.request());
      };
      MiningContext context = scenario.context(out, faultyServer, temp.resolve("git"), Optional.of(killer))
          .withHook((step, key) -> {
            if (!midRequest && units.incrementAndGet() == limit) {
              throw new Killed("after unit " + limit + " (" + step + " " + key + ")");
            }
          });
      try {
        new MiningPipeline(context, MiningPipelineTest.parameters()).runAll();
      } catch (Killed expectedKill) {
        kills++;
      }
    }
    assertThat(kills).isGreaterThanOrEqualTo(5);
    // What a kill in the middle of an atomic write leaves behind is cleaned up on restart.
    java.nio.file.Files.writeString(out.resolve(".selected_legacy_repos.json1234.tmp"), "[\n  {\n    \"id\":");
    // Restart until a run reports no failed unit (a unit that failed after all retries is redone).
    MiningContext context = scenario.context(out, faultyServer, temp.resolve("git"), Optional.empty());
    List<StepResult> results = List.of();
    for (int restart = 0; restart < 5; restart++) {
      results = new MiningPipeline(context, MiningPipelineTest.parameters()).runAll();
      if (results.stream().noneMatch(StepResult::hasFailures)) {
        break;
      }
    }
    assertThat(results).noneMatch(StepResult::hasFailures);
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(faulty.faults.get()).isGreaterThan(10)
        .isGreaterThanOrEqualTo((int) (0.2 * faultyServer.getRequestCount()));
  }
}
