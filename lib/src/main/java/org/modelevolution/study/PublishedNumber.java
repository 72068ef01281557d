package org.modelevolution.study;

/**
 * One number the study published, exactly as it printed it.
 *
 * @param rq "RQ1" .. "RQ4"
 * @param iteration {@code final}, {@code 2024} (November 2024 files) or {@code 2024-11} (the
 *     November 2024 order of the RQ3 steps)
 * @param group {@code legacy}, {@code recent}, {@code both}, or empty when the number is not per group
 * @param source the study file it was published in: a result table, a notebook (its printed
 *     output) or a figure (its labels)
 * @param metric the study's own name for it where it has one, else what the notebook computed
 * @param value the number as the study printed it
 * @param transcript the file it is read from here, when that is not {@code source} itself (a
 *     typed transcript of a notebook's output or of a figure's labels)
 */
public record PublishedNumber(
    String rq, String iteration, String group, String source, String metric, String value, String transcript) {

  /** The key a recomputed number is matched by. */
  public String key() {
    return key(source, group, metric);
  }

  public static String key(String source, String group, String metric) {
    return source + '\u0000' + group + '\u0000' + metric;
  }
}
