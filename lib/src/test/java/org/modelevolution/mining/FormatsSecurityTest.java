package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelevolution.mining.FakeRepo.delete;
import static org.modelevolution.mining.FakeRepo.git;
import static org.modelevolution.mining.FakeRepo.lfs;
import static org.modelevolution.mining.FakeRepo.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.formats.BypassCorpus;
import org.modelevolution.io.Journal;
import org.modelevolution.io.RunManifest;
import org.modelevolution.study.Group;

/**
 * Item 6 of the pickle-scanner issue against the fake Hub: with {@code --security} the formats
 * step lists trees with {@code expand=true} and writes our verdict beside the Hub's
 * {@code securityFileStatus} (api-reference.md 1.5), reporting the disagreements by kind; a Hub
 * without a verdict (queued, unscanned, error, absent, repository no longer listed) is never a
 * disagreement; without the option nothing is requested or written that was not before; a killed
 * run, or one mined before without the option, completes the side file without losing or
 * duplicating a row. The pickles are the bypass corpus's generated ones, nothing is unpickled.
 */
class FormatsSecurityTest {
  static final String PICKLES = "lab/pickles";
  static final String RECENT = "lab/recent-weights";

  @TempDir
  Path temp;
  private final MockWebServer server = new MockWebServer();
  private Scenario scenario;
  private FakeHub.Built pickles;

  @BeforeEach
  void start() throws IOException {
    Path gitRoot = temp.resolve("git");
    scenario = new Scenario(MiningPipelineTest.corpus(), gitRoot);
    byte[] torchZip = BypassCorpus.bytesOf("benign_torch_zip.pt");
    byte[] numpy = BypassCorpus.bytesOf("benign_numpy.pkl");
    byte[] osSystem = BypassCorpus.bytesOf("os_system_proto0.pkl");
    byte[] posixSystem = BypassCorpus.bytesOf("posix_system.pkl");
    byte[] stateDict = BypassCorpus.bytesOf("benign_state_dict.pkl");
    byte[] joblib = BypassCorpus.bytesOf("benign_joblib.joblib");
    byte[] nested = BypassCorpus.bytesOf("benign_nested_storage.pkl");
    Path safetensors = scenario.corpus.resolve("safetensors/f32_with_metadata.safetensors");
    // A legacy repository: c2 adds seven model files, c3 retrains pytorch_model.bin, c4 adds a copy
    // of the tokenizer. Newest first, c4 holds every content but the first pytorch_model.bin,
    // c3 holds none that c4 lacks (no listing), c2 the first pytorch_model.bin.
    scenario.hub.add(new FakeRepo(PICKLES, "2022-04-01T00:00:00.000Z", "2024-05-01T00:00:00.000Z")
        .commit("system", "2022-04-01T00:00:00Z", "initial commit", text(".gitattributes", "*.bin filter=lfs\n"))
        .commit("Ada", "2022-04-02T00:00:00Z", "weights", lfs("pytorch_model.bin", torchZip), git("tokenizer.pkl", osSystem),
            lfs("optimizer.pt", posixSystem), lfs("queued.pkl", stateDict), lfs("scaler.joblib", joblib),
            lfs("rng_state.pth", nested), lfs("model.safetensors", safetensors))
        .commit("Ada", "2023-06-01T00:00:00Z", "retrain", lfs("pytorch_model.bin", numpy))
        .commit("Ada", "2024-05-01T00:00:00Z", "a copy of the tokenizer", git("copy/tokenizer.pkl", osSystem)),
        gitRoot);
    // A recent one, so that the balanced sample keeps all four of each group; the API no longer lists its tree.
    scenario.hub.add(new FakeRepo(RECENT, "2023-09-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z")
        .commit("system", "2023-09-01T00:00:00Z", "initial commit", text("README.md", "weights\n"))
        .commit("Finn", "2024-04-01T00:00:00Z", "weights", lfs("training_args.bin", stateDict), delete("README.md")),
        gitRoot);
    scenario.hub.treeGone.add(RECENT);
    pickles = scenario.hub.repos.get(PICKLES);

    scenario.hub.securityStatus.put(FakeHub.sha256(torchZip), FakeHub.securityFileStatus("safe", "safe",
        "torch._utils _rebuild_tensor_v2 innocuous", "collections OrderedDict innocuous", "torch FloatStorage innocuous"));
    scenario.hub.securityStatus.put(FakeHub.sha256(numpy), FakeHub.securityFileStatus("safe", "safe",
        "numpy.core.multiarray _reconstruct innocuous", "numpy ndarray innocuous", "numpy dtype innocuous",
        "_codecs encode innocuous"));
    // The disagreement: the Hub calls the os.system pickle safe and lists no import.
    scenario.hub.securityStatus.put(FakeHub.sha256(osSystem), FakeHub.securityFileStatus("safe", "safe"));
    scenario.hub.securityStatus.put(FakeHub.sha256(posixSystem), FakeHub.securityFileStatus("unsafe", "unsafe",
        "posix system dangerous"));
    // No Hub verdict: queued and unscanned (no pickle scan yet), a failed scan; model.safetensors has no status at all.
    scenario.hub.securityStatus.put(FakeHub.sha256(stateDict), FakeHub.securityFileStatus("queued", null));
    scenario.hub.securityStatus.put(FakeHub.sha256(nested), FakeHub.securityFileStatus("unscanned", null));
    scenario.hub.securityStatus.put(FakeHub.sha256(joblib), FakeHub.securityFileStatus("error", "error"));
    scenario.hub.treePageSize = 2; // several pages per listing, so that the Link is followed
    server.setDispatcher(scenario.hub);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MiningContext context(Path out) {
    return scenario.context(out, server, temp.resolve("git"), Optional.empty());
  }

  private static MiningParameters withSecurity() {
    return MiningPipelineTest.parameters().withSecurity(true);
  }

  private static List<StepResult> selectAndFormats(MiningContext context, MiningParameters params) {
    MiningPipeline pipeline = new MiningPipeline(context, params);
    List<StepResult> results = new ArrayList<>(pipeline.run(SelectRepositories.STEP));
    results.addAll(pipeline.run(MineFormats.STEP));
    return results;
  }

  @Test
  void withSecurityEveryModelFileHasBothVerdictsAndTheOneDisagreementIsReported() throws IOException {
    Path out = temp.resolve("out");
    List<StepResult> results = selectAndFormats(context(out), withSecurity());
    assertThat(results).noneMatch(StepResult::hasFailures);
    MiningLayout layout = new MiningLayout(out);
    assertThat(MiningPipelineTest.ids(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(layout.selectedRepos(Group.LEGACY).toFile()))).contains(PICKLES);

    List<List<String>> table = MiningPipelineTest.csv(layout.security(Group.LEGACY));
    assertThat(table.get(0)).containsExactly("repo_id", "revision", "path", "our_verdict", "our_completeness", "our_rule",
        "policy_version", "hub_status", "hub_pickle_status", "hub_verdict", "only_ours", "only_hub", "agree");
    List<List<String>> ours = table.stream().filter(r -> r.get(0).equals(PICKLES)).toList();
    String c2 = pickles.hashes().get(1);
    String c4 = pickles.hashes().get(3);
    // One row per distinct content: the shared tokenizer content once, the replaced pytorch_model.bin twice.
    assertThat(ours).hasSize(8);
    assertThat(cells(row(ours, c4, "pytorch_model.bin"), 3, 4, 7, 8, 9, 10, 11, 12))
        .containsExactly("safe", "complete", "safe", "safe", "safe", "", "", "True");
    assertThat(cells(row(ours, c2, "pytorch_model.bin"), 3, 7, 9, 12)).containsExactly("safe", "safe", "safe", "True");
    List<String> tokenizer = ours.stream().filter(r -> r.get(2).endsWith("tokenizer.pkl")).findFirst().orElseThrow();
    assertThat(ours.stream().filter(r -> r.get(2).endsWith("tokenizer.pkl"))).hasSize(1);
    assertThat(cells(tokenizer, 1, 3, 4, 7, 8, 9, 10, 11, 12))
        .containsExactly(c4, "dangerous", "complete", "safe", "safe", "safe", "os.system", "", "False");
    assertThat(cells(row(ours, c4, "optimizer.pt"), 3, 7, 9, 10, 11, 12))
        .containsExactly("dangerous", "unsafe", "dangerous", "", "", "True");
    assertThat(cells(row(ours, c4, "queued.pkl"), 3, 7, 8, 9, 12)).containsExactly("safe", "queued", "", "", "");
    assertThat(cells(row(ours, c4, "scaler.joblib"), 3, 7, 8, 9, 12)).containsExactly("safe", "error", "error", "", "");
    assertThat(cells(row(ours, c4, "rng_state.pth"), 3, 7, 8, 9, 12)).containsExactly("safe", "unscanned", "", "", "");
    assertThat(cells(row(ours, c4, "model.safetensors"), 3, 7, 8, 9, 12))
        .containsExactly("not_applicable", "", "", "", "");
    // Only the disagreement disagrees: no Hub verdict (here and in every other repository) never does.
    assertThat(table.stream().filter(r -> r.get(12).equals("False"))).containsExactly(tokenizer);
    assertThat(table.subList(1, table.size())).extracting(r -> r.get(0)).contains("oldlab/legacy-gpt", "acme/keras-old");
    List<List<String>> recent = MiningPipelineTest.csv(layout.security(Group.RECENT));
    assertThat(recent.stream().filter(r -> r.get(0).equals(RECENT)))
        .singleElement().satisfies(r -> assertThat(cells(r, 2, 3, 7, 12)).containsExactly("training_args.bin", "safe", "", ""));

    String report = Files.readString(layout.securityReport(Group.LEGACY));
    assertThat(report).startsWith("# Pickle verdicts beside the Hub's, legacy repositories\n")
        .contains("with a Hub pickle verdict 4, agreeing 3, disagreeing 1.", "| ours dangerous, Hub safe | 1 |",
            PICKLES + "@" + c4 + " " + tokenizer.get(2) + ": ours dangerous (complete), Hub safe; only ours [os.system]");
    assertThat(Files.readString(layout.securityReport(Group.RECENT))).contains("disagreeing 0.").doesNotContain("|");
    RunManifest legacy = RunManifest.read(layout.manifest("formats-legacy"));
    assertThat(legacy.parameters()).containsEntry("security", "true");
    assertThat(legacy.counts()).containsEntry("security_disagreements", 1L)
        .containsEntry("security_disagreements_ours_dangerous_hub_safe", 1L)
        .containsEntry("security_files_with_hub_verdict", 4L)
        .containsEntry("security_rows", (long) table.size() - 1)
        .containsEntry("security_repositories_mined", 4L);
    assertThat(legacy.outputs()).extracting(org.modelevolution.io.Provenance.FileDigest::path)
        .contains("formats_security_legacy.csv", "formats_security_legacy.md");
    assertThat(RunManifest.read(layout.manifest("formats-recent")).counts())
        .containsEntry("security_tree_listings_unavailable", 1L).containsEntry("security_disagreements", 0L);

    // Requests: expand=true listings (every page, the Link followed verbatim), one per commit that
    // brings a content not compared yet (c4 and c2 here, not c3), and no content read for the check.
    List<HttpUrl> listings = List.copyOf(scenario.hub.treeListings);
    assertThat(listings).isNotEmpty().allSatisfy(u -> {
      assertThat(u.queryParameter("expand")).isEqualTo("true");
      assertThat(u.queryParameter("recursive")).isEqualTo("true");
      assertThat(u.queryParameter("limit")).isNull();
    });
    assertThat(firstPages(listings, PICKLES)).containsExactlyInAnyOrder(c4, c2);
    assertThat(listings.stream().filter(u -> u.encodedPath().contains(PICKLES) && u.queryParameter("cursor") != null))
        .hasSizeGreaterThanOrEqualTo(4);
    for (FakeHub.Built b : scenario.hub.repos.values()) {
      List<String> revisions = firstPages(listings, b.repo().id);
      assertThat(revisions).as(b.repo().id).doesNotHaveDuplicates();
    }
    assertThat(scenario.hub.contentReads.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void withoutSecurityNoTreeIsListedAndTheOutputsAreTheSame() throws IOException {
    Path plain = temp.resolve("plain");
    assertThat(selectAndFormats(context(plain), MiningPipelineTest.parameters())).noneMatch(StepResult::hasFailures);
    assertThat(scenario.hub.treeListings).isEmpty();
    MiningLayout layout = new MiningLayout(plain);
    try (Stream<Path> files = Files.walk(plain)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("security"));
    }
    assertThat(Files.readString(layout.journal(MineFormats.BLOBS))).doesNotContain("\"pickle\":");
    RunManifest manifest = RunManifest.read(layout.manifest("formats-legacy"));
    assertThat(manifest.parameters()).doesNotContainKey("security");
    assertThat(manifest.counts().keySet()).noneMatch(k -> k.startsWith("security"));

    // The same with --security: the study's tables byte for byte, plus the four side files.
    Path secured = temp.resolve("secured");
    assertThat(selectAndFormats(context(secured), withSecurity())).noneMatch(StepResult::hasFailures);
    Map<Path, byte[]> without = PipelineFiles.snapshot(plain);
    Map<Path, byte[]> with = new java.util.TreeMap<>(PipelineFiles.snapshot(secured));
    assertThat(with.keySet()).extracting(Path::toString).filteredOn(n -> n.startsWith("formats_security_"))
        .containsExactlyInAnyOrder("formats_security_legacy.csv", "formats_security_legacy.md",
            "formats_security_recent.csv", "formats_security_recent.md");
    with.keySet().removeIf(p -> p.toString().startsWith("formats_security_"));
    assertThat(with).containsExactlyInAnyOrderEntriesOf(without);
  }

  @Test
  void killedAgainAndAgainTheSideFilesMatchACleanRun() throws IOException {
    Path clean = temp.resolve("clean");
    assertThat(selectAndFormats(context(clean), withSecurity())).noneMatch(StepResult::hasFailures);
    Map<Path, byte[]> expected = PipelineFiles.snapshot(clean);

    // Killed three times amid the formats pass, twice in the middle of a paged expand=true listing,
    // then after every repository the cross-check records; restarted until a run gets through.
    Path out = temp.resolve("killed");
    List<String> kills = new ArrayList<>();
    java.util.Set<String> crossChecked = new java.util.HashSet<>();
    boolean finished = false;
    for (int attempt = 0; attempt < 30 && !finished; attempt++) {
      int a = attempt;
      AtomicInteger blobs = new AtomicInteger();
      AtomicInteger laterPages = new AtomicInteger();
      okhttp3.Interceptor midListing = chain -> {
        if (a >= 3 && a < 5 && chain.request().url().queryParameter("cursor") != null && laterPages.incrementAndGet() == 2) {
          throw new FaultInjectionTest.Killed("mid-listing " + chain.request().url().encodedPath());
        }
        return chain.proceed(chain.request());
      };
      MiningContext killing = scenario.context(out, server, Optional.of(midListing), false).withHook((checkpoint, key) -> {
        if (a < 3 && checkpoint.equals(MineFormats.BLOBS) && blobs.incrementAndGet() == 3
            || a >= 5 && checkpoint.startsWith(FormatsSecurity.STEP) && crossChecked.add(checkpoint + " " + key)) {
          throw new FaultInjectionTest.Killed("after " + checkpoint + " " + key);
        }
      });
      try {
        assertThat(selectAndFormats(killing, withSecurity())).noneMatch(StepResult::hasFailures);
        finished = true;
      } catch (FaultInjectionTest.Killed kill) {
        kills.add(kill.getMessage());
      }
    }
    assertThat(finished).isTrue();
    assertThat(kills.stream().filter(k -> k.contains(MineFormats.BLOBS))).hasSize(3);
    assertThat(kills.stream().filter(k -> k.startsWith("killed mid-listing"))).hasSize(2);
    // Every repository but those the mid-listing runs got through before dying.
    assertThat(kills.stream().filter(k -> k.contains(FormatsSecurity.STEP))).hasSizeBetween(6, 8);
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(expected);
    try (Journal<FormatsSecurity.RepoSecurity> journal = Journal.open(new MiningLayout(out).journal("formats-security-legacy"),
        FormatsSecurity.RepoSecurity.class)) {
      assertThat(journal.entries()).hasSize(4).containsKey(PICKLES);
      assertThat(journal.get(PICKLES).orElseThrow().summary().disagreements()).hasSize(1);
    }
  }

  @Test
  void aFolderMinedWithoutSecurityIsCrossCheckedByALaterRunWithIt() throws IOException {
    Path clean = temp.resolve("clean");
    assertThat(selectAndFormats(context(clean), withSecurity())).noneMatch(StepResult::hasFailures);
    Map<Path, byte[]> expected = PipelineFiles.snapshot(clean);
    int cleanReads = reads();

    // A folder mined before --security: its blob checkpoint has no scan (the journal of old).
    Path out = temp.resolve("out");
    assertThat(selectAndFormats(context(out), MiningPipelineTest.parameters())).noneMatch(StepResult::hasFailures);
    MiningLayout layout = new MiningLayout(out);
    try (Journal<MineFormats.BlobFormat> blobs = Journal.open(layout.journal(MineFormats.BLOBS), MineFormats.BlobFormat.class)) {
      assertThat(blobs.entries().values()).isNotEmpty().allMatch(b -> b.pickle() == null);
    }
    scenario.hub.treeListings.clear();
    int before = reads();
    List<StepResult> formats = new MiningPipeline(context(out), withSecurity()).run(MineFormats.STEP);
    assertThat(formats).noneMatch(StepResult::hasFailures);
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(expected);
    // The formats of every repository are kept; each readable content is read once more for its scan.
    RunManifest legacy = formats.get(0).manifest();
    assertThat(legacy.counts()).containsEntry("repositories_already_done", 4L).containsEntry("security_repositories_mined", 4L)
        .containsKey("blobs_sniffed_again_for_their_pickle_scan");
    assertThat(reads() - before).isEqualTo(cleanReads);

    // Once cross-checked, a run asks nothing again and changes nothing.
    scenario.hub.treeListings.clear();
    int after = reads();
    assertThat(new MiningPipeline(context(out), withSecurity()).run(MineFormats.STEP)).noneMatch(StepResult::hasFailures);
    assertThat(scenario.hub.treeListings).isEmpty();
    assertThat(reads()).isEqualTo(after);
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void twoShardsMergedWithSecurityEqualOneUnshardedRunByteForByte() throws IOException {
    Path single = temp.resolve("single");
    MiningPipeline one = new MiningPipeline(context(single), withSecurity());
    for (String step : List.of(SelectRepositories.STEP, MineHistory.STEP, MineFormats.STEP)) {
      assertThat(one.run(step)).noneMatch(StepResult::hasFailures);
    }

    Path sharded = temp.resolve("sharded");
    MiningContext base = context(sharded);
    assertThat(new MiningPipeline(base, withSecurity()).run(SelectRepositories.STEP)).noneMatch(StepResult::hasFailures);
    for (int i = 0; i < 2; i++) {
      assertThat(new MiningPipeline(base.withShard(new Shard(i, 2)), withSecurity()).runAll()).noneMatch(StepResult::hasFailures);
    }
    // A merge without --security leaves the cross-check out; with it, the side files are one run's.
    assertThat(new MiningPipeline(base, MiningPipelineTest.parameters()).merge(2)).noneMatch(StepResult::hasFailures);
    assertThat(PipelineFiles.snapshot(sharded).keySet()).noneMatch(p -> p.toString().contains("security"));
    List<StepResult> merged = new MiningPipeline(base, withSecurity()).merge(2);
    assertThat(merged).noneMatch(StepResult::hasFailures);
    assertThat(merged.get(0).manifest().counts()).containsEntry("security_disagreements", 1L);
    assertThat(PipelineFiles.snapshot(sharded)).containsExactlyInAnyOrderEntriesOf(PipelineFiles.snapshot(single));
  }

  @Test
  void aBlobJournalledBeforeTheScanExistedStillReadsAndOneWithoutAScanKeepsItsBytes() throws IOException {
    Path file = temp.resolve("formats-blobs.journal");
    String old = "{\"key\":\"sha256:ab\",\"value\":{\"format\":\"pickle\",\"size\":60,\"requests\":1,\"bytesTransferred\":60,"
        + "\"note\":null,\"contentRequests\":1,\"zip\":false}}\n";
    Files.writeString(file, old);
    try (Journal<MineFormats.BlobFormat> journal = Journal.open(file, MineFormats.BlobFormat.class)) {
      MineFormats.BlobFormat b = journal.get("sha256:ab").orElseThrow();
      assertThat(b.pickle()).isNull();
      assertThat(b.lacksScan()).isTrue();
      journal.record("sha256:cd", new MineFormats.BlobFormat("pickle", 60, 1, 60, null, 1, false, null));
    }
    assertThat(Files.readString(file)).isEqualTo(old + old.replace("sha256:ab", "sha256:cd"));
  }

  @Test
  void aKindIsCountedUnderItsSlug() {
    assertThat(FormatsSecurity.slug("ours suspicious (incomplete scan), Hub safe")).isEqualTo("ours_suspicious_incomplete_scan_hub_safe");
    assertThat(FormatsSecurity.slug("same verdict, imports differ")).isEqualTo("same_verdict_imports_differ");
  }

  private int reads() {
    return scenario.hub.contentReads.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The revisions of a repository's listings (their first pages), in request order. */
  private static List<String> firstPages(List<HttpUrl> listings, String repoId) {
    return listings.stream().filter(u -> u.queryParameter("cursor") == null)
        .filter(u -> (u.pathSegments().get(2) + "/" + u.pathSegments().get(3)).equals(repoId))
        .map(u -> u.pathSegments().get(5)).toList();
  }

  private static List<String> row(List<List<String>> rows, String revision, String path) {
    return rows.stream().filter(r -> r.get(1).equals(revision) && r.get(2).equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + revision + " " + path + " in " + rows));
  }

  private static List<String> cells(List<String> row, int... columns) {
    List<String> picked = new ArrayList<>();
    for (int c : columns) {
      picked.add(row.get(c));
    }
    return picked;
  }
}
