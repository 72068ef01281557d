package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.analysis.Rq1;
import org.modelevolution.analysis.Rq1Group;
import org.modelevolution.charts.DailyAdditionsChart;
import org.modelevolution.study.Group;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudySources;
import org.modelevolution.testing.Shared;

/** The reproduction on the study's own published data ({@code ../shared/study}): every recomputable number matches. */
class StudyDataReproductionTest {
  static StudyData data;
  static List<Comparison> comparisons;

  @BeforeAll
  static void load() {
    data = Study.load(StudySources.of(Shared.layout(), Shared.study()));
    comparisons = Reproduction.compare(data, Reproduction.analyse(data));
  }

  @Test
  void everyStudyFileReadIsThePinnedOriginal() {
    assertThat(data.inputs()).filteredOn(i -> i.path().startsWith("STUDY_DATA/")).isNotEmpty()
        .allSatisfy(i -> assertThat(i.status()).as(i.path()).isEqualTo(InputFile.Status.VERIFIED));
    assertThat(data.inputs()).extracting(InputFile::path).contains("STUDY_DATA/db_model_evolution.sqlite3",
        "STUDY_DATA/SO_query_data.csv", "STUDY_DATA/sfconvertbot_merge_status.csv",
        "STUDY_DATA/sfconvertbot_pr_metadata_filtered.csv", "STUDY_DATA/discussion_urls.csv",
        "STUDY_DATA/sfconvertbot_activity.csv", "STUDY_DATA/fixed3_repository_evolution_commits_0_5014.csv",
        "data/safetensors-releases.csv");
  }

  @Test
  void everyRecomputableNumberMatches() {
    Map<Comparison.Status, Long> counts = comparisons.stream()
        .collect(Collectors.groupingBy(Comparison::status, Collectors.counting()));
    // the only differences are the method figure's own: its repository counts and its swapped commit counts
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.DIFFERS)
        .extracting(c -> c.number().source() + " | " + c.number().group() + " | " + c.number().value() + " -> "
            + c.recomputedValue())
        .containsExactlyInAnyOrder("MethodArtifacts.png | legacy | 1,073 -> 1,703",
            "MethodArtifacts.png | recent | 1,073 -> 1,703", "MethodArtifacts.png | legacy | 13,338 -> 8,967",
            "MethodArtifacts.png | recent | 8,967 -> 13,338");
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.DIFFERS)
        .allSatisfy(c -> assertThat(c.note()).contains("the figure contradicts the study's table"));
    // 64 numbers of tables, notebook outputs and the method figure, and the 214 labelled cells of the legacy heat map
    assertThat(counts.get(Comparison.Status.MATCH)).isEqualTo(64 + 214);
    assertThat(comparisons).filteredOn(c -> c.number().source().equals("RQ1Heatmap_legacy.pdf")).hasSize(214)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(Comparison.Status.MATCH));
    assertThat(counts.get(Comparison.Status.STATED_VS_CODE)).isEqualTo(1);
    // every number the recent developers' file gives is needs-download, distinct from the Git LFS inputs
    // (25 table and notebook numbers, and the 659 + 672 labelled cells of the recent and both heat maps)
    assertThat(counts.get(Comparison.Status.NEEDS_DOWNLOAD)).isEqualTo(25 + 659 + 672);
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.NEEDS_DOWNLOAD)
        .allSatisfy(c -> assertThat(c.needs()).contains("safetensors_commits_not_by_tool_recent.csv", "--download"));
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.NOT_RECOMPUTABLE)
        .allSatisfy(c -> assertThat(c.needs()).as(c.number().metric()).isNotBlank().doesNotContain("no analysis")
            .doesNotContain("--download"));
    // distinct numbers only: the 2024 table's repeated block is counted once
    assertThat(comparisons).extracting(c -> c.number().key()).doesNotHaveDuplicates();
  }

  @Test
  void theKnownNumbersAreRecomputed() {
    Map<String, String> recomputed = comparisons.stream().filter(c -> c.status() == Comparison.Status.MATCH)
        .collect(Collectors.toMap(c -> c.number().source() + " | " + c.number().metric(), Comparison::recomputedValue,
            (a, b) -> a));
    assertThat(recomputed).containsEntry("rq1_dataset_stats_legacy.csv | # commits adding safetensor files", "655")
        .containsEntry("rq1_dataset_stats_legacy.csv | date with max number of adoptions", "2024-03-27")
        .containsEntry("rq1_dataset_stats_both.csv | # commits adding at least one serialized model", "19200")
        .containsEntry("rq1_dataset_stats_recent.csv | % repos with old pytorch_model.bin files after conversion",
            "85.58558558558559")
        .containsEntry("rq3_dataset_stats.csv | Average number of PRs per repository", "1.2422636348093692")
        .containsEntry("rq1_dataset_stats.csv | # commits adding safetensor files made by the converter", "400.0");
    Map<String, Comparison> bySourceAndMetric = comparisons.stream().collect(Collectors.toMap(
        c -> c.number().source() + " | " + c.number().group() + " | " + c.number().metric(), Function.identity()));
    // the 27 filtered PRs are the code's result; the stated > 4 words is a separate row
    Comparison relevant = bySourceAndMetric.get("rq3_analysis.ipynb |  | Number of PRs after filtering");
    assertThat(relevant.status()).isEqualTo(Comparison.Status.MATCH);
    assertThat(relevant.recomputedValue()).isEqualTo("27");
    Comparison stated = comparisons.stream().filter(c -> c.status() == Comparison.Status.STATED_VS_CODE)
        .findFirst().orElseThrow();
    assertThat(stated.recomputedValue()).isEqualTo("20");
    assertThat(stated.basis()).isEqualTo("input rows");
    assertThat(stated.note()).contains("rq3_analysis.ipynb markdown cell 12");
    // the legacy run of rq1_analysis.ipynb (study commit 7cf3fedf8): the 80% figure and the ten fastest adopters
    for (String metric : List.of("80% of the adoptions happened after",
        "80% of the adoptions: days after the first safetensors release", "fastest adopter 1: elapsed_days",
        "fastest adopter 10: elapsed_days")) {
      assertThat(bySourceAndMetric.get("rq1_analysis.ipynb@7cf3fedf8 | legacy | " + metric).status()).as(metric)
          .isEqualTo(Comparison.Status.MATCH);
    }
    assertThat(bySourceAndMetric.get("rq1_analysis.ipynb@7cf3fedf8 | legacy | 80% of the adoptions: days after the"
        + " first safetensors release").recomputedValue()).isEqualTo("138 days 00:00:00");
    // the staff split, 401 + 43,195 = 43,596
    Comparison kept = bySourceAndMetric.get("rq3_dataset_stats.csv |  | Number of PRs after filtering by URL");
    assertThat(kept.status()).isEqualTo(Comparison.Status.MATCH);
    assertThat(kept.note()).contains("401 (HF staff) + 43195 (non-HF staff) = 43596");
    // 2024: 394 / 399 by the final groups' rule
    Comparison old2024 = bySourceAndMetric.get("rq1_dataset_stats.csv |  | % repos with old files");
    assertThat(old2024.status()).isEqualTo(Comparison.Status.MATCH);
    assertThat(old2024.note()).contains("394", "/ 399");
  }

  /**
   * The acceptance on the study's data: the legacy commits distribution plots the study's file rows per
   * day (131 on day 552, 72 on day 42, 46 on day 138, where commits would give 115, 1 and 1), and every
   * non-zero day of the legacy heat map is a cell carrying its count as text.
   */
  @Test
  void theLegacyFiguresShowTheStudysPerDayFileCounts(@TempDir Path out) throws IOException {
    Rq1Group legacy = Rq1.of(data).group(Group.LEGACY).orElseThrow();
    DailyAdditionsChart.Input files = Rq1Files.commitsDistributionInput(legacy, data, false);
    assertThat(files.converter().countsByDay()).containsEntry(552, 131L).containsEntry(42, 72L)
        .containsEntry(138, 46L);
    assertThat(files.developer().available()).isTrue();
    // releases up to the end of the study's data only (the study marked none after it)
    assertThat(files.releases()).hasSize((int) data.releases().tags().stream()
        .filter(r -> !r.date().isAfter(Rq1Files.STUDY_DATA_END)).count()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.x()).isLessThanOrEqualTo(831));
    DailyAdditionsChart.Input commits = Rq1Files.commitsDistributionInput(legacy, data, true);
    assertThat(commits.converter().countsByDay()).containsEntry(552, 115L).containsEntry(42, 1L);

    Reproduction.StepFiles step = Reproduction.rq1(legacy, data, out);
    String svg = Files.readString(out.resolve("rq1").resolve("RQ1Heatmap_legacy.svg"));
    // the cell labels are the 10 px texts; the colour-bar ticks and axes use other sizes
    List<String> cellTexts = new ArrayList<>();
    Matcher m = Pattern.compile("font-size:10px;\"[^>]*>([0-9]+)</text>").matcher(svg);
    while (m.find()) {
      cellTexts.add(m.group(1));
    }
    List<String> expected = legacy.filesPerDay().entrySet().stream()
        .filter(e -> e.getValue() > 0 && e.getKey().getYear() >= 2022 && e.getKey().getYear() <= 2024)
        .map(e -> String.valueOf(e.getValue())).toList();
    assertThat(cellTexts).containsExactlyInAnyOrderElementsOf(expected).contains("131", "72", "46");
    assertThat(step.png("RQ1CommitsDistribution_legacy.pdf")).isPresent();
  }
}
