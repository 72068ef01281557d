package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.perception.CodingSheet;

/** RQ4 on the recovered Stack Overflow data and coding database. */
class Rq4AnalysisTest {
  static Path study;

  @BeforeAll
  static void findStudyData() {
    study = Path.of(System.getProperty("shared.dir", "../shared")).resolve("study");
    Assumptions.assumeTrue(Files.isRegularFile(study.resolve("SO_query_data.csv"))
        && Files.isRegularFile(study.resolve("db_model_evolution.sqlite3")), "study data absent");
  }

  @Test
  void ranksSamplesAndCountsCodes() {
    Rq4Analysis rq4 = Rq4Analysis.of(study);
    List<Rq4Analysis.RankedPost> ranking = rq4.ranking();

    assertThat(rq4.posts()).hasSize(264);
    assertThat(rq4.sampleSize()).isEqualTo(157);
    assertThat(ranking).filteredOn(Rq4Analysis.RankedPost::sampled).hasSize(157);
    assertThat(ranking.subList(0, 3)).extracting(Rq4Analysis.RankedPost::key).containsExactly(
        "question:77745229:1704188397", "question:77059057:1694084969", "question:76459041:1686591352");
    for (int i = 1; i < ranking.size(); i++) {
      assertThat(ranking.get(i).relevance()).isLessThanOrEqualTo(ranking.get(i - 1).relevance());
    }
    MetricsTable stats = rq4.stats();
    assertThat(stats.get("Posts in the coding database")).hasValue("268");
    assertThat(stats.get("True positives")).hasValue("86");
    assertThat(stats.get("Codes")).hasValue("18");
    assertThat(stats.get("Post-code links")).hasValue("127");
    assertThat(stats.get("Posts with codes")).hasValue("85");
    assertThat(stats.get("SO_query_data.csv posts found in the coding database")).hasValue("264");
    assertThat(rq4.codeFrequencies().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(127);
    assertThat(rq4.codeFrequencies()).hasSize(18);
  }

  @Test
  void writesTablesSheetAndChart(@TempDir Path out) {
    AnalysisResult result = Rq4Analysis.of(study).writeTo(out);

    assertThat(result.comparisons()).isEmpty();
    assertThat(result.inputs()).extracting(p -> p.getFileName().toString())
        .containsExactly("SO_query_data.csv", "db_model_evolution.sqlite3");
    assertThat(result.figures()).extracting(p -> p.getFileName().toString())
        .containsExactly("RQ4CodeFrequencies.png", "RQ4CodeFrequencies.svg");
    List<CodingSheet.Label> labels = CodingSheet.read(out.resolve("rq4_coding_sheet.csv"));
    assertThat(labels).hasSize(264);
    assertThat(labels.stream().filter(l -> Boolean.TRUE.equals(l.isTruePositive()))).hasSize(86);
    assertThat(labels.stream().mapToLong(l -> l.concepts().size()).sum()).isEqualTo(127);
    assertThat(HeaderlessCsv.read(out.resolve("rq4_so_ranking.csv"))).hasSize(265);
  }
}
