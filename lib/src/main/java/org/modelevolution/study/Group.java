package org.modelevolution.study;

import java.time.LocalDate;

/**
 * The study's two samples of repositories and their union. Legacy repositories were created
 * before safetensors' first release, recent ones on or after it.
 */
public enum Group {
  LEGACY,
  RECENT,
  BOTH;

  /** The reference date of the study: safetensors' first release as used by the final notebooks. */
  public static final LocalDate SAFETENSORS_RELEASE = LocalDate.of(2022, 9, 22);

  /** The lower-case name the study uses in its file names ({@code rq1_dataset_stats_legacy.csv}). */
  public String fileSuffix() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
