package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonNumbersTest {
  @Test
  void formatsLikePythonsRepr() {
    assertThat(PythonNumbers.repr(17773)).isEqualTo("17773.0");
    assertThat(PythonNumbers.repr(PythonNumbers.percent(400, 418))).isEqualTo("95.69377990430623");
    assertThat(PythonNumbers.repr(PythonNumbers.percent(620, 628))).isEqualTo("98.72611464968153");
    assertThat(PythonNumbers.repr(PythonNumbers.percent(11, 20))).isEqualTo("55.00000000000001");
    assertThat(PythonNumbers.repr(0.1)).isEqualTo("0.1");
    assertThat(PythonNumbers.repr(1e-5)).isEqualTo("1e-05");
    assertThat(PythonNumbers.repr(1e16)).isEqualTo("1e+16");
    assertThat(PythonNumbers.repr(123456789012345.0)).isEqualTo("123456789012345.0");
    assertThat(PythonNumbers.repr(0.0)).isEqualTo("0.0");
    assertThat(PythonNumbers.repr(100.0)).isEqualTo("100.0");
  }
}
