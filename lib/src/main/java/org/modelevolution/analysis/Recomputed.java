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
 * @param value the number, formatted as the study printed it; empty when not recomputed
 * @param basis how it was recomputed
 * @param inputs the files it rests on
 * @param needs what is missing, when {@code value} is empty
 * @param missing why {@code value} is empty: an input {@code reproduce --download} fetches, or one
 *     nothing here can fetch
 * @param statedVsCode where the study's code and the method the study states (the note cites where it
 *     is stated) give different numbers: what the stated method gives (then {@code value} is the
 *     stated method's number)
 * @param note how the value was derived, when that is not plain (e.g. the arithmetic of a consistency row)
 */
public record Recomputed(String source, String group, String metric, Optional<String> value, Basis basis,
    List<String> inputs, String needs, Missing missing, Optional<String> statedVsCode, String note) {

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

  /** Why a number has no recomputed value. */
  public enum Missing {
    /** It has one. */
    NOTHING,
    /** Its input is an ordinary file of the study's repository that {@code reproduce --download} fetches. */
    DOWNLOADABLE,
    /** Its input is not to be had here (Git LFS only, or not determined by any kept file). */
    UNAVAILABLE
  }

  public Recomputed {
    Objects.requireNonNull(source);
    Objects.requireNonNull(group);
    Objects.requireNonNull(metric);
    inputs = List.copyOf(inputs);
    needs = Objects.requireNonNullElse(needs, "");
    note = Objects.requireNonNullElse(note, "");
    if (value.isPresent() != (missing == Missing.NOTHING)) {
      throw new IllegalArgumentException(metric + ": a value and a missing input exclude each other");
    }
  }

  /** A number recomputed from input rows. */
  public static Recomputed fromRows(String source, String group, String metric, Object value, List<String> inputs) {
    return new Recomputed(source, group, metric, Optional.of(String.valueOf(value)), Basis.INPUT_ROWS, inputs, "",
        Missing.NOTHING, Optional.empty(), "");
  }

  /** A number recomputed by arithmetic on other published numbers. */
  public static Recomputed fromPublished(String source, String group, String metric, Object value,
      List<String> inputs) {
    return fromPublished(source, group, metric, value, inputs, "");
  }

  /** A number recomputed by arithmetic on other published numbers, with the arithmetic spelled out. */
  public static Recomputed fromPublished(String source, String group, String metric, Object value,
      List<String> inputs, String arithmetic) {
    return new Recomputed(source, group, metric, Optional.of(String.valueOf(value)),
        Basis.PUBLISHED_TABLE_ARITHMETIC, inputs, "", Missing.NOTHING, Optional.empty(), arithmetic);
  }

  /** A number the data at hand do not determine and no download here brings. */
  public static Recomputed missing(String source, String group, String metric, String needs) {
    return new Recomputed(source, group, metric, Optional.empty(), Basis.NONE, List.of(), needs, Missing.UNAVAILABLE,
        Optional.empty(), "");
  }

  /** A number whose input {@code reproduce --download} fetches (an ordinary git blob of the study's repository). */
  public static Recomputed needsDownload(String source, String group, String metric, String needs) {
    return new Recomputed(source, group, metric, Optional.empty(), Basis.NONE, List.of(), needs, Missing.DOWNLOADABLE,
        Optional.empty(), "");
  }

  /** The number the study's stated method gives where its code gives the published one. */
  public static Recomputed statedVsCode(String source, String group, String metric, Object stated, Basis basis,
      List<String> inputs, String where) {
    return new Recomputed(source, group, metric, Optional.of(String.valueOf(stated)), basis, inputs, "",
        Missing.NOTHING, Optional.of(where), "");
  }

  /** The key the published number is matched by. */
  public String key() {
    return org.modelevolution.study.PublishedNumber.key(source, group, metric);
  }
}
