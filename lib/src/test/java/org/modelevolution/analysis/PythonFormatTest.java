package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonFormatTest {
  @Test
  void floatsPrintAsPythonRepr() {
    // the two averages the study published (rq3_dataset_stats.csv, rq4_dataset_stats.csv)
    assertThat(PythonFormat.repr(43596.0 / 35094)).isEqualTo("1.2422636348093692");
    assertThat(PythonFormat.repr(45501.0 / 36694)).isEqualTo("1.2400119910612089");
    assertThat(PythonFormat.repr(573.75)).isEqualTo("573.75");
    assertThat(PythonFormat.repr(44.666666666666664)).isEqualTo("44.666666666666664");
    assertThat(PythonFormat.repr(3.0)).isEqualTo("3.0");
    assertThat(PythonFormat.repr(1e7)).isEqualTo("10000000.0");
    assertThat(PythonFormat.repr(1e16)).isEqualTo("1e+16");
    assertThat(PythonFormat.repr(1.5e-5)).isEqualTo("1.5e-05");
    assertThat(PythonFormat.floatCount(43650)).isEqualTo("43650.0");
  }

  @Test
  void fixedDigitsRoundTheBinaryValueHalfEven() {
    assertThat(PythonFormat.fixed(0.25, 1)).isEqualTo("0.2");
    assertThat(PythonFormat.fixed(0.75, 1)).isEqualTo("0.8");
    assertThat(PythonFormat.fixed(2.675, 2)).isEqualTo("2.67");
    assertThat(PythonFormat.fixed(100.0 * 401 / 43596, 1)).isEqualTo("0.9");
    assertThat(PythonFormat.fixed(0.0, 1)).isEqualTo("0.0");
  }

  @Test
  void formatsLikePythonsRepr() {
    assertThat(PythonFormat.repr(17773)).isEqualTo("17773.0");
    assertThat(PythonFormat.repr(PythonFormat.percent(400, 418))).isEqualTo("95.69377990430623");
    assertThat(PythonFormat.repr(PythonFormat.percent(620, 628))).isEqualTo("98.72611464968153");
    assertThat(PythonFormat.repr(PythonFormat.percent(11, 20))).isEqualTo("55.00000000000001");
    assertThat(PythonFormat.repr(0.1)).isEqualTo("0.1");
    assertThat(PythonFormat.repr(1e-5)).isEqualTo("1e-05");
    assertThat(PythonFormat.repr(1e16)).isEqualTo("1e+16");
    assertThat(PythonFormat.repr(123456789012345.0)).isEqualTo("123456789012345.0");
    assertThat(PythonFormat.repr(0.0)).isEqualTo("0.0");
    assertThat(PythonFormat.repr(100.0)).isEqualTo("100.0");
  }
}
