package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RQ4 on the recovered Stack Overflow data and coding database. */
class Rq4AnalysisTest {
  static Rq4Result rq4;

  @BeforeAll
  static void load() {
    Path study = org.modelevolution.testing.Shared.study();
    rq4 = Rq4.of(org.modelevolution.study.Study.load(org.modelevolution.study.StudySources.of(
        org.modelevolution.testing.Shared.layout(), study)));
  }

  @Test
  void ranksSamplesAndCountsCodes() {
    List<Rq4.RankedPost> ranking = rq4.rankings().get(Rq4.PRIMARY);

    assertThat(rq4.posts()).isEqualTo(264);
    assertThat(rq4.sampleSize()).isEqualTo(157);
    assertThat(ranking).filteredOn(Rq4.RankedPost::sampled).hasSize(157);
    // the study's ids (1-based rows) of its three most relevant posts (Rq4StudyCodeTest checks all 264)
    assertThat(ranking.subList(0, 3)).extracting(r -> r.row() + 1).containsExactly(30, 14, 253);
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
    Map<String, Long> frequencies = rq4.codeFrequencies().orElseThrow();
    assertThat(frequencies.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(127);
    assertThat(frequencies).hasSize(18);
    assertThat(rq4.truePositiveCodeFrequencies().orElseThrow().values().stream().mapToLong(Long::longValue).sum())
        .isLessThanOrEqualTo(127);
    assertThat(rq4.codingSheet()).hasSize(264);
    assertThat(rq4.codingSheet().stream().filter(r -> Boolean.TRUE.equals(r.isTruePositive()))).hasSize(86);
    // true positives in and out of the sample, for the study's ranking and for the title+body variant
    assertThat(stats.get("True positives among the sampled posts, " + Rq4.PRIMARY.label())).hasValue("75");
    assertThat(stats.get("True positives among the posts not sampled, " + Rq4.PRIMARY.label())).hasValue("11");
    String variant = Rq4.TextField.TITLE_AND_BODY.label();
    assertThat(stats.get("True positives among the sampled posts, " + variant)).hasValue("67");
    assertThat(stats.get("True positives among the posts not sampled, " + variant)).hasValue("19");
    assertThat(stats.get("Sampled posts shared by the study's ranking and the title+body variant")).hasValue("127");
    assertThat(rq4.codingSheet()).extracting(r -> r.key()).containsExactlyElementsOf(
        ranking.stream().map(Rq4.RankedPost::key).toList());
    assertThat(rq4.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.check() + ": " + c.detail()).isTrue());
  }
}
