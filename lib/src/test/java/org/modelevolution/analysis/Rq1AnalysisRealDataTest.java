package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelevolution.study.Group;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyTestData;

/** RQ1 on the study's real published files: every recomputable number must equal the published one. */
class Rq1AnalysisRealDataTest {
  static StudyData data;

  @BeforeAll
  static void load() {
    data = StudyTestData.load();
  }

  @Test
  void everyInputReadIsThePinnedOriginal() {
    assertThat(data.inputs()).isNotEmpty()
        .allSatisfy(i -> assertThat(i.verification()).isEqualTo(InputFile.Verification.VERIFIED));
    assertThat(data.legacy().developerAdditionsKnown()).isTrue();
    assertThat(data.recent().developerAdditionsKnown()).isFalse();
  }

  @Test
  void legacySafetensorsNumbersMatchThePublishedTable() {
    MetricsTable stats = Rq1Analysis.of(data, Group.LEGACY).studyStats();
    assertThat(stats.get(Rq1Analysis.ST_COMMITS)).contains("655");
    assertThat(stats.get(Rq1Analysis.ST_REPOS)).contains("650");
    assertThat(stats.get(Rq1Analysis.TOOL_COMMITS)).contains("630");
    assertThat(stats.get(Rq1Analysis.TOOL_REPOS)).contains("628");
    assertThat(stats.get(Rq1Analysis.DEV_COMMITS)).contains("25");
    assertThat(stats.get(Rq1Analysis.DEV_REPOS)).contains("25");
    assertThat(stats.get(Rq1Analysis.FIRST_DAYS)).contains("7");
    assertThat(stats.get(Rq1Analysis.MAX_DATE)).contains("2024-03-27");
    assertThat(stats.get(Rq1Analysis.USED_TOOL)).contains("628");
  }

  @Test
  void converterNumbersOfRecentAndBothMatch() {
    MetricsTable recent = Rq1Analysis.of(data, Group.RECENT).studyStats();
    assertThat(recent.get(Rq1Analysis.TOOL_COMMITS)).contains("112");
    assertThat(recent.get(Rq1Analysis.TOOL_REPOS)).contains("111");
    assertThat(recent.get(Rq1Analysis.ST_COMMITS)).isEmpty(); // developer additions of recent are not retrievable
    MetricsTable both = Rq1Analysis.of(data, Group.BOTH).studyStats();
    assertThat(both.get(Rq1Analysis.TOOL_COMMITS)).contains("742");
    assertThat(both.get(Rq1Analysis.TOOL_REPOS)).contains("739");
  }

  @Test
  void iteration2024NumbersMatchInTheStudysFloatFormatting() {
    MetricsTable stats = Rq1Analysis.iteration2024(data.additions2024().orElseThrow());
    assertThat(stats.get(Rq1Analysis.ST_COMMITS)).contains("418.0");
    assertThat(stats.get(Rq1Analysis.TOOL_COMMITS)).contains("400.0");
    assertThat(stats.get("% commits adding safetensor files made by the converter")).contains("95.69377990430623");
    assertThat(stats.get(Rq1Analysis.FIRST_DAYS)).contains("6.0");
    assertThat(stats.get(Rq1Analysis.MAX_DATE)).contains("2024-03-27");
  }

  @Test
  void everyRecomputedPublishedNumberMatchesAndNoneDiffers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) {
    List<Comparison> comparisons = new Rq1Reproduction().run(data, out).comparisons();
    assertThat(comparisons).noneMatch(c -> c.status() == Comparison.Status.DIFFERS);
    Map<String, Long> matchesPerFile = comparisons.stream().filter(c -> c.status() == Comparison.Status.MATCH)
        .collect(Collectors.groupingBy(Comparison::publishedFile, Collectors.counting()));
    assertThat(matchesPerFile).containsEntry("rq1_dataset_stats_legacy.csv", 9L)
        .containsEntry("rq1_dataset_stats_recent.csv", 3L)
        .containsEntry("rq1_dataset_stats_both.csv", 2L);
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.NOT_RECOMPUTABLE)
        .allSatisfy(c -> assertThat(c.note()).isNotBlank());
  }
}
