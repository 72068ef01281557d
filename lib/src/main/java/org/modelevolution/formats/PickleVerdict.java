package org.modelevolution.formats;

import java.util.Locale;

/**
 * The safety verdict of a pickle import, or of a whole file (its worst import), judged by a
 * {@link PicklePolicy}. Whether the scan covered everything is reported apart, as
 * {@link PickleScan.Completeness}; an incomplete scan is never {@link #SAFE}.
 */
public enum PickleVerdict {
  /** The file embeds no pickle. */
  NOT_APPLICABLE,
  /** Every import is on the allow list and the scan is complete. */
  SAFE,
  /**
   * Some import is on neither list (a model or user class: loading runs its code), or the scan is
   * incomplete and found nothing dangerous up to where it stopped.
   */
  SUSPICIOUS,
  /** Some import is on the deny list (code execution, file, process or network access), or unlisted in strict mode. */
  DANGEROUS;

  /** Lower-case name for reports, e.g. {@code safe}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  PickleVerdict worst(PickleVerdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
