package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    for (String table : List.of("sfconvertbot_pr_status.csv", "sfconvertbot_pr_metadata.csv")) {
      assertThat(Files.readString(mined.resolve(table))).as(table).isEqualTo(Files.readString(truth.resolve(table)));
    }
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
    for (String name : List.of("selected_legacy_repos.json", "selected_recent_repos.json")) {
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
    // RQ1 and RQ3 of the ground truth equal what the study's own code wrote or printed on it (fixtures, README).
    assertRq1EqualsTheStudyCode(fromTruth.resolve("rq1"));
    assertRq3EqualsTheStudyCode(fromTruth.resolve("rq3"));
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

  /**
   * RQ1 against {@code rq1_analysis.ipynb} run on the ground truth: the per-group statistics tables
   * byte for byte; the "both" table line for line, its commit-log rows in another order (below);
   * the series the notebook draws (cells 15 and 17) and the numbers it prints (cells 4, 9, 11, 13).
   */
  private static void assertRq1EqualsTheStudyCode(Path rq1) throws IOException {
    for (String group : List.of("legacy", "recent")) {
      String name = "rq1_dataset_stats_" + group + ".csv";
      assertThat(Files.readString(rq1.resolve(name))).as(name).isEqualTo(fixture(name));
    }
    // Known difference, in order only: the study's get_commit_log_stats('both') adds up the groups'
    // commit-log rows while iterating a Python set of their names, so those first nine rows come in
    // the set's order, which changes with PYTHONHASHSEED (the fixture was written with 0); ours are in
    // the published table's order. Every line is equal, and the rows after them in the same order.
    List<String> ours = Files.readString(rq1.resolve("rq1_dataset_stats_both.csv")).lines().toList();
    List<String> study = fixture("rq1_dataset_stats_both.csv").lines().toList();
    int logRows = study.indexOf(study.stream().filter(l -> l.startsWith("# commits adding safetensor files,"))
        .findFirst().orElseThrow());
    assertThat(logRows).as("commit-log rows of the study's both table").isPositive();
    assertThat(ours).as("rq1_dataset_stats_both.csv").hasSameSizeAs(study);
    assertThat(ours.subList(0, logRows)).as("rq1_dataset_stats_both.csv, commit-log rows")
        .containsExactlyInAnyOrderElementsOf(study.subList(0, logRows));
    assertThat(ours.subList(logRows, ours.size())).as("rq1_dataset_stats_both.csv, safetensors rows")
        .containsExactlyElementsOf(study.subList(logRows, study.size()));
    for (String group : List.of("legacy", "recent", "both")) {
      List<Map<String, String>> byDay = csv(Files.readString(rq1.resolve("rq1_adoptions_by_day_" + group + ".csv")));
      // Cell 15 draws added safetensors file rows per elapsed day: all, the converter's, the developers'.
      assertThat(byDay.stream().map(r -> String.join(",", r.get("elapsed_days"), r.get("files"),
              r.get("converter_files"), r.get("developer_files"))).toList())
          .as("RQ1CommitsDistribution " + group)
          .containsExactlyElementsOf(csv(fixture("RQ1CommitsDistribution_" + group + "_notebook_table.csv")).stream()
              .map(r -> String.join(",", r.values())).toList());
      // Cell 17 labels each day of the heat map with its added safetensors file rows.
      assertThat(byDay.stream().map(r -> r.get("date") + "," + r.get("files")).toList())
          .as("RQ1Heatmap " + group)
          .containsExactlyElementsOf(csv(fixture("RQ1Heatmap_" + group + "_notebook_table.csv")).stream()
              .map(r -> String.join(",", r.values())).toList());
      assertThat(metrics(Files.readString(rq1.resolve("rq1_notebook_outputs_" + group + ".csv"))))
          .as("rq1_analysis.ipynb's printed numbers, " + group)
          .isEqualTo(printedRq1(fixture("rq1_notebook_printed_" + group + ".txt")));
    }
  }

  /** The numbers of {@code rq1_notebook_printed_{group}.txt} under the names of our {@code rq1_notebook_outputs}. */
  private static Map<String, String> printedRq1(String printed) throws IOException {
    Map<String, String> numbers = new LinkedHashMap<>();
    Matcher range = Pattern.compile("\\(Timestamp\\('([^']+)'\\), Timestamp\\('([^']+)'\\), (-?\\d+), (-?\\d+)\\)")
        .matcher(printed);
    assertThat(range.find()).as("cell 4's value").isTrue();
    numbers.put("df_safetensors['date'].min()", range.group(1));
    numbers.put("df_safetensors['date'].max()", range.group(2));
    numbers.put("df_safetensors['elapsed_days'].min()", range.group(3));
    numbers.put("df_safetensors['elapsed_days'].max()", range.group(4));
    String cell9 = printed.substring(printed.indexOf("## cell 9\n") + 10, printed.indexOf("## cell 11\n"));
    List<Map<String, String>> fastest = csv(cell9);
    for (int i = 0; i < fastest.size(); i++) {
      numbers.put("fastest adopter " + (i + 1) + ": elapsed_days", fastest.get(i).get("elapsed_days"));
    }
    String cell11 = printed.substring(printed.indexOf("## cell 11\n"), printed.indexOf("## cell 13\n"));
    numbers.put("first adoption: rows", Long.toString(cell11.lines().filter(l -> l.startsWith("Repository: ")).count()));
    numbers.put("first adoption: commits", Long.toString(Pattern.compile("Commit: (\\w+),").matcher(cell11).results()
        .map(m -> m.group(1)).distinct().count()));
    Matcher eighty = Pattern.compile("80% of the adoptions happened after (\\S+), which is (.+) days after").matcher(printed);
    assertThat(eighty.find()).as("cell 13's sentence").isTrue();
    numbers.put("80% of the adoptions happened after", eighty.group(1));
    numbers.put("80% of the adoptions: days after the first safetensors release", eighty.group(2));
    return numbers;
  }

  /**
   * RQ3 against {@code rq3_analysis.ipynb} run on the ground truth: its statistics table byte for
   * byte; the frames cells 7 and 9 draw as bars, percent by percent (4 decimals; a status the study's
   * frame has no column for has no PR in ours); the minutes cell 11 draws as box plots, per status.
   */
  private static void assertRq3EqualsTheStudyCode(Path rq3) throws IOException {
    assertThat(Files.readString(rq3.resolve("rq3_dataset_stats.csv"))).as("rq3_dataset_stats.csv")
        .isEqualTo(fixture("rq3_dataset_stats.csv"));
    List<Map<String, String>> counts = csv(Files.readString(rq3.resolve("rq3_status_counts.csv")));
    List<Map<String, String>> labels = csv(Files.readString(rq3.resolve("RQ3StatusDistribution_figure_labels.csv")));
    for (String suffix : List.of("", "-Hugging Face Staff", "-Non-Hugging Face Staff")) {
      String figure = "RQ3StatusDistribution" + suffix + ".pdf";
      List<Map<String, String>> ourRows = counts.stream().filter(r -> r.get("figure").equals(figure)).toList();
      List<String> studyRows = new ArrayList<>();
      for (Map<String, String> row : csv(fixture("RQ3StatusDistribution" + suffix + "_notebook_table.csv"))) {
        String label = row.get("row").replace('\n', ' ');
        if (label.contains("Staff)")) {
          // Cell 7's staff rows: in our figure-label table only, at the figure's one decimal.
          Map<String, String> ourLabels = labels.stream()
              .filter(r -> r.get("figure").equals(figure) && r.get("row").equals(label)).findFirst().orElseThrow();
          row.forEach((status, percent) -> {
            if (!status.equals("row")) {
              assertThat(ourLabels.get(status)).as(figure + " " + label + " " + status)
                  .isEqualTo(String.format(Locale.ROOT, "%.1f", Double.parseDouble(percent)));
            }
          });
          continue;
        }
        studyRows.add(label);
        for (Map<String, String> ours : ourRows.stream().filter(r -> r.get("row").equals(label)).toList()) {
          String percent = row.get(ours.get("status"));
          assertThat(percent == null ? "no column" : String.format(Locale.ROOT, "%.4f", Double.parseDouble(percent)))
              .as(figure + " " + label + " " + ours.get("status"))
              .isEqualTo(percent == null && ours.get("prs").equals("0") ? "no column" : ours.get("percent"));
        }
      }
      assertThat(ourRows.stream().map(r -> r.get("row")).distinct().toList()).as(figure + ": rows")
          .containsExactlyInAnyOrderElementsOf(studyRows);
    }
    List<Map<String, String>> ours = csv(Files.readString(rq3.resolve("rq3_time_to_first_response.csv")));
    List<Map<String, String>> study = csv(fixture("RQ3TimeToFirstResponse_notebook_table.csv"));
    assertThat(ours).as("RQ3TimeToFirstResponse: statuses").hasSameSizeAs(study);
    for (int i = 0; i < study.size(); i++) {
      Map<String, String> expected = new LinkedHashMap<>();
      study.get(i).forEach((column, value) -> expected.put(column, column.endsWith("_minutes")
          ? String.format(Locale.ROOT, "%.4f", Double.parseDouble(value)) : value));
      assertThat(ours.get(i)).as("RQ3TimeToFirstResponse " + study.get(i).get("status")).isEqualTo(expected);
    }
  }

  /** A CSV with a header, as rows of column name to value, in column order. */
  private static List<Map<String, String>> csv(String text) throws IOException {
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      return rows.readAll();
    }
  }

  /** A headerless two-column metrics table ({@code metric,value}; the value holds no comma). */
  private static Map<String, String> metrics(String text) {
    Map<String, String> metrics = new LinkedHashMap<>();
    text.lines().forEach(l -> metrics.put(l.substring(0, l.lastIndexOf(',')), l.substring(l.lastIndexOf(',') + 1)));
    return metrics;
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
