package org.modelevolution.analysis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A number an analysis recomputed for one the study published, or why it could not: the
 * reproduction matches it to the published number by {@code (source, group, metric)}.
 *
 * @param source the study file the number was published in ({@code rq1_dataset_stats_legacy.csv},
 *     {@code rq1_analysis.ipynb}, {@code RQ3StatusDistribution.pdf})
 * @param group {@code legacy}, {@code recent}, {@code both}, or empty
 * @param metric the study's name for the number
 * @param value the number, formatted as the study printed it; empty when not recomputable
 * @param basis how it was recomputed
 * @param inputs the files it rests on
 * @param needs what is missing, when {@code value} is empty
 * @param paperVsCode where the study's code and the paper's stated method disagree on this number:
 *     what the stated method gives (then {@code value} is the stated method's number)
 */
public record Recomputed(String source, String group, String metric, Optional<String> value, Basis basis,
    List<String> inputs, String needs, Optional<String> paperVsCode) {

  /** How a number was recomputed. */
  public enum Basis {
    INPUT_ROWS("input rows"),
    PUBLISHED_TABLE_ARITHMETIC("published-table arithmetic"),
    NONE("");

    private final String label;

    Basis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Recomputed {
    Objects.requireNonNull(source);
    Objects.requireNonNull(group);
    Objects.requireNonNull(metric);
    inputs = List.copyOf(inputs);
    needs = Objects.requireNonNullElse(needs, "");
  }

  /** A number recomputed from input rows. */
  public static Recomputed fromRows(String source, String group, String metric, Object value, List<String> inputs) {
    return new Recomputed(source, group, metric, Optional.of(String.valueOf(value)), Basis.INPUT_ROWS, inputs, "",
        Optional.empty());
  }

  /** A number recomputed by arithmetic on other published numbers. */
  public static Recomputed fromPublished(String source, String group, String metric, Object value,
      List<String> inputs) {
    return new Recomputed(source, group, metric, Optional.of(String.valueOf(value)),
        Basis.PUBLISHED_TABLE_ARITHMETIC, inputs, "", Optional.empty());
  }

  /** A number the data at hand do not determine. */
  public static Recomputed missing(String source, String group, String metric, String needs) {
    return new Recomputed(source, group, metric, Optional.empty(), Basis.NONE, List.of(), needs, Optional.empty());
  }

  /** The key the published number is matched by. */
  public String key() {
    return org.modelevolution.study.PublishedNumber.key(source, group, metric);
  }
}
