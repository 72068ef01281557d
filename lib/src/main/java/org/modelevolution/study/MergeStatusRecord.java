package org.modelevolution.study;

import java.time.LocalDate;

/**
 * One row of {@code sfconvertbot_merge_status.csv}: the 2024 iteration's conversion PRs (from the
 * {@code safetensors/conversions} dataset) with the status scraped from each PR page.
 *
 * @param modelId model repository id
 * @param prUrl PR page URL
 * @param time creation time {@code YYYY-MM-DD HH:MM:SS.ffffff}
 * @param scraped the scraped marker: {@code Ready to Merge}, {@code Cannot merge}, {@code merged},
 *     {@code closed}, empty, or {@code HTTP Error (status code = N)}
 */
public record MergeStatusRecord(String modelId, String prUrl, String time, String scraped) {

  /** The creation date (the text before the first space or {@code T}). */
  public LocalDate date() {
    String day = time.split("[T ]", 2)[0];
    return LocalDate.parse(day);
  }

  /**
   * The scraped marker mapped onto the status labels of the final RQ3 analysis: {@code Ready to
   * Merge} is an open PR without conflicts, {@code Cannot merge} an open PR with conflicts;
   * {@code merged} and {@code closed} keep their names. Pages without a recognisable marker and
   * pages that failed map to {@link #NO_STATUS} and {@link #UNAVAILABLE}.
   */
  public String statusLabel() {
    return labelOf(scraped);
  }

  /** The status label of a scraped marker (see {@link #statusLabel()}). */
  public static String labelOf(String scrapedMarker) {
    String marker = scrapedMarker == null ? "" : scrapedMarker.strip();
    if (marker.isEmpty()) {
      return NO_STATUS;
    }
    return switch (marker) {
      case "Ready to Merge" -> "open";
      case "Cannot merge" -> "open (has conflicts)";
      case "merged" -> "merged";
      case "closed" -> "closed";
      default -> marker.startsWith("HTTP Error") ? UNAVAILABLE : "unrecognised: " + marker;
    };
  }

  /** Label of rows whose page showed no status marker. */
  public static final String NO_STATUS = "no status marker";
  /** Label of rows whose page could not be fetched. */
  public static final String UNAVAILABLE = "page unavailable (HTTP error)";

  /** True when the label is one of the final analysis' status labels. */
  public boolean hasStatus() {
    String label = statusLabel();
    return !label.equals(NO_STATUS) && !label.equals(UNAVAILABLE) && !label.startsWith("unrecognised");
  }
}
