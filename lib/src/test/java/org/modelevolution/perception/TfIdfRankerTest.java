package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfRankerTest {
  @Test
  void stopWordListIsScikitLearns() {
    assertThat(EnglishStopWords.words()).hasSize(318).contains("amoungst", "couldnt", "hasnt", "noone", "system");
    assertThat(EnglishStopWords.contains("seven")).isFalse();
  }

  @Test
  void analyzerFollowsTheDefaultTokenPattern() {
    assertThat(TfIdfRanker.analyze("Don't load the .safetensors FILE with pickle_v2, x 42 École"))
        .containsExactly("don", "load", "safetensors", "file", "pickle_v2", "42", "école");
  }

  /**
   * Hand computation: corpus d0 "safetensors model", d1 "model serialization with pickle", d2 "the
   * cat" (n = 3). df(model) = 2, every other kept term 1, so idf = ln(4/3) + 1 = b for "model" and
   * ln(4/2) + 1 = a otherwise. The query has "model", "serialization", "safetensors":
   * cos(q, d0) = (a·a + b·b) / (|q| |d0|) with |q| = sqrt(b² + 2a²), |d0| = sqrt(a² + b²);
   * cos(q, d1) = (b² + a²) / |q|²; cos(q, d2) = 0.
   */
  @Test
  void scoresMatchAHandComputation() {
    TfIdfRanker ranker = TfIdfRanker.fit(List.of("safetensors model", "model serialization with pickle", "the cat"));
    double a = Math.log(4.0 / 2.0) + 1;
    double b = Math.log(4.0 / 3.0) + 1;
    double q = Math.sqrt(b * b + 2 * a * a);
    double d0 = Math.sqrt(a * a + b * b);

    double[] scores = ranker.similarities("model serialization safetensors");

    assertThat(ranker.vocabularySize()).isEqualTo(5);
    assertThat(ranker.idf("model")).isEqualTo(b, within(1e-15));
    assertThat(ranker.idf("with")).isNaN();
    assertThat(scores[0]).isEqualTo((a * a + b * b) / (q * d0), within(1e-12)).isEqualTo(0.7824081412456458, within(1e-12));
    assertThat(scores[1]).isEqualTo((a * a + b * b) / (q * q), within(1e-12)).isEqualTo(0.6121624994874666, within(1e-12));
    assertThat(scores[2]).isZero();
    assertThat(ranker.rank("model serialization safetensors")).extracting(TfIdfRanker.Scored::index)
        .containsExactly(0, 1, 2);
  }

  @Test
  void tiesKeepCorpusOrder() {
    TfIdfRanker ranker = TfIdfRanker.fit(List.of("cat", "safetensors", "dog", "safetensors", "bird"));
    assertThat(ranker.rank("safetensors")).extracting(TfIdfRanker.Scored::index).containsExactly(1, 3, 0, 2, 4);
  }
}
