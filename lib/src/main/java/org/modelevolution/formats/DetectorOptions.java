package org.modelevolution.formats;

/**
 * The bounds the detector works within.
 *
 * @param headWindow the largest head prefix read for format decisions
 * @param tailWindow the largest tail suffix read (zip end of central directory, table footers)
 * @param centralDirectoryCap no longer a bound: a zip central directory is read whole (streamed,
 *     at most {@code ZipDirectory.MAX_ENTRIES} entries), since a member may sit after any number of
 *     entries; kept so that option sets stay comparable
 * @param decompressedCap the most bytes decompressed from one stream (joblib, deflated entries)
 *     before the pickle scan gives up, incomplete
 * @param pickleReadCap the most bytes the pickle scan reads from the source (raw payloads it
 *     seeks over do not count), after which it reports the scan incomplete
 * @param scanPickles whether to scan pickle imports at all (detection alone is cheaper)
 */
public record DetectorOptions(
    int headWindow,
    int tailWindow,
    int centralDirectoryCap,
    long decompressedCap,
    long pickleReadCap,
    boolean scanPickles) {

  public DetectorOptions {
    if (headWindow < 64 || tailWindow < 64 || centralDirectoryCap < 46) {
      throw new IllegalArgumentException("windows too small to detect anything");
    }
    if (decompressedCap < 0 || pickleReadCap < 0) {
      throw new IllegalArgumentException("caps must not be negative");
    }
  }

  /** Defaults: 64 KiB head, 64 KiB + 22 tail, 1 MiB central directory, 64 MiB decompressed, 16 MiB pickle. */
  public static DetectorOptions defaults() {
    return new DetectorOptions(64 * 1024, 65_557 + 22, 1 << 20, 64L << 20, 16L << 20, true);
  }

  /** The most bytes a remote file may cost: the head and the tail window together. */
  public static final int REMOTE_READ_BUDGET = 128 * 1024;

  /**
   * The defaults within {@link #REMOTE_READ_BUDGET} for files read over HTTP: a 64 KiB head and a
   * 64 KiB tail (fetched for zips only). A zip whose comment is longer than 65,514 bytes then has
   * no end record in the tail and is told by its first local header, as a truncated archive is.
   */
  public static DetectorOptions remote() {
    DetectorOptions d = defaults();
    return new DetectorOptions(d.headWindow, REMOTE_READ_BUDGET - d.headWindow, d.centralDirectoryCap,
        d.decompressedCap, d.pickleReadCap, d.scanPickles);
  }

  public DetectorOptions withDecompressedCap(long cap) {
    return new DetectorOptions(headWindow, tailWindow, centralDirectoryCap, cap, pickleReadCap, scanPickles);
  }

  public DetectorOptions withPickleReadCap(long cap) {
    return new DetectorOptions(headWindow, tailWindow, centralDirectoryCap, decompressedCap, cap, scanPickles);
  }

  public DetectorOptions withScanPickles(boolean scan) {
    return new DetectorOptions(headWindow, tailWindow, centralDirectoryCap, decompressedCap, pickleReadCap, scan);
  }
}
