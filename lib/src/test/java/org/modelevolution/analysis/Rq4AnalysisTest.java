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
    List<Rq4.RankedPost> ranking = rq4.rankings().get(Rq4.TextField.TITLE_AND_BODY);

    assertThat(rq4.posts()).isEqualTo(264);
    assertThat(rq4.sampleSize()).isEqualTo(157);
    assertThat(ranking).filteredOn(Rq4.RankedPost::sampled).hasSize(157);
    assertThat(ranking.subList(0, 3)).extracting(Rq4.RankedPost::key).containsExactly(
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
    Map<String, Long> frequencies = rq4.codeFrequencies().orElseThrow();
    assertThat(frequencies.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(127);
    assertThat(frequencies).hasSize(18);
    assertThat(rq4.truePositiveCodeFrequencies().orElseThrow().values().stream().mapToLong(Long::longValue).sum())
        .isLessThanOrEqualTo(127);
    assertThat(rq4.codingSheet()).hasSize(264);
    assertThat(rq4.codingSheet().stream().filter(r -> Boolean.TRUE.equals(r.isTruePositive()))).hasSize(86);
    assertThat(rq4.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.check() + ": " + c.detail()).isTrue());
  }
}
