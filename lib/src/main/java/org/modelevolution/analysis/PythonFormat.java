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
   * Python's {@code repr(float)}: the shortest text that reads back to the same double, in plain
   * notation for 1e-4 <= |x| < 1e16 and in Python's exponent form otherwise. The digits are those
   * of {@link Double#toString}, which are the shortest ones on Java 19+ and on the values used here.
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
    // Python: mantissa without a trailing ".0", signed exponent of at least two digits (1e+16, 1.5e-05)
    String[] parts = Double.toString(value).split("E");
    String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
    int exponent = Integer.parseInt(parts[1]);
    return String.format(java.util.Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
  }

  /**
   * {@code f"{value:.{digits}f}"}: rounds the exact binary value half-to-even, as Python does
   * (Java's {@code String.format} rounds half-up and would print 0.25 as 0.3, Python 0.2).
   */
  public static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}
