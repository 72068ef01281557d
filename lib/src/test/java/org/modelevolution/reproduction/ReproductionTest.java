package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFigures;
import org.modelevolution.testing.StudyFixture;

/** The whole reproduction on a hand-made data folder: needs nothing beside the checkout. */
class ReproductionTest {
  @TempDir Path dir;

  private Map<String, Comparison> byMetric(List<Comparison> comparisons) {
    return comparisons.stream().collect(Collectors.toMap(
        c -> c.number().source() + " | " + c.number().group() + " | " + c.number().metric(), c -> c, (a, b) -> a,
        TreeMap::new));
  }

  @Test
  void withoutTheRecentDevelopersFileEveryRecomputableNumberMatchesAndTheRestSaysWhatItNeeds() {
    StudyData data = Study.load(StudyFixture.write(dir, false).sources());
    List<Comparison> comparisons = Reproduction.compare(data, Reproduction.analyse(data));
    Map<String, Comparison> rows = byMetric(comparisons);

    assertThat(comparisons).noneMatch(c -> c.status() == Comparison.Status.DIFFERS);
    assertThat(rows.get("rq1_dataset_stats_legacy.csv | legacy | # commits adding safetensor files").status())
        .isEqualTo(Comparison.Status.MATCH);
    assertThat(rows.get("rq1_dataset_stats_legacy.csv | legacy | date with max number of adoptions")
        .recomputedValue()).isEqualTo("2022-11-01");
    // arithmetic on the published tables where the rows are missing
    Comparison pct = rows.get("rq1_dataset_stats_legacy.csv | legacy | % repos with old pytorch_model.bin files after conversion");
    assertThat(pct.status()).isEqualTo(Comparison.Status.MATCH);
    assertThat(pct.basis()).isEqualTo("published-table arithmetic");
    assertThat(rows.get("rq1_dataset_stats_both.csv | both | # commits adding at least one serialized model")
        .recomputedValue()).isEqualTo("32");
    assertThat(rows.get("rq1_dataset_stats_both.csv | both | last commit date").status())
        .isEqualTo(Comparison.Status.MATCH);
    assertThat(rows.get("rq1_dataset_stats_both.csv | both | # commits adding safetensor files made by developers")
        .basis()).isEqualTo("published-table arithmetic");
    Comparison recentDevelopers = rows.get("rq1_dataset_stats_recent.csv | recent | # commits adding safetensor files made by developers");
    assertThat(recentDevelopers.status()).isEqualTo(Comparison.Status.NEEDS_DOWNLOAD);
    assertThat(recentDevelopers.needs()).contains("safetensors_commits_not_by_tool_recent.csv").contains("--download");
    assertThat(rows.get("rq1_analysis.ipynb | recent | 80% of the adoptions happened after").status())
        .isEqualTo(Comparison.Status.NEEDS_DOWNLOAD);
    assertThat(rows.get("rq3_dataset_stats.csv |  | Average number of PRs per repository").recomputedValue())
        .isEqualTo("1.25");
    // the staff split compared as HF staff + non-HF staff = the PRs kept
    Comparison kept = rows.get("rq3_dataset_stats.csv |  | Number of PRs after filtering by URL");
    assertThat(kept.recomputedValue()).isEqualTo(kept.number().value());
    assertThat(kept.note()).contains("3 (HF staff) + 7 (non-HF staff) = 10");
    // the code's criteria keep both coded PRs (a match); the stated > 4 words keeps one (a separate row)
    Comparison relevant = rows.get("rq3_analysis.ipynb |  | Number of PRs after filtering");
    assertThat(relevant.status()).isEqualTo(Comparison.Status.MATCH);
    assertThat(relevant.basis()).isEqualTo("input rows");
    Comparison stated = rows.get("rq3_analysis.ipynb |  | Number of PRs after filtering, by the stated criteria"
        + " (rq3_analysis.ipynb markdown cell 12: average comment size more than 4 words)");
    assertThat(stated.status()).isEqualTo(Comparison.Status.STATED_VS_CODE);
    assertThat(stated.recomputedValue()).isEqualTo("1");
    assertThat(stated.note()).contains("markdown cell 12");
    assertThat(comparisons).filteredOn(Comparison::isMissing)
        .allSatisfy(c -> assertThat(c.needs()).isNotBlank().doesNotContain("no analysis"));
    assertThat(comparisons).filteredOn(c -> c.status() == Comparison.Status.NEEDS_DOWNLOAD)
        .allSatisfy(c -> assertThat(c.needs()).contains("--download"));
  }

  @Test
  void withTheDownloadedRecentFileTheRecentAndBothDeveloperNumbersAreRecomputedFromRows() {
    StudyData data = Study.load(StudyFixture.write(dir, true).sources());
    Map<String, Comparison> rows = byMetric(Reproduction.compare(data, Reproduction.analyse(data)));

    for (String metric : List.of("# commits adding safetensor files", "# commits adding safetensor files made by developers",
        "# repos with commits adding safetensor files made by developers", "how many days until safetensors is first added",
        "date with max number of adoptions")) {
      Comparison recent = rows.get("rq1_dataset_stats_recent.csv | recent | " + metric);
      assertThat(recent.status()).as(metric).isEqualTo(Comparison.Status.MATCH);
      assertThat(recent.basis()).isEqualTo("input rows");
      assertThat(rows.get("rq1_dataset_stats_both.csv | both | " + metric).status()).as(metric)
          .isEqualTo(Comparison.Status.MATCH);
    }
    // the notebook's own 80% computation and its printed fastest adopters
    assertThat(rows.get("rq1_analysis.ipynb | recent | 80% of the adoptions happened after").status())
        .isEqualTo(Comparison.Status.MATCH);
    assertThat(rows.get("rq1_analysis.ipynb | recent | 80% of the adoptions: days after the first safetensors release")
        .recomputedValue()).isEqualTo("84 days 00:00:00");
    assertThat(rows.get("rq1_analysis.ipynb | recent | fastest adopter 2: elapsed_days").status())
        .isEqualTo(Comparison.Status.MATCH);
    assertThat(data.inputs()).filteredOn(i -> i.path().endsWith("safetensors_commits_not_by_tool_recent.csv"))
        .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(InputFile.Status.VERIFIED_GIT_BLOB));
  }

  @Test
  void theInputChecksFindABothFileThatIsNotRecentThenLegacy() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    StudyData intact = Study.load(fixture.sources());
    assertThat(Reproduction.analyse(intact).checks())
        .filteredOn(c -> c.check().contains("recent group's rows followed by the legacy group's"))
        .singleElement().satisfies(c -> assertThat(c.passed()).isTrue());

    Path both = fixture.dataDir().resolve("safetensors_commits_by_tool_both.csv");
    List<String> lines = Files.readAllLines(both);
    // legacy rows first: the same rows in the other order
    String header = lines.get(0);
    String text = Files.readString(both);
    String recentPart = text.substring(header.length() + 1, text.indexOf("org/a,c1"));
    Files.writeString(both, header + "\n" + text.substring(text.indexOf("org/a,c1")) + recentPart);
    StudyData swapped = Study.load(fixture.sources());
    assertThat(Reproduction.analyse(swapped).checks())
        .filteredOn(c -> c.check().contains("recent group's rows followed by the legacy group's"))
        .singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
  }

  @Test
  void writesTheReportTablesAndProvenanceAndARerunIsByteIdentical(@TempDir Path first, @TempDir Path second)
      throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    Reproduction.Result result = Reproduction.run(Study.load(fixture.sources()), first);
    Reproduction.run(Study.load(fixture.sources()), second);

    assertThat(digests(first)).isEqualTo(digests(second));
    List<String> csv = Files.readAllLines(first.resolve(Reproduction.CSV));
    assertThat(csv.get(0)).isEqualTo("rq,iteration,group,source,metric,published,recomputed,status,basis,inputs,needs,note");
    assertThat(csv).hasSize(result.comparisons().size() + 1);
    String report = Files.readString(first.resolve(Reproduction.REPORT));
    assertThat(report).startsWith("# Reproduction").contains("## What matched").contains("RQ1Heatmap_both.pdf")
        .doesNotContain(first.toString()).doesNotContain(dir.toString());
    String figuresMd = Files.readString(first.resolve(Reproduction.FIGURES));
    assertThat(figuresMd).startsWith("# Figures").contains("## Gallery").doesNotContain(first.toString())
        .doesNotContain(dir.toString());
    List<StudyFigures.Figure> catalogue = StudyFigures.all();
    assertThat(catalogue).extracting(StudyFigures.Figure::ourFile).contains("RQ1Heatmap_legacy", "RQ4CodeFrequencies");
    for (StudyFigures.Figure figure : catalogue) {
      if (figure.inStudy()) {
        assertThat(report).contains("`" + figure.studyName() + "`");
        assertThat(figuresMd).contains("| `" + figure.studyName() + "` |").contains("### " + figure.studyName());
      } else {
        assertThat(figuresMd).contains("### " + figure.ourFile() + " (project figure)");
      }
    }
    // every PNG drawn is shown inline in the gallery, by a relative link that resolves
    try (Stream<Path> files = Files.walk(first)) {
      for (Path png : files.filter(p -> p.toString().endsWith(".png")).toList()) {
        String link = first.relativize(png).toString().replace(" ", "%20");
        assertThat(figuresMd).as(link).contains("](" + link + ")");
      }
    }
    // the figures themselves (PNG and SVG) are byte-identical across the two runs
    Map<String, String> figuresFirst = figureDigests(first);
    assertThat(figuresFirst).isNotEmpty().containsKey("rq1/RQ1Heatmap_legacy.png")
        .containsKey("rq3/RQ3StatusDistribution-2024PRSet.svg").isEqualTo(figureDigests(second));
    assertThat(Files.readString(first.resolve(Reproduction.CHECKSUMS))).contains("  " + Reproduction.FIGURES + "\n");
    String provenance = Files.readString(first.resolve(Reproduction.PROVENANCE));
    assertThat(provenance).contains("\tSTUDY_DATA/safetensors_commits_by_tool_legacy.csv  (verified)")
        .contains("\tSTUDY_DATA/published/rq3_dataset_stats.csv").contains("\tSTUDY_DATA/sfconvertbot_merge_status.csv")
        .contains("\tSTUDY_DATA/sfconvertbot_pr_metadata_filtered.csv").contains("\tdata/safetensors-releases.csv")
        .contains("\trq1/rq1_fastest_adopters_legacy.csv")
        .doesNotContain("\trq1/rq1_fastest_adopters_legacy.csv  " + ProvenanceFiles.NOT_COMMITTED)
        .doesNotContain(first.toString());
    // SHA256SUMS lists every committed output with its digest, and none of the uncommitted ones
    for (String line : Files.readAllLines(first.resolve(Reproduction.CHECKSUMS))) {
      String[] parts = line.split("  ", 2);
      assertThat(Sha256.of(first.resolve(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
      assertThat(parts[1]).doesNotContain("rq4_coding_sheet");
    }
  }

  private static Map<String, String> figureDigests(Path dir) throws IOException {
    Map<String, String> figures = new TreeMap<>(digests(dir));
    figures.keySet().removeIf(name -> !name.endsWith(".png") && !name.endsWith(".svg"));
    return figures;
  }

  private static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).forEach(f -> out.put(dir.relativize(f).toString(), Sha256.of(f)));
    }
    return out;
  }
}
