package org.modelevolution.analysis;

import org.modelevolution.reproduction.Reproduction;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudySources;
import org.modelevolution.testing.Shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.SyntheticInputs;

/**
 * The full path on SYNTHETIC full-schema inputs (scale 0.01, written by the shared generator):
 * every RQ1/RQ2 analysis and figure runs, the commit-log counts agree with the generator's own
 * independent counts, and a rerun is byte-identical.
 */
class SyntheticReproductionTest {
  @TempDir static Path inputs;
  static StudyData data;
  static JsonNode summary;

  @BeforeAll
  static void generate() throws Exception {
    Path study = Shared.dir().resolve("study");
    assumeTrue(SyntheticInputs.available(study), "python3 or the generator is absent; skipping");
    SyntheticInputs.generate(study, inputs, 0.01);
    data = Study.load(StudySources.of(Shared.layout(), inputs));
    summary = new ObjectMapper().readTree(inputs.resolve("generation_summary.json").toFile()).get("files");
  }

  @Test
  void commitLogCountsAgreeWithTheGeneratorsOwnCounts() {
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      String g = group.fileSuffix();
      JsonNode commits = summary.get("selected_" + g + "_commits.csv");
      JsonNode evolution = summary.get("repositories_evolution_" + g + "_commits_processed.csv");
      MetricsTable stats = Rq1.group(data, group).studyStats();
      assertThat(stats.get(Rq1.ALL_LOGS)).contains(commits.get("rows_of_repos_in_evolution").asText());
      assertThat(stats.get(Rq1.TOUCHING)).contains(commits.get("commits_touching_model_files").asText());
      assertThat(stats.get(Rq1.NOT_CONTAINING))
          .contains(commits.get("commits_touching_model_files_without_model_in_tree").asText());
      assertThat(stats.get(Rq1.REPOS)).contains(evolution.get("repos").asText());
      assertThat(stats.get(Rq1.TOOL_COMMITS)).contains(evolution.get("commits_adding_safetensors_by_converter").asText());
      assertThat(stats.get(Rq1.TOOL_REPOS)).contains(evolution.get("repos_adding_safetensors_by_converter").asText());
    }
  }

  @Test
  void theBothTableHasTheStudysQuirksAndTheStatedTableDoesNot() {
    MetricsTable legacy = Rq1.group(data, Group.LEGACY).studyStats();
    MetricsTable recent = Rq1.group(data, Group.RECENT).studyStats();
    Rq1Group both = Rq1.group(data, Group.BOTH);
    String lastRecent = recent.get(Rq1.LAST_DATE).orElseThrow();
    String lastLegacy = legacy.get(Rq1.LAST_DATE).orElseThrow();
    assertThat(both.studyStats().get(Rq1.LAST_DATE)).contains(lastRecent + lastLegacy);
    assertThat(both.statedStats().get(Rq1.LAST_DATE))
        .contains(lastRecent.compareTo(lastLegacy) > 0 ? lastRecent : lastLegacy);
    long adding = Long.parseLong(legacy.get(Rq1.ADDING).orElseThrow())
        + Long.parseLong(recent.get(Rq1.ADDING).orElseThrow());
    assertThat(both.studyStats().get(Rq1.ADDING)).contains(Long.toString(2 * adding));
    assertThat(both.statedStats().get(Rq1.ADDING)).contains(Long.toString(adding));
    assertThat(both.studyStats().rows().keySet()).startsWith(Rq1.LAST_DATE, Rq1.NOT_CONTAINING);
  }

  @Test
  void rq2SharesSumToHundredPerRow() {
    for (Group group : Group.values()) {
      Rq2Group result = Rq2.group(data, group).orElseThrow();
      for (FormatShares shares : List.of(result.repoCreation(), result.repoCreationStated(), result.yearlyStudy(),
          result.yearlyStated())) {
        assertThat(shares.keys()).isNotEmpty();
        for (int r = 0; r < shares.keys().size(); r++) {
          assertThat(shares.rowSum(r)).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(shares.formats()).isSorted().noneMatch(f -> f.toLowerCase().startsWith("undetermined"));
      }
    }
  }

  @Test
  void groupsComputedSideBySideGiveTheSequentialResult() {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      Rq1Result sequential = Rq1.of(data);
      Rq1Result sideBySide = Rq1.of(data, pool);
      assertThat(sideBySide.groups().keySet()).containsExactlyElementsOf(sequential.groups().keySet());
      assertThat(sideBySide.numbers()).isEqualTo(sequential.numbers());
      assertThat(sideBySide.checks()).isEqualTo(sequential.checks());
      Rq2Result rq2 = Rq2.of(data);
      Rq2Result rq2SideBySide = Rq2.of(data, pool);
      assertThat(rq2SideBySide.groups().keySet()).containsExactlyElementsOf(rq2.groups().keySet());
      assertThat(rq2SideBySide.numbers()).isEqualTo(rq2.numbers());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyAnalysisAndFigureRunsAndARerunIsByteIdentical(@TempDir Path first, @TempDir Path second) throws IOException {
    Reproduction.Result result = Reproduction.run(data, first);
    Reproduction.run(data, second);

    for (String group : List.of("legacy", "recent", "both")) {
      for (String name : List.of("rq1_dataset_stats_" + group + ".csv", "rq1_dataset_stats_" + group + "_stated_method.csv",
          "RQ2FormatsRepoCreation_" + group + ".csv", "RQ2FormatsRepoCreation_" + group + "_stated_method.csv",
          "RQ2FormatsYearly_" + group + ".csv",
          "RQ2FormatsYearly_" + group + "_stated_method.csv")) {
        assertThat(first.resolve(folderOf(name)).resolve(name)).isNotEmptyFile();
      }
      for (String figure : List.of("RQ1CommitsDistribution_", "RQ1Heatmap_", "RQ2FormatsRepoCreation_", "RQ2FormatsYearly_")) {
        assertThat(first.resolve(folderOf(figure)).resolve(figure + group + ".png")).isNotEmptyFile();
        assertThat(first.resolve(folderOf(figure)).resolve(figure + group + ".svg")).isNotEmptyFile();
      }
    }
    // The synthetic inputs include the full PR table, so RQ3's figures are drawn too.
    for (String figure : List.of("RQ3StatusDistribution", "RQ3TimeToFirstResponse")) {
      assertThat(first.resolve("rq3").resolve(figure + ".png")).isNotEmptyFile();
    }
    assertThat(digests(first)).isEqualTo(digests(second));
    String provenance = Files.readString(first.resolve(Reproduction.PROVENANCE));
    assertThat(provenance).contains("read\t").contains("wrote\t").doesNotContain(first.toString())
        .doesNotContain(inputs.toString());
    assertThat(Files.readString(first.resolve(Reproduction.REPORT))).contains("SYNTHETIC")
        .contains("RQ1Heatmap_legacy.pdf").doesNotContain(first.toString());
    assertThat(result.comparisons()).isEmpty(); // a synthetic folder holds no published numbers
  }

  /**
   * Every table is the bytes recorded before the analyses were rebuilt on streaming reads (the
   * digests in {@code fixtures/reproduction-on-synthetic/}). A change meant to alter a table
   * updates that list: run this test, read the differing tables, then write the new digests
   * ({@code cd OUT && find . -name '*.csv' | sed 's|^./||' | sort | xargs sha256sum}).
   */
  @Test
  void everyTableIsTheBytesRecordedBeforeTheStreamingRewrite(@TempDir Path out) throws IOException {
    Reproduction.run(data, out);
    Map<String, String> expected = new TreeMap<>();
    String list = new String(SyntheticReproductionTest.class.getResourceAsStream(
        "/fixtures/reproduction-on-synthetic/scale-0.01-tables.sha256").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    for (String line : list.split("\n")) {
      expected.put(line.substring(66), line.substring(0, 64));
    }
    Map<String, String> tables = new TreeMap<>(digests(out));
    tables.keySet().removeIf(name -> !name.endsWith(".csv"));
    assertThat(tables).isEqualTo(expected);
  }

  private static String folderOf(String fileName) {
    return fileName.toLowerCase(java.util.Locale.ROOT).startsWith("rq1") ? "rq1" : "rq2";
  }

  private static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).forEach(f -> out.put(dir.relativize(f).toString(), Sha256.of(f)));
    }
    return out;
  }
}
