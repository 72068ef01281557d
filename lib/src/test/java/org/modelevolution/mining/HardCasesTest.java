package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.formats.DetectorOptions;
import org.modelevolution.io.Journal;
import org.modelevolution.study.BotPrPageParser;
import org.modelevolution.study.Group;

/**
 * The acceptance of issue 12 against the fake Hub with its hard cases ({@link Scenario#withHardCases}):
 * one run under 30% faults mines every repository (the gated one with the token), the bot-PR
 * table has one row per PR with the right status, every non-zip blob costs one content request
 * and no blob more than 128 KiB, and two shards merged equal one unsharded run byte for byte.
 */
class HardCasesTest {
  @TempDir
  Path temp;
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer faultyServer = new MockWebServer();
  private Scenario scenario;

  @BeforeEach
  void start() throws IOException {
    scenario = new Scenario(MiningPipelineTest.corpus(), temp.resolve("git")).withHardCases(temp.resolve("git"));
    server.setDispatcher(scenario.hub);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    faultyServer.close();
  }

  private MiningContext context(Path out, MockWebServer on, boolean token) {
    return scenario.context(out, on, Optional.empty(), token);
  }

  @Test
  void oneRunUnderThirtyPercentFaultsMinesEveryRepositoryAndEveryPrOnce() throws Exception {
    Path cleanOut = temp.resolve("clean");
    List<StepResult> clean = new MiningPipeline(context(cleanOut, server, true), MiningPipelineTest.parameters()).runAll();
    assertThat(clean).noneMatch(StepResult::hasFailures);

    FaultyDispatcher faulty = new FaultyDispatcher(scenario.hub, 12, 0.30);
    faultyServer.setDispatcher(faulty);
    faultyServer.start();
    scenario.hub.gitFailures.put("acme/keras-old", new java.util.concurrent.atomic.AtomicInteger(3));
    Path out = temp.resolve("faulty");
    List<StepResult> results = new MiningPipeline(context(out, faultyServer, true), MiningPipelineTest.parameters()).runAll();

    assertThat(results).as("one run, no failed unit").noneMatch(StepResult::hasFailures);
    assertThat(faulty.faults.get()).isGreaterThanOrEqualTo((int) (0.2 * faultyServer.getRequestCount()));
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(PipelineFiles.snapshot(cleanOut));
    MiningLayout layout = new MiningLayout(out);
    String legacyCommits = Files.readString(layout.selectedCommits(Group.LEGACY));
    assertThat(legacyCommits).contains(Scenario.GATED_LATER, "acme/keras-old");
    assertThat(Files.readString(layout.evolution(Group.LEGACY)))
        .contains(Scenario.GATED_LATER + "/silero_vad.onnx,ONNX");

    List<Map<String, String>> status = rows(layout.botPrStatus());
    assertThat(status).extracting(r -> r.get("pr_url")).doesNotHaveDuplicates()
        .contains("https://huggingface.co/" + Scenario.RENAMED_NEW + "/discussions/3")
        .doesNotContain("https://huggingface.co/" + Scenario.RENAMED_OLD + "/discussions/3");
    Map<String, String> renamed = row(status, Scenario.RENAMED_NEW + "/discussions/3");
    assertThat(renamed.get("model_id")).isEqualTo(Scenario.RENAMED_NEW);
    assertThat(renamed.get("status")).isEqualTo("merged");
    Map<String, String> unlisted = row(rows(layout.botPrMetadata()), "newco/diffusers/discussions/2");
    assertThat(BotPrPageParser.parseHeader(unlisted.get("header_metadata")).hasConflicts()).isTrue();
  }

  @Test
  void everyNonZipBlobCostsOneContentRequestAndNoBlobMoreThan128KiB() throws IOException {
    Path out = temp.resolve("out");
    List<StepResult> results = new MiningPipeline(context(out, server, true), MiningPipelineTest.parameters()).runAll();
    assertThat(results).noneMatch(StepResult::hasFailures);

    List<String> over = new ArrayList<>();
    long nonZip = 0;
    long large = 0;
    try (Journal<MineFormats.BlobFormat> blobs = Journal.open(new MiningLayout(out).journal("formats-blobs"),
        MineFormats.BlobFormat.class)) {
      for (var e : blobs.entries().entrySet()) {
        MineFormats.BlobFormat b = e.getValue();
        nonZip += b.zip() ? 0 : 1;
        large += !b.zip() && b.size() > DetectorOptions.defaults().headWindow() ? 1 : 0;
        if (!b.zip() && b.contentRequests() != 1 || b.bytesTransferred() > DetectorOptions.REMOTE_READ_BUDGET) {
          over.add(e.getKey() + " " + b);
        }
      }
    }
    assertThat(over).isEmpty();
    assertThat(nonZip).isGreaterThan(5);
    assertThat(large).as("the 2.3 MB ONNX file and other non-zip files beyond the head window").isGreaterThanOrEqualTo(1);
    StepResult formats = results.stream().filter(r -> r.step().equals("formats-recent")).findFirst().orElseThrow();
    assertThat(formats.manifest().counts()).containsEntry("blobs_not_zip_with_more_than_one_content_request", 0L);
    assertThat(formats.manifest().counts().get("blob_most_bytes_transferred")).isLessThanOrEqualTo(128L * 1024);
    assertThat(formats.manifest().counts()).containsKeys("requests_api", "requests_resolvers", "requests_pages",
        "requests_git", "requests_cdn");
    MiningCost cost = MiningCost.of(results);
    assertThat(cost.repositories()).isPositive();
    assertThat(cost.perRepository(RequestBuckets.GIT)).isGreaterThanOrEqualTo(2.0);
    System.out.print(cost.describe());
    // What the client counted is what the Hub saw, bucket by bucket.
    Map<String, Long> served = new java.util.TreeMap<>();
    scenario.hub.bucketRequests.forEach((k, v) -> served.put(k, (long) v.get()));
    assertThat(cost.requests()).containsAllEntriesOf(served);
    assertThat(cost.requests()).containsEntry(RequestBuckets.PAGES, 0L);
  }

  @Test
  void withoutTheTokenTheGatedRepositoryIsAnErrorNamingItNotUnavailable() throws IOException {
    Path out = temp.resolve("out");
    MiningPipeline pipeline = new MiningPipeline(context(out, server, false), MiningPipelineTest.parameters());
    pipeline.run("select");
    assertThat(SelectedRepos.ids(new MiningLayout(out).selectedRepos(Group.LEGACY))).contains(Scenario.GATED_LATER);
    StepResult history = pipeline.run("history").get(0);

    assertThat(history.hasFailures()).isTrue();
    assertThat(history.manifest().counts()).doesNotContainKey("repositories_unavailable");
    assertThat(history.manifest().errors()).anySatisfy(e -> assertThat(e).startsWith(Scenario.GATED_LATER + ": ")
        .contains("HF_TOKEN is not set"));
  }

  @Test
  void twoShardsMergedEqualOneUnshardedRunByteForByte() throws IOException {
    Path single = temp.resolve("single");
    assertThat(new MiningPipeline(context(single, server, true), MiningPipelineTest.parameters()).runAll())
        .noneMatch(StepResult::hasFailures);

    Path sharded = temp.resolve("sharded");
    MiningContext base = context(sharded, server, true);
    assertThat(new MiningPipeline(base, MiningPipelineTest.parameters()).run("select")).noneMatch(StepResult::hasFailures);
    List<Long> perShard = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      List<StepResult> shard = new MiningPipeline(base.withShard(new Shard(i, 2)), MiningPipelineTest.parameters()).runAll();
      assertThat(shard).noneMatch(StepResult::hasFailures);
      perShard.add(shard.stream().filter(r -> r.step().startsWith("history-"))
          .mapToLong(r -> r.manifest().counts().getOrDefault("repositories_mined", 0L)).sum());
    }
    assertThat(perShard).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(new MiningPipeline(base, MiningPipelineTest.parameters()).merge(2)).noneMatch(StepResult::hasFailures);
    assertThat(new MiningPipeline(base, MiningPipelineTest.parameters()).run("bot-prs")).noneMatch(StepResult::hasFailures);

    assertThat(PipelineFiles.snapshot(sharded)).containsExactlyInAnyOrderEntriesOf(PipelineFiles.snapshot(single));
  }

  @Test
  void aBlobRecordedBeforeAKillIsNotReadAgain() throws IOException {
    Path out = temp.resolve("out");
    MiningPipeline pipeline = new MiningPipeline(context(out, server, true), MiningPipelineTest.parameters());
    pipeline.run("select");
    pipeline.run("history");
    AtomicReference<String> killedAfter = new AtomicReference<>();
    MiningContext killing = context(out, server, true).withHook((step, key) -> {
      if (step.equals("formats-blobs") && killedAfter.get() == null) {
        killedAfter.set(key);
        throw new FaultInjectionTest.Killed("after blob " + key);
      }
    });
    try {
      new MiningPipeline(killing, MiningPipelineTest.parameters()).run("formats");
    } catch (FaultInjectionTest.Killed expected) {
      // as a kill -9 right after the blob's journal line
    }
    Map<String, Integer> before = reads();
    assertThat(new MiningPipeline(context(out, server, true), MiningPipelineTest.parameters()).run("formats"))
        .noneMatch(StepResult::hasFailures);
    String key = killedAfter.get().replace("sha256:", "");
    assertThat(reads().get(key)).as("content reads of the blob recorded before the kill").isEqualTo(before.get(key));
  }

  private Map<String, Integer> reads() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    scenario.hub.contentReads.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  private static Map<String, String> row(List<Map<String, String>> rows, String urlSuffix) {
    return rows.stream().filter(r -> r.get("pr_url").endsWith(urlSuffix)).findFirst().orElseThrow();
  }

  static List<Map<String, String>> rows(Path csv) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }
}
