package org.modelevolution.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until {@code cap} bytes have been consumed (read or skipped), then fails
 * with {@link CapReachedException}: decompression bombs and endless streams stop here.
 */
final class CappedInputStream extends FilterInputStream {
  /** Thrown when the cap is reached; the scan reports itself incomplete. */
  static final class CapReachedException extends IOException {
    CapReachedException(String message) {
      super(message);
    }
  }

  private final long cap;
  private final String what;
  private final boolean countSkips;
  private long consumed;

  /**
   * @param countSkips whether skipped bytes count toward the cap (yes for decompressed streams,
   *     where skipping means decompressing; no for seekable sources, where it costs nothing)
   */
  CappedInputStream(InputStream in, long cap, String what, boolean countSkips) {
    super(in);
    this.cap = cap;
    this.what = what;
    this.countSkips = countSkips;
  }

  @Override
  public int read() throws IOException {
    check(1);
    int b = super.read();
    if (b >= 0) {
      consumed++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check(1);
    int n = super.read(b, off, (int) Math.min(len, cap - consumed));
    if (n > 0) {
      consumed += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (!countSkips) {
      return super.skip(n);
    }
    check(1);
    long s = super.skip(Math.min(n, cap - consumed));
    if (s > 0) {
      consumed += s;
    }
    return s;
  }

  private void check(long more) throws CapReachedException {
    if (consumed + more > cap) {
      throw new CapReachedException(what + " cap of " + cap + " bytes reached");
    }
  }
}
