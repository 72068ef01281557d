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

  @Test
  void theShortestDigitsFoundFromToStringAreTheSearchsAnswer() {
    // Only where the library takes that way (the CLI's and the kernel's JDK 25); JDK 17's toString
    // is not always shortest.
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "JDK 21 or later");
    // Doubles of every kind the package formats (ratios of counts, percentages, averages) and every
    // bit pattern's kind (random bits: subnormal, huge, tiny), and the one-digit answers toString
    // writes with two digits (5e-324 as 4.9E-324).
    java.util.SplittableRandom random = new java.util.SplittableRandom(24);
    java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(Double.MIN_VALUE, 2 * Double.MIN_VALUE,
        Double.MAX_VALUE, Double.MIN_NORMAL, 1e23, 9e-324, 2e-3, 0.5, 5e-5, 1e22, 8.41e21, 5.0e-324 * 3));
    for (int i = 0; i < 5_000; i++) {
      values.add(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE));
      long part = random.nextLong(1, 100_000);
      long whole = random.nextLong(part, 200_000);
      values.add(PythonFormat.percent(part, whole));
      values.add((double) whole / part);
      values.add(random.nextInt(1, 10) * Math.pow(10, random.nextInt(-320, 300)));
    }
    for (double x : values) {
      if (Double.isFinite(x) && x != 0) {
        assertThat(PythonFormat.shortestFromToString(x)).as("%s", x).isEqualTo(PythonFormat.shortestBySearch(x));
        assertThat(PythonFormat.shortestFromToString(-x)).as("%s", -x)
            .isEqualTo(PythonFormat.shortestBySearch(-x));
      }
    }
  }
}
