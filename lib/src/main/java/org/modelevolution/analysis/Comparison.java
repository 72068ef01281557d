package org.modelevolution.analysis;

import java.util.Objects;

/**
 * One published number of the study next to the number recomputed here, for the reproduction
 * report ({@code results/REPRODUCTION.md}).
 *
 * @param researchQuestion "RQ1" .. "RQ4"
 * @param publishedFile the study's table the number comes from, e.g. {@code rq1_dataset_stats_legacy.csv}
 * @param metric the metric's name exactly as the study wrote it
 * @param published the published value as written by the study
 * @param recomputed the value computed here, or empty when it cannot be computed from the data at hand
 * @param status how the two relate
 * @param note why they differ, or why the number cannot be recomputed; empty for matches
 */
public record Comparison(
    String researchQuestion,
    String publishedFile,
    String metric,
    String published,
    String recomputed,
    Status status,
    String note) {

  /** How a recomputed number relates to the published one. */
  public enum Status {
    MATCH,
    DIFFERS,
    NOT_RECOMPUTABLE
  }

  public Comparison {
    Objects.requireNonNull(researchQuestion);
    Objects.requireNonNull(publishedFile);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(status);
    published = Objects.requireNonNullElse(published, "");
    recomputed = Objects.requireNonNullElse(recomputed, "");
    note = Objects.requireNonNullElse(note, "");
  }
}
