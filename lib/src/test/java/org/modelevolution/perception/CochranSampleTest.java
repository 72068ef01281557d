package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CochranSampleTest {
  @Test
  void studySettingGivesTheTextbookSizes() {
    CochranSample study = CochranSample.STUDY;
    assertThat(study.infinitePopulationSize()).isEqualTo(384.16, within(1e-9));
    // 384.16 / (1 + 383.16 / 264) = 156.71 -> 157
    assertThat(study.size(264)).isEqualTo(157);
    assertThat(study.size(100)).isEqualTo(80);
    assertThat(study.size(1_000_000)).isEqualTo(385);
    assertThat(study.size(1)).isEqualTo(1);
    assertThat(study.size(0)).isZero();
  }

  @Test
  void rejectsImpossibleParameters() {
    assertThatThrownBy(() -> new CochranSample(1.96, 1.0, 0.05)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CochranSample(0, 0.5, 0.05)).isInstanceOf(IllegalArgumentException.class);
  }
}
