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
      PickleScanner.Outcome outcome = scanner.walk(in, where);
      if (!outcome.clean()) {
        scanner.incomplete(where, outcome.end(), outcome.problem());
      }
      return outcome;
    } catch (CappedInputStream.CapReachedException e) {
      scanner.capReached(where, e.getMessage());
      return null;
    } catch (IOException e) {
      scanner.incomplete(where, -1, e.getMessage());
      return null;
    }
  }

  /**
   * Scans every pickle of {@code in} one after another, as picklescan does: a stream may hold more
   * than the one its loader reads, and the unpickler runs each pickle's opcodes before it fails. A
   * later pickle that cannot be walked is a gap. Returns the first pickle's outcome (null when a cap
   * stopped it).
   */
  static PickleScanner.Outcome scanAll(PickleScanner scanner, InputStream in, String where) throws IOException {
    PickleScanner.Outcome first = scan(scanner, in, where);
    PickleScanner.Outcome last = first;
    long offset = first == null ? 0 : first.end();
    int index = 1;
    while (last != null && last.clean()) {
      // Offsets of a later pickle's imports count from its own start, which its name gives.
      String named = where + " (pickle " + ++index + ", from offset " + offset + ")";
      try {
        last = scanner.walk(in, named);
      } catch (IOException e) {
        scanner.incomplete(where, offset, "after a pickle: " + e.getMessage());
        break;
      }
      if ("empty".equals(last.problem())) {
        break;
      }
      if (!last.clean()) {
        scanner.incomplete(where, offset + last.end(), "pickle after offset " + offset + ": " + last.problem());
      }
      offset += last.end();
    }
    return first;
  }
}
