package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The detector's bounded view of one source: a lazily grown head window, a tail window, and
 * direct reads of small ranges. Reads inside a cached window are served from it, so a byte is
 * fetched from the source at most once per window.
 *
 * <p>Every method bounds what it allocates by the options, never by a size declared in the file.
 */
final class Probe {
  /** The largest single range a rule may ask for outside the windows. */
  static final int MAX_RANGE = 1 << 20;

  private static final int MIN_HEAD_READ = 512;

  final ByteSource source;
  final long size;
  final DetectorOptions options;
  private byte[] head = new byte[0];
  /** Bytes fetched from the source per reason, in the order first met (for reads beyond the budget). */
  final java.util.Map<String, Long> readsByPurpose = new java.util.LinkedHashMap<>();
  private String purpose = "head and tail windows (format decision)";
  private int headLength;
  private byte[] tail = new byte[0];
  private long tailStart;

  Probe(ByteSource source, long size, DetectorOptions options) {
    this.source = source;
    this.size = size;
    this.options = options;
    this.tailStart = size;
  }

  /**
   * The first {@code min(n, size, headWindow)} bytes as a little-endian buffer; its limit is the
   * number of bytes available.
   */
  ByteBuffer head(int n) throws IOException {
    int wanted = (int) Math.min(Math.min(n, options.headWindow()), size);
    if (wanted > headLength) {
      int grown = Math.max(wanted, Math.min(Math.max(MIN_HEAD_READ, headLength * 2), options.headWindow()));
      grown = (int) Math.min(grown, size);
      byte[] bigger = new byte[grown];
      System.arraycopy(head, 0, bigger, 0, headLength);
      int got = readFully(headLength, bigger, headLength, grown - headLength);
      head = bigger;
      headLength += got;
    }
    return ByteBuffer.wrap(head, 0, Math.min(wanted, headLength)).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The last {@code min(n, size, tailWindow)} bytes, little-endian; position 0 is file offset {@code size - limit}. */
  ByteBuffer tail(int n) throws IOException {
    int wanted = (int) Math.min(Math.min(n, options.tailWindow()), size);
    if (size - tailStart < wanted) {
      long start = size - wanted;
      byte[] bigger = new byte[wanted];
      int existing = (int) (size - tailStart);
      System.arraycopy(tail, 0, bigger, wanted - existing, existing);
      int missing = wanted - existing;
      int fromHead = (int) Math.max(0, Math.min(missing, headLength - start));
      int got = fromHead > 0 ? copyFromHead(start, bigger, fromHead) : 0;
      if (fromHead < missing) {
        got += readFully(start + fromHead, bigger, fromHead, missing - fromHead);
      }
      if (got < missing) {
        throw new IOException("short read in tail window");
      }
      tail = bigger;
      tailStart = start;
    }
    return ByteBuffer.wrap(tail, (int) (size - wanted - tailStart), wanted).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Whether the last bytes can be looked at without a request of their own: the source reads
   * anywhere cheaply, the head window holds the whole file, or the tail was fetched already. A
   * rule that only wants a hint from the end asks this first, so that a remote file other than a
   * zip costs one content request.
   */
  boolean tailIsFree() {
    return source.cheapRandomAccess() || size <= headLength || tailStart < size;
  }

  /**
   * A remote source holds a head window and, once {@link #tail} asked for it, a tail window; a
   * read anywhere else would cost a request of its own, so it fails here instead (the rule then
   * decides on what it has seen). Local sources read anywhere.
   */
  private void requireReachable(long offset, int length) throws IOException {
    if (!source.cheapRandomAccess() && offset + length > options.headWindow()) {
      throw new IOException("bytes " + offset + ".." + (offset + length) + " lie outside the head window of a remote file");
    }
  }

  private int copyFromHead(long start, byte[] target, int length) {
    System.arraycopy(head, (int) start, target, 0, length);
    return length;
  }

  /**
   * {@code length} bytes at {@code offset} (fewer at the end of the file), little-endian. Served
   * from a window when it covers the range.
   */
  ByteBuffer range(long offset, int length) throws IOException {
    if (length < 0 || length > MAX_RANGE) {
      throw new IOException("range of " + length + " bytes exceeds the read bound");
    }
    if (offset < 0 || offset >= size) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    int n = (int) Math.min(length, size - offset);
    byte[] bytes = new byte[n];
    int got = read(offset, bytes, 0, n);
    return ByteBuffer.wrap(bytes, 0, got).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * {@code length} bytes at {@code offset} read without growing the head window (for sparse probes
   * such as HDF5 user-block offsets), still served from a window when one covers them.
   */
  ByteBuffer peek(long offset, int length) throws IOException {
    if (length < 0 || length > MAX_RANGE) {
      throw new IOException("range of " + length + " bytes exceeds the read bound");
    }
    if (offset < 0 || offset >= size) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    int n = (int) Math.min(length, size - offset);
    byte[] bytes = new byte[n];
    int got;
    if (offset + n <= headLength) {
      System.arraycopy(head, (int) offset, bytes, 0, n);
      got = n;
    } else if (offset >= tailStart) {
      System.arraycopy(tail, (int) (offset - tailStart), bytes, 0, n);
      got = n;
    } else {
      requireReachable(offset, n);
      got = readFully(offset, bytes, 0, n);
    }
    return ByteBuffer.wrap(bytes, 0, got).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Reads into {@code target}, preferring the windows; returns the count (0 at the end). */
  int read(long offset, byte[] target, int targetOffset, int length) throws IOException {
    if (offset < 0 || offset >= size || length <= 0) {
      return 0;
    }
    int n = (int) Math.min(length, size - offset);
    if (offset <= headLength && offset + n > headLength && offset + n <= options.headWindow()) {
      head((int) (offset + n)); // a sequential read just past the head: extend the window instead
    }
    if (offset + n <= headLength) {
      System.arraycopy(head, (int) offset, target, targetOffset, n);
      return n;
    }
    if (offset >= tailStart) {
      System.arraycopy(tail, (int) (offset - tailStart), target, targetOffset, n);
      return n;
    }
    requireReachable(offset, n);
    return readFully(offset, target, targetOffset, n);
  }

  /** Names why the reads that follow happen; returns the previous reason (to restore). */
  String purpose(String why) {
    String before = purpose;
    purpose = why;
    return before;
  }

  private int readFully(long offset, byte[] target, int targetOffset, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int got = source.read(offset + total, target, targetOffset + total, length - total);
      if (got <= 0) {
        break;
      }
      total += got;
    }
    readsByPurpose.merge(purpose, (long) total, Long::sum);
    return total;
  }

  /** Whether the head window starts with {@code prefix} at {@code offset}. */
  boolean headMatches(int offset, byte[] prefix) throws IOException {
    ByteBuffer h = head(offset + prefix.length);
    if (h.limit() < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (h.get(offset + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
