package org.modelevolution.analysis;

import java.math.BigDecimal;

/**
 * Formats numbers the way the study's Python wrote them, so that recomputed values compare with
 * the published tables character by character: {@code repr(float)} (shortest round-tripping
 * digits, {@code 1e-05} style exponents) and pandas' {@code 17773.0} for integral floats.
 */
public final class PythonNumbers {
  private PythonNumbers() {}

  /** Python's {@code repr(x)} of a float. */
  public static String repr(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(x);
    int exponent = shortest.precision() - shortest.scale() - 1; // decimal exponent of the first digit
    String digits = shortest.unscaledValue().abs().toString();
    String sign = x < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(java.util.Locale.ROOT, "%02d", Math.abs(exponent));
    }
    String plain = shortest.abs().toPlainString();
    if (!plain.contains(".")) {
      plain = plain + ".0";
    }
    return sign + plain;
  }

  /** Percentage the way the study computed shares: {@code part / whole * 100}. */
  public static double percent(long part, long whole) {
    return (double) part / (double) whole * 100.0;
  }

  private static BigDecimal shortest(double x) {
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = new BigDecimal(String.format(java.util.Locale.ROOT, "%." + (precision - 1) + "e", x));
      if (candidate.doubleValue() == x) {
        return candidate.stripTrailingZeros();
      }
    }
    return new BigDecimal(x).stripTrailingZeros();
  }
}
