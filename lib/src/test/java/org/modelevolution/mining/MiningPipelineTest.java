package org.modelevolution.mining;

import org.modelevolution.io.RunManifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.study.Group;

/**
 * The whole pipeline against the fake Hub: every mined table is checked cell by cell against
 * what the fake Hub holds, and a second run changes nothing and fetches no content again.
 */
class MiningPipelineTest {
  @TempDir
  Path temp;
  private final MockWebServer server = new MockWebServer();
  private Scenario scenario;

  static Path corpus() {
    Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
    Path corpus = shared.resolve("formats-corpus");
    Assumptions.assumeTrue(Files.isRegularFile(corpus.resolve("labels.csv")), "formats corpus not available");
    return corpus;
  }

  static MiningParameters parameters() {
    return MiningParameters.study().withPaging(0, 3);
  }

  @BeforeEach
  void start() throws IOException {
    scenario = new Scenario(corpus(), temp.resolve("git"));
    server.setDispatcher(scenario.hub);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void minesTheTablesTheFakeHubHolds() throws IOException {
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    List<StepResult> results = new MiningPipeline(context, parameters()).runAll();
    assertThat(results).noneMatch(StepResult::hasFailures);
    MiningLayout layout = new MiningLayout(out);

    // Selection: ids per group, ordered by creation; the placeholder replaced by the first commit date.
    JsonNode legacy = new ObjectMapper().readTree(layout.selectedRepos(Group.LEGACY).toFile());
    JsonNode recent = new ObjectMapper().readTree(layout.selectedRepos(Group.RECENT).toFile());
    assertThat(ids(legacy)).containsExactly("oldlab/legacy-gpt", "acme/keras-old", "acme/onnx-old");
    assertThat(ids(recent)).containsExactly("acme-lab/tiny-bert-sst2", "newco/npy", "newco/diffusers");
    assertThat(legacy.get(0).get("created_at").asLong())
        .isEqualTo(Instant.parse("2021-07-14T10:02:45Z").toEpochMilli());
    assertThat(recent.get(0).fieldNames().next()).isEqualTo("index");
    assertThat(recent.get(0).get("index").asLong()).isEqualTo(3); // listing position, newest created first
    for (JsonNode record : iterable(legacy, recent)) {
      FakeHub.Built b = scenario.hub.repos.get(record.get("id").asText());
      assertThat(record.get("created_at").asLong()).isEqualTo(b.repo().createdAt.toEpochMilli() == 1646263744000L
          ? b.repo().commits.get(0).date().toEpochMilli() : b.repo().createdAt.toEpochMilli());
      assertThat(record.get("last_modified").asLong()).isEqualTo(b.repo().lastModified.toEpochMilli());
      assertThat(record.get("sha").asText()).isEqualTo(b.hashes().get(b.hashes().size() - 1));
      List<String> files = new ArrayList<>(b.head().keySet());
      assertThat(record.get("siblings")).hasSize(files.size());
      long size = 0;
      for (int i = 0; i < files.size(); i++) {
        JsonNode sibling = record.get("siblings").get(i);
        FakeRepo.Blob blob = b.head().get(files.get(i));
        size += blob.content().length;
        assertThat(sibling.get("rfilename").asText()).isEqualTo(files.get(i));
        assertThat(sibling.get("size").asLong()).isEqualTo(blob.content().length);
        assertThat(sibling.get("blob_id").asText()).isEqualTo(FakeHub.gitBlobId(blob.gitBytes()));
        assertThat(sibling.get("lfs").isNull()).isEqualTo(!blob.lfs());
        if (blob.lfs()) {
          assertThat(sibling.get("lfs").get("sha256").asText()).isEqualTo(FakeHub.sha256(blob.content()));
        }
      }
      assertThat(record.get("size").asLong()).isEqualTo(size);
    }

    // Histories and format evolution, cell by cell.
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      List<List<String>> commits = new ArrayList<>();
      List<List<String>> evolution = new ArrayList<>();
      for (JsonNode record : group == Group.LEGACY ? legacy : recent) {
        FakeHub.Built b = scenario.hub.repos.get(record.get("id").asText());
        commits.addAll(Expected.commitRows(b));
        evolution.addAll(Expected.evolutionRows(b, scenario.labelBySha256));
      }
      List<List<String>> minedCommits = csv(layout.selectedCommits(group));
      assertThat(minedCommits.get(0)).containsExactly("repo_url", "commit_hash", "author", "date", "message",
          "changed_files", "all_files_in_tree");
      assertThat(minedCommits.subList(1, minedCommits.size())).containsExactlyElementsOf(commits);
      List<List<String>> minedEvolution = csv(layout.evolution(group));
      assertThat(minedEvolution.get(0)).containsExactly("repo_url", "commit_hash", "model_file_path",
          "serialization_format", "message", "author", "date", "is_in_commit");
      assertThat(minedEvolution.subList(1, minedEvolution.size())).containsExactlyElementsOf(evolution);
      assertThat(evolution).isNotEmpty();
    }
    // The edge cases are really there.
    String legacyEvolution = Files.readString(layout.evolution(Group.LEGACY));
    assertThat(legacyEvolution).contains("acme/keras-old/last.ckpt,UNDETERMINED (symbolic link)")
        .contains(",h5/hdf5,").contains(",pickle,").contains(",ONNX,").contains(",joblib,").contains(",torch.save,");
    assertThat(Files.readString(layout.evolution(Group.RECENT))).contains("my model.safetensors,safetensors,Upload BertForSequenceClassification,jdoe,2024-09-23 19:44:02,False");
    assertThat(Files.readString(layout.selectedCommits(Group.LEGACY))).contains("= weights/tf_model.h5", "> ", "- extra.h5");

    // Every distinct content was read exactly once, in one ranged window, across repositories.
    assertThat(scenario.hub.contentReads).isNotEmpty();
    assertThat(scenario.hub.contentReads.values()).allMatch(n -> n.get() == 1);
    java.util.Set<String> contents = new java.util.HashSet<>();
    long contentBytes = 0;
    long lfsContents = 0;
    for (JsonNode record : iterable(legacy, recent)) {
      FakeHub.Built b = scenario.hub.repos.get(record.get("id").asText());
      for (var state : b.states().values()) {
        for (var file : state.entrySet()) {
          if (Expected.isModel(file.getKey()) && !file.getValue().symlink()
              && contents.add(FakeHub.sha256(file.getValue().content()))) {
            contentBytes += file.getValue().content().length;
            lfsContents += file.getValue().lfs() ? 1 : 0;
          }
        }
      }
    }
    var formatCounts = org.modelevolution.io.RunManifest.read(layout.manifest("formats-recent")).counts();
    assertThat(formatCounts).containsEntry("blobs_distinct_all_groups", (long) contents.size())
        .containsEntry("blob_bytes_total_all_groups", contentBytes)
        // Files smaller than the head window: each read whole, once; LFS ones through one redirect.
        .containsEntry("sniff_bytes_transferred_all_groups", contentBytes)
        .containsEntry("sniff_requests_all_groups", contents.size() + lfsContents);

    // Bot PRs: dataset rows, feed-only PRs, a PR that no longer exists.
    List<List<String>> status = csv(layout.botPrStatus());
    assertThat(status).containsExactly(
        List.of("pr_url", "model_id", "time", "status", "files_with_conflicts", "events", "first_non_bot_status",
            "first_non_bot_status_by", "first_non_bot_status_at", "first_non_bot_status_by_hf_staff"),
        List.of("https://huggingface.co/acme-lab/tiny-bert-sst2/discussions/4", "acme-lab/tiny-bert-sst2",
            "2024-09-30T14:02:31.000Z", "open", "", "1", "", "", "", ""),
        List.of("https://huggingface.co/newco/npy/discussions/7", "newco/npy", "2024-07-02T00:00:00.000Z",
            "merged", "", "2", "merged", "Chen", "2024-07-02T00:05:00.000Z", "False"),
        List.of("https://huggingface.co/acme/keras-old/discussions/3", "acme/keras-old", "2023-03-15T09:00:00.000Z",
            "closed", "tf_model.h5", "4", "open", "hf-staffer", "2023-03-17T09:00:00.000Z", "True"),
        List.of("https://huggingface.co/oldlab/legacy-gpt/discussions/1", "oldlab/legacy-gpt", "2023-03-14T10:22:33.000Z",
            "merged", "", "2", "merged", "jdoe", "2023-03-14T10:30:00.000Z", "False"),
        List.of("https://huggingface.co/acme/gone/discussions/1", "", "", "", "", "0", "", "", "", ""));
    assertThat(org.modelevolution.io.RunManifest.read(layout.manifest("bot-prs")).counts())
        .containsEntry("prs_from_dataset", 3L).containsEntry("prs_only_in_commit_titles", 1L)
        .containsEntry("prs_only_in_feed", 1L);
    List<List<String>> metadata = csv(layout.botPrMetadata());
    assertThat(metadata.get(0)).containsExactly("pr_url", "discussion_metadata", "header_metadata", "model_id", "time");
    assertThat(metadata.get(5)).containsExactly("https://huggingface.co/acme/gone/discussions/1",
        "HTTP Error (status code: 404)", "HTTP Error (status code: 404)", "", "");
    JsonNode events = new ObjectMapper().readTree(metadata.get(3).get(1));
    assertThat(events.at("/discussion/status").asText()).isEqualTo("closed");
    assertThat(events.at("/discussion/events")).hasSize(4);
    assertThat(events.at("/discussion").has("diff")).isFalse();
    assertThat(events.at("/discussion/events/0/data/latest/raw").asText()).contains("Übersetzung, \"quoted\"");
    JsonNode header = new ObjectMapper().readTree(metadata.get(3).get(2));
    assertThat(header.at("/discussion/filesWithConflicts/0").asText()).isEqualTo("tf_model.h5");
    assertThat(header.at("/discussion").has("events")).isFalse();

    // A second run resumes everything, requests no content, and leaves the tables byte-identical.
    Map<Path, byte[]> first = PipelineFiles.snapshot(out);
    int reads = scenario.hub.contentReads.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
    assertThat(new MiningPipeline(context, parameters()).runAll()).noneMatch(StepResult::hasFailures);
    assertThat(PipelineFiles.snapshot(out)).containsExactlyInAnyOrderEntriesOf(first);
    assertThat(scenario.hub.contentReads.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum())
        .isEqualTo(reads);

    // The command line's wiring (HF_ENDPOINT, a clone URL template) mines the same bytes.
    Path viaEnvironment = temp.resolve("env");
    Path git = temp.resolve("git");
    MiningContext configured = MiningContext.fromEnvironment(viaEnvironment,
        Map.of("HF_ENDPOINT", server.url("/").toString()), Optional.of(git.toUri() + "{id}.git"));
    assertThat(new MiningPipeline(configured, parameters()).runAll()).noneMatch(StepResult::hasFailures);
    assertThat(PipelineFiles.snapshot(viaEnvironment)).containsExactlyInAnyOrderEntriesOf(first);
  }

  @Test
  void aBrokenActivityFeedDegradesToTheConfirmedDiscussionLists() throws IOException {
    scenario.hub.feedBroken = true;
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    MiningPipeline pipeline = new MiningPipeline(context, parameters());
    pipeline.run(SelectRepositories.STEP);
    StepResult result = pipeline.run(MineBotPullRequests.STEP).get(0);
    assertThat(result.hasFailures()).isFalse();
    assertThat(result.manifest().counts()).containsEntry("feed_unavailable", 1L)
        .containsEntry("repositories_listed", 6L).containsEntry("prs_only_in_repository_lists", 2L);
    assertThat(result.manifest().errors()).anyMatch(e -> e.startsWith("activity feed: unavailable"));
    List<List<String>> status = csv(new MiningLayout(out).botPrStatus());
    assertThat(status).extracting(row -> row.get(0)).containsExactly("pr_url",
        "https://huggingface.co/acme-lab/tiny-bert-sst2/discussions/4", "https://huggingface.co/newco/npy/discussions/7",
        "https://huggingface.co/acme/keras-old/discussions/3", "https://huggingface.co/oldlab/legacy-gpt/discussions/1",
        "https://huggingface.co/acme/gone/discussions/1");
  }

  @Test
  void withoutFeedOrListsTheConversionsDatasetAndCommitTitlesRemain() throws IOException {
    scenario.hub.feedBroken = true;
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    StepResult result = new MineBotPullRequests(context).run();
    assertThat(result.hasFailures()).isFalse();
    assertThat(csv(new MiningLayout(out).botPrStatus())).extracting(row -> row.get(0)).containsExactly("pr_url",
        "https://huggingface.co/acme/keras-old/discussions/3", "https://huggingface.co/oldlab/legacy-gpt/discussions/1",
        "https://huggingface.co/acme/gone/discussions/1");
  }

  @Test
  void dryRunMakesNoRequestAndWritesNothing() {
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    String plan = new MiningPipeline(context, parameters()).dryRun("all");
    assertThat(plan).contains("dry run", "(anonymous)", "step select:", "checkpoint select-pages: 0 units done",
        "legacy: no selection yet");
    assertThat(server.getRequestCount()).isZero();
    assertThat(out).doesNotExist();
  }

  @Test
  void aRepositoryThatCannotBeClonedHasNoCommitsAndIsNotRetried() throws IOException {
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    MiningPipeline pipeline = new MiningPipeline(context, parameters());
    pipeline.run("select");
    deleteRecursively(scenario.hub.repos.get("acme/onnx-old").gitDir());
    StepResult history = new MineHistory(context, parameters(), Group.LEGACY).run();
    assertThat(history.hasFailures()).isFalse();
    assertThat(history.manifest().counts()).containsEntry("repositories_unavailable", 1L);
    assertThat(Files.readString(new MiningLayout(out).selectedCommits(Group.LEGACY))).doesNotContain("acme/onnx-old")
        .contains("acme/keras-old");
    StepResult again = new MineHistory(context, parameters(), Group.LEGACY).run();
    assertThat(again.manifest().counts()).containsEntry("repositories_already_done", 3L);
  }

  @Test
  void offlineTheDataCollectionShowsTheCachedRunManifests() throws IOException {
    Path out = temp.resolve("out");
    MiningContext context = scenario.context(out, server, temp.resolve("git"), Optional.empty());
    DataCollection collection = DataCollection.of(context);
    assertThat(collection.online()).isTrue();
    String mined = collection.collectOrShowCache(parameters());
    assertThat(mined).startsWith("mined from http://").contains("select", "bot-prs");
    server.close();
    assertThat(collection.online()).isFalse();
    String cached = collection.collectOrShowCache(parameters());
    assertThat(cached).startsWith("offline: ").contains("Cached runs in manifests", "select", "formats-recent",
        "selected_legacy_repos.json", "blobs_distinct_all_groups");
    assertThat(collection.cachedRuns().runs()).extracting(RunManifest::step).contains("select", "formats-recent");
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static List<JsonNode> iterable(JsonNode... arrays) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode array : arrays) {
      array.forEach(all::add);
    }
    return all;
  }

  static List<String> ids(JsonNode records) {
    List<String> ids = new ArrayList<>();
    records.forEach(r -> ids.add(r.get("id").asText()));
    return ids;
  }

  static List<List<String>> csv(Path file) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
      return it.readAll();
    }
  }
}
