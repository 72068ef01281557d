package org.modelevolution.analysis;

import java.util.Map;

/**
 * Words for the metrics the study's notebooks printed as bare pandas expressions: the expression
 * stays the metric's key (it is how {@code reproduction.csv} and the study's printed outputs name
 * the number); tables shown to a reader say what it means and keep the expression beside it.
 */
public final class StudyExpressions {
  private static final Map<String, String> WORDS = Map.of(
      "df_safetensors['date'].min()", "earliest commit time of an added safetensors file",
      "df_safetensors['date'].max()", "latest commit time of an added safetensors file",
      "df_safetensors['elapsed_days'].min()", "fewest days from safetensors' first release to an added file",
      "df_safetensors['elapsed_days'].max()", "most days from safetensors' first release to an added file");

  private StudyExpressions() {}

  /** The metric in words, the study's expression in parentheses; any other metric unchanged. */
  public static String inWords(String metric) {
    String words = WORDS.get(metric);
    return words == null ? metric : words + " (the study's " + metric + ")";
  }
}
