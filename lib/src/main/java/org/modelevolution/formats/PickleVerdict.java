package org.modelevolution.formats;

import java.util.Locale;

/** What the import scan of embedded pickles concluded; see {@link PicklePolicy} for the lists. */
public enum PickleVerdict {
  /** The file embeds no pickle. */
  NOT_APPLICABLE,
  /** Every import is on the allow-list. */
  SAFE,
  /** Some import is on neither list (for example a user class), or the pickle uses EXT opcodes. */
  SUSPICIOUS,
  /** Some import is on the deny-list (code execution, file or process access). */
  DANGEROUS,
  /**
   * The scan stopped before the end (decompression cap, unreadable region, malformed opcodes) and
   * found nothing dangerous up to there; the imports listed are those seen so far.
   */
  INCOMPLETE;

  /** Lower-case name for reports, e.g. {@code safe}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
