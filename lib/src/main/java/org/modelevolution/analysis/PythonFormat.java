package org.modelevolution.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting that reproduces what the study's pandas/Python code printed, so recomputed
 * values can be compared with the published files as text.
 */
public final class PythonFormat {
  private PythonFormat() {}

  /** A count stored in a float pandas Series, as {@code to_csv} writes it: {@code 43650.0}. */
  public static String floatCount(long count) {
    return count + ".0";
  }

  /**
   * Python's {@code repr(float)}: the shortest text that reads back to the same double. Java's
   * {@link Double#toString} agrees on digits for the magnitudes used here (1e-3 .. 1e7); outside
   * that range Python switches to exponent form later than Java, which this method follows.
   */
  public static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
      String plain = new BigDecimal(Double.toString(value)).toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    return Double.toString(value).replace("E", "e");
  }

  /**
   * {@code f"{value:.{digits}f}"}: rounds the exact binary value half-to-even, as Python does
   * (Java's {@code String.format} rounds half-up and would print 0.25 as 0.3, Python 0.2).
   */
  public static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
