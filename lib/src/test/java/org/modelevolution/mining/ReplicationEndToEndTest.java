package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;
import org.modelevolution.reproduction.Reproduction;
import org.modelevolution.study.Group;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyDataException;
import org.modelevolution.study.StudySources;
import org.modelevolution.testing.Shared;

/**
 * The replication end to end (issue 23) on a small simulated Hub: {@code mine-hub all}'s pipeline
 * against {@link SimulatedHub} served over HTTP and git smart HTTP, the mined tables byte for byte
 * equal to the generator's ground truth, then the reproduction on the mined folder: every RQ1–RQ3
 * table and figure, for both groups, and the same tables as the reproduction of the ground truth,
 * whose RQ2 tables equal what the study's own code wrote on that ground truth (fixtures).
 */
class ReplicationEndToEndTest {
  static final int REPOSITORIES = 40;
  static final long SEED = 23;
  private static final String FIXTURES = "/fixtures/study-code-on-simulated-hub/n40-seed23/";

  @TempDir
  Path temp;
  private final MockWebServer server = new MockWebServer();
  private SimulatedHub sim;

  @BeforeEach
  void start() throws IOException {
    sim = SimulatedHub.generate(REPOSITORIES, SEED, MiningPipelineTest.corpus(), temp.resolve("git"));
    server.setDispatcher(sim.hub);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void minedTablesEqualTheGroundTruthAndReproduceIntoEveryRqTableAndFigure() throws IOException {
    Path truth = temp.resolve("truth");
    sim.writeTruth(truth);
    Path mined = temp.resolve("mined");
    MiningContext context = Scenario.clients(server, Optional.empty(), false)
        .context(new MiningLayout(mined), Optional.empty()).withProgress(MiningContext.ProgressFactory.SILENT);
    // Pages of 15 models: the listing's cursors are followed.
    List<StepResult> results = new MiningPipeline(context, MiningParameters.study().withPaging(0, 15)).runAll();
    assertThat(results).noneMatch(StepResult::hasFailures);
    assertThat(sim.census()).containsKeys("candidate_legacy", "candidate_recent");

    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      String suffix = group.fileSuffix();
      JsonNode selected = new ObjectMapper().readTree(mined.resolve("selected_" + suffix + "_repos.json").toFile());
      List<String> ids = new ArrayList<>();
      selected.forEach(r -> ids.add(r.get("id").asText()));
      assertThat(ids).as(suffix).isNotEmpty()
          .containsExactlyElementsOf(Files.readAllLines(truth.resolve("selected_" + suffix + "_ids.txt")));
      for (String table : List.of("selected_" + suffix + "_commits.csv",
          "repositories_evolution_" + suffix + "_commits_processed.csv")) {
        assertThat(Files.readString(mined.resolve(table))).as(table).isEqualTo(Files.readString(truth.resolve(table)));
      }
    }
    assertThat(Files.readString(mined.resolve("sfconvertbot_pr_status.csv")))
        .isEqualTo(Files.readString(truth.resolve("sfconvertbot_pr_status.csv")));
    // The generator's variety is really mined: formats, LFS and git files, renames, deletions, bot PRs.
    String evolution = Files.readString(mined.resolve("repositories_evolution_legacy_commits_processed.csv"))
        + Files.readString(mined.resolve("repositories_evolution_recent_commits_processed.csv"));
    assertThat(Stream.of(",safetensors,", ",torch.save,", ",pickle,", ",h5/hdf5,", ",ONNX,", ",joblib,", ",numpy,")
        .filter(evolution::contains)).as("formats mined").contains(",safetensors,", ",torch.save,").hasSizeGreaterThan(3);
    String commits = Files.readString(mined.resolve("selected_legacy_commits.csv"))
        + Files.readString(mined.resolve("selected_recent_commits.csv"));
    assertThat(commits).contains("= archive/", "- ", "Adding `safetensors` variant of this model");
    assertThat(Files.readString(mined.resolve("sfconvertbot_pr_status.csv"))).contains(",merged,", ",closed,", ",open,");

    // The reproduction of the mined folder: every RQ1-RQ3 table and figure.
    Path out = temp.resolve("reproduced");
    Reproduction.run(Study.load(StudySources.of(Shared.layout(), mined)), out);
    for (String suffix : List.of("legacy", "recent", "both")) {
      assertNonEmpty(out.resolve("rq1/rq1_dataset_stats_" + suffix + ".csv"));
      assertNonEmpty(out.resolve("rq1/rq1_adoptions_by_day_" + suffix + ".csv"));
      assertNonEmpty(out.resolve("rq1/RQ1CommitsDistribution_" + suffix + ".png"));
      assertNonEmpty(out.resolve("rq1/RQ1Heatmap_" + suffix + ".svg"));
      assertNonEmpty(out.resolve("rq2/RQ2FormatsRepoCreation_" + suffix + ".csv"));
      assertNonEmpty(out.resolve("rq2/RQ2FormatsYearly_" + suffix + ".csv"));
      assertNonEmpty(out.resolve("rq2/RQ2FormatsYearly_" + suffix + ".png"));
    }
    assertNonEmpty(out.resolve("rq3/rq3_status_counts.csv"));
    assertNonEmpty(out.resolve("rq3/rq3_time_to_first_response.csv"));
    assertNonEmpty(out.resolve("rq3/RQ3StatusDistribution.png"));
    assertNonEmpty(out.resolve("rq3/RQ3TimeToFirstResponse.svg"));
    // RQ1's developer series: the safetensors additions by developers, beside the bot's.
    assertThat(Files.readString(out.resolve("rq1/rq1_dataset_stats_legacy.csv"))).isNotBlank();

    // The ground truth, with the selection's records, reproduces into the same RQ tables.
    Path truthData = temp.resolve("truth-data");
    Files.createDirectories(truthData);
    try (Stream<Path> files = Files.list(truth)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, truthData.resolve(f.getFileName()));
      }
    }
    for (String name : List.of("selected_legacy_repos.json", "selected_recent_repos.json", "sfconvertbot_pr_metadata.csv")) {
      Files.copy(mined.resolve(name), truthData.resolve(name));
    }
    for (String line : fixture("inputs.sha256").lines().toList()) {
      String[] digestAndName = line.split(" +", 2);
      assertThat(Sha256.of(truthData.resolve(digestAndName[1])))
          .as("the simulated Hub's %s differs from the one the study-code fixtures came from; regenerate them (README)",
              digestAndName[1])
          .isEqualTo(digestAndName[0]);
    }
    Path fromTruth = temp.resolve("from-truth");
    Reproduction.run(Study.load(StudySources.of(Shared.layout(), truthData)), fromTruth);
    // RQ2 of the ground truth equals what the study's own code wrote on it (fixtures, see their README).
    for (String group : List.of("legacy", "recent", "both")) {
      assertThat(Files.readString(fromTruth.resolve("rq2/RQ2FormatsRepoCreation_" + group + ".csv")))
          .as("creation months, " + group).isEqualTo(fixture("RQ2FormatsRepoCreation_" + group + ".csv"));
      assertThat(Files.readString(fromTruth.resolve("rq2/RQ2FormatsYearly_" + group + ".csv")))
          .as("years, " + group).isEqualTo(fixture("RQ2FormatsYearly_" + group + "_notebook_table.csv"));
    }
    for (String rq : List.of("rq1", "rq2", "rq3")) {
      try (Stream<Path> tables = Files.list(out.resolve(rq))) {
        for (Path table : (Iterable<Path>) tables.filter(p -> p.toString().endsWith(".csv"))::iterator) {
          assertThat(Files.readString(fromTruth.resolve(rq).resolve(table.getFileName())))
              .as(rq + "/" + table.getFileName()).isEqualTo(Files.readString(table));
        }
      }
    }
  }

  @Test
  void aSelectionRecordWithoutCreatedAtIsNamedInOneLine() throws IOException {
    Path mined = temp.resolve("mined");
    MiningContext context = Scenario.clients(server, Optional.empty(), false)
        .context(new MiningLayout(mined), Optional.empty()).withProgress(MiningContext.ProgressFactory.SILENT);
    assertThat(new MiningPipeline(context, MiningParameters.study()).runAll()).noneMatch(StepResult::hasFailures);
    Path selection = mined.resolve("selected_legacy_repos.json");
    ObjectMapper json = new ObjectMapper();
    ArrayNode records = (ArrayNode) json.readTree(selection.toFile());
    ObjectNode record = (ObjectNode) records.get(0);
    record.remove("created_at");
    json.writeValue(selection.toFile(), records);
    StudyData data = Study.load(StudySources.of(Shared.layout(), mined));
    assertThatThrownBy(() -> Reproduction.run(data, temp.resolve("out")))
        .isInstanceOf(StudyDataException.class)
        .hasMessageContaining(record.get("id").asText()).hasMessageContaining("selected_legacy_repos.json")
        .hasMessageContaining("created_at").hasMessageNotContaining("\n");
  }

  private static String fixture(String name) throws IOException {
    try (var in = ReplicationEndToEndTest.class.getResourceAsStream(FIXTURES + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void assertNonEmpty(Path file) throws IOException {
    assertThat(file).isRegularFile();
    assertThat(Files.size(file)).as(file.toString()).isPositive();
  }
}
