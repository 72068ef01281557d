package org.modelevolution.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Formats numbers the way the study's Python/pandas code wrote them, so that recomputed values
 * compare with the published files character by character.
 */
public final class PythonFormat {
  private PythonFormat() {}

  /**
   * Python's {@code repr(float)}: the shortest digits that read back to the same double, in plain
   * notation for 1e-4 <= |x| < 1e16 and as {@code 1e-05} / {@code 1.5e+16} otherwise. The digits
   * are searched for explicitly because Java 17's {@link Double#toString} is not always shortest.
   */
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
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
    String plain = shortest.abs().toPlainString();
    if (!plain.contains(".")) {
      plain = plain + ".0";
    }
    return sign + plain;
  }

  /** A count stored in a float pandas Series, as {@code to_csv} writes it: {@code 43650.0}. */
  public static String floatCount(long count) {
    return count + ".0";
  }

  /**
   * {@code f"{value:.{digits}f}"}: rounds the exact binary value half-to-even, as Python does
   * (Java's {@code String.format} rounds half-up and would print 0.25 as 0.3, Python 0.2).
   */
  public static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Percentage the way the study computed shares: {@code part / whole * 100}. */
  public static double percent(long part, long whole) {
    return (double) part / (double) whole * 100.0;
  }

  /**
   * Whether {@link #shortestFromToString} gives the search's answer: {@link Double#toString} writes the
   * shortest digits that read back from JDK 19 on, and {@code %e} rounds those digits from JDK 21 on.
   */
  private static final boolean SHORTEST_TO_STRING = Runtime.version().feature() >= 21;

  /**
   * The fewest significant digits, as {@code %.{n-1}e} writes {@code x}, that read back to {@code x}:
   * {@link #shortestBySearch}'s answer, on JDK 21 and later without the search (a dozen formatted
   * strings parsed for a 16-digit number), which matters to the writers' tables.
   */
  static BigDecimal shortest(double x) {
    return SHORTEST_TO_STRING ? shortestFromToString(x) : shortestBySearch(x);
  }

  /**
   * {@link #shortestBySearch}'s answer where {@link #SHORTEST_TO_STRING} holds: {@code Double.toString(x)}
   * then has the fewest digits any decimal reading back to {@code x} has, except that a one-digit
   * answer is written with two (4.9E-324 for 5e-324); and {@code %e} rounds those digits half up. So
   * no shorter {@code %e} reads back, {@code %e} at their length writes them, and only a two-digit
   * {@code toString} needs the one-digit {@code %e} tried. {@code PythonFormatTest} compares the two.
   */
  static BigDecimal shortestFromToString(double x) {
    BigDecimal digits = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    if (digits.precision() == 2) {
      BigDecimal one = new BigDecimal(String.format(Locale.ROOT, "%.0e", x));
      if (one.doubleValue() == x) {
        return one.stripTrailingZeros();
      }
    }
    return digits;
  }

  /** {@link #shortest} by trying {@code %.0e}, {@code %.1e}, ... until one reads back to {@code x}. */
  static BigDecimal shortestBySearch(double x) {
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = new BigDecimal(String.format(Locale.ROOT, "%." + (precision - 1) + "e", x));
      if (candidate.doubleValue() == x) {
        return candidate.stripTrailingZeros();
      }
    }
    return new BigDecimal(x).stripTrailingZeros();
  }
}
