package org.modelevolution.study;

import java.util.Set;

/**
 * The strings {@code pandas.read_csv} turns into NaN by default. The study's notebooks read every
 * CSV with the defaults and then call {@code dropna()}, so a field such as {@code "None"} or
 * {@code "NA"} counts as missing there; reproducing the step counts needs the same rule.
 */
public final class PandasMissing {
  /** pandas' {@code STR_NA_VALUES} (pandas 2.x), plus the empty field. */
  private static final Set<String> NA_STRINGS = Set.of(
      "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
      "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

  private PandasMissing() {}

  /** The longest of {@link #NA_STRINGS}: longer fields (page JSON of many KB) need no hashing to be told apart. */
  static final int LONGEST = NA_STRINGS.stream().mapToInt(String::length).max().orElseThrow();

  /** True when pandas would read this CSV field as NaN. */
  public static boolean isMissing(String field) {
    return field == null || field.length() <= LONGEST && NA_STRINGS.contains(field);
  }
}
