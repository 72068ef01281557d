package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.study.BotPrMergeStatus;
import org.modelevolution.study.MergeStatusRecord;

/** RQ3 on the recovered study files: what can be recomputed, and what is marked as not recomputable. */
class Rq3StudyDataTest {
  static Path study;

  @BeforeAll
  static void findStudyData() {
    study = Path.of(System.getProperty("shared.dir", "../shared")).resolve("study");
    Assumptions.assumeTrue(Files.isRegularFile(study.resolve(BotPrMergeStatus.FILE_NAME)), "study data absent");
  }

  @Test
  void mergeStatusTableMapsOntoTheFinalLabels() {
    List<MergeStatusRecord> rows = BotPrMergeStatus.read(study.resolve(BotPrMergeStatus.FILE_NAME));
    Map<String, Long> labels = rows.stream().collect(Collectors.groupingBy(MergeStatusRecord::statusLabel,
        TreeMap::new, Collectors.counting()));

    assertThat(rows).hasSize(8333);
    assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of(
        "open", 6034L, "merged", 1544L, "closed", 156L, "open (has conflicts)", 85L,
        MergeStatusRecord.NO_STATUS, 495L, MergeStatusRecord.UNAVAILABLE, 19L));
    assertThat(rows.stream().filter(r -> r.date().getYear() == 2022).count()).isEqualTo(98);
    assertThat(rows.stream().filter(r -> r.date().getYear() == 2023).count()).isEqualTo(8235);

    StatusDistribution d = Rq3Analysis.of(study, study.resolve("published")).statusDistribution2024PrSet().orElseThrow();
    assertThat(d.rows()).containsExactly("2022", "2023", StatusDistribution.ALL_YEARS);
    assertThat(d.total("2022")).isEqualTo(80);
    assertThat(d.total(StatusDistribution.ALL_YEARS)).isEqualTo(6034 + 1544 + 156 + 85);
    assertThat(PythonFormat.fixed(d.percent(StatusDistribution.ALL_YEARS, "open"), 1)).isEqualTo("77.2");
  }

  @Test
  void marksTheFinalNumbersNotRecomputableAndChecksTheCodedPrs(@TempDir Path out) {
    AnalysisResult result = Rq3Analysis.of(study, study.resolve("published")).writeTo(out);

    assertThat(result.comparisons()).filteredOn(c -> c.publishedFile().equals("rq3_dataset_stats.csv")).hasSize(10)
        .allSatisfy(c -> {
          assertThat(c.status()).isEqualTo(Comparison.Status.NOT_RECOMPUTABLE);
          assertThat(c.note()).contains("sfconvertbot_pr_metadata.csv.zip");
        });
    assertThat(result.comparisons()).filteredOn(c -> c.publishedFile().equals("RQ3StatusDistribution_figure_labels.csv"))
        .hasSize(14 * 5).allSatisfy(c -> assertThat(c.status()).isEqualTo(Comparison.Status.NOT_RECOMPUTABLE));
    assertThat(result.comparisons()).filteredOn(c -> c.metric().startsWith("rows whose own columns satisfy the code"))
        .singleElement().satisfies(c -> {
          assertThat(c.published()).isEqualTo("27");
          assertThat(c.status()).isEqualTo(Comparison.Status.MATCH);
        });
    assertThat(result.comparisons()).filteredOn(c -> c.metric().startsWith("rows whose own columns satisfy the stated"))
        .singleElement().satisfies(c -> {
          assertThat(c.recomputed()).isEqualTo("20");
          assertThat(c.status()).isEqualTo(Comparison.Status.DIFFERS);
        });
    List<List<String>> checks = HeaderlessCsv.read(out.resolve("rq3_relevant_prs_checks.csv"));
    assertThat(checks.subList(1, checks.size())).allSatisfy(row -> {
      boolean stated = row.get(0).contains("stated threshold");
      assertThat(row.get(2)).as(row.get(0)).isEqualTo(stated ? "7" : "0");
    });
    List<List<String>> crawls = HeaderlessCsv.read(out.resolve("rq3_partial_crawls.csv"));
    assertThat(crawls.get(1).subList(0, 2)).containsExactly("discussion_urls.csv", "9260");
    assertThat(crawls.get(2).subList(0, 2)).containsExactly("sfconvertbot_activity.csv", "220");
    assertThat(result.figures()).extracting(p -> p.getFileName().toString())
        .containsExactly("RQ3StatusDistribution-2024PRSet.png", "RQ3StatusDistribution-2024PRSet.svg");
    assertThat(result.inputs()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
        "sfconvertbot_merge_status.csv", "sfconvertbot_pr_metadata_filtered.csv", "discussion_urls.csv",
        "sfconvertbot_activity.csv", "rq3_dataset_stats.csv", "rq4_dataset_stats.csv",
        "RQ3StatusDistribution_figure_labels.csv");
  }
}
