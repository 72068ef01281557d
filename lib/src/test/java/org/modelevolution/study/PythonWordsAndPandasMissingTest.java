package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonWordsAndPandasMissingTest {
  @Test
  void countsWordsLikePythonSplit() {
    assertThat(PythonWords.count("")).isZero();
    assertThat(PythonWords.count("   \n\t ")).isZero();
    assertThat(PythonWords.count(" one  two\tthree\nfour ")).isEqualTo(4);
    // Python treats NBSP, the ideographic space and NEL as whitespace
    assertThat(PythonWords.count("a\u00a0b\u3000c\u0085d")).isEqualTo(4);
    assertThat(PythonWords.count("安全 tensors")).isEqualTo(2);
  }

  @Test
  void readsPandasDefaultNaStringsAsMissing() {
    assertThat(PandasMissing.isMissing("")).isTrue();
    assertThat(PandasMissing.isMissing("None")).isTrue();
    assertThat(PandasMissing.isMissing("NA")).isTrue();
    assertThat(PandasMissing.isMissing("nan")).isTrue();
    assertThat(PandasMissing.isMissing(null)).isTrue();
    assertThat(PandasMissing.isMissing("none")).isFalse();
    assertThat(PandasMissing.isMissing("bert-base-uncased")).isFalse();
  }
}
