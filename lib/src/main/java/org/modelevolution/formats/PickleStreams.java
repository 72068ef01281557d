package org.modelevolution.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Opens the byte streams pickle scans walk: file regions (seekable) and capped decompressions. */
final class PickleStreams {
  private PickleStreams() {}

  /** A raw region of the file; seeks over skipped payloads, caps bytes actually read. */
  static InputStream region(Probe probe, long start, long end) {
    return new CappedInputStream(new SourceInputStream(probe, start, end), readCap(probe), "pickle read", false);
  }

  /**
   * How many source bytes a walk may read: the pickle read cap when imports are scanned; the head
   * window when only the format is wanted (the walk then just confirms the opcode stream).
   */
  static long readCap(Probe probe) {
    return probe.options.scanPickles() ? probe.options.pickleReadCap() : probe.options.headWindow();
  }

  /** A raw-deflate (zip method 8) region, inflated with the decompression cap. */
  static InputStream inflated(Probe probe, long start, long end) {
    InputStream raw = new SourceInputStream(probe, start, end);
    return decompressed(new InflaterInputStream(raw, new Inflater(true), 1024), probe, "inflated");
  }

  /** Caps a decompressing stream (skips count: skipping means decompressing) and buffers it. */
  static InputStream decompressed(InputStream in, Probe probe, String what) {
    return new BufferedInputStream(new CappedInputStream(in, probe.options.decompressedCap(), what, true), 4096);
  }

  /**
   * Scans one pickle from {@code in} into {@code scanner}; returns the outcome, or {@code null} when
   * a cap stopped it (the scanner then records the scan as incomplete).
   */
  static PickleScanner.Outcome scan(PickleScanner scanner, InputStream in, String where) throws IOException {
    try {
      PickleScanner.Outcome outcome = scanner.walk(in);
      if (!outcome.clean()) {
        scanner.incomplete(where + ": " + outcome.problem());
      }
      return outcome;
    } catch (CappedInputStream.CapReachedException e) {
      scanner.incomplete(where + ": " + e.getMessage());
      return null;
    } catch (IOException e) {
      scanner.incomplete(where + ": " + e.getMessage());
      return null;
    }
  }
}
