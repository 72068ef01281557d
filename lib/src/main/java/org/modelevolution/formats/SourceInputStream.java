package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;

/**
 * A sequential stream over the range {@code [start, end)} of a probed source. {@link #skip(long)}
 * seeks instead of reading, so raw payloads cost nothing. Reads go through a buffer that starts
 * small and doubles while the stream keeps being read, so a peek at a short header costs little
 * read-ahead and a long pickle walk few calls.
 */
final class SourceInputStream extends InputStream {
  private static final int FIRST_CHUNK = 128;
  private static final int BUFFER = 4096;

  private final Probe probe;
  private final long end;
  private long position;
  private final byte[] buffer = new byte[BUFFER];
  private long bufferStart;
  private int bufferLength;
  private int chunk = FIRST_CHUNK;

  SourceInputStream(Probe probe, long start, long end) {
    this.probe = probe;
    this.position = start;
    this.end = Math.min(end, probe.size);
    this.bufferStart = start;
  }

  long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return buffer[(int) (position++ - bufferStart)] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int available = (int) (bufferStart + bufferLength - position);
    int n = Math.min(length, available);
    System.arraycopy(buffer, (int) (position - bufferStart), target, offset, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    long skipped = Math.min(n, end - position);
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  private boolean fill() throws IOException {
    if (position >= end) {
      return false;
    }
    if (position >= bufferStart && position < bufferStart + bufferLength) {
      return true;
    }
    int wanted = (int) Math.min(chunk, end - position);
    chunk = Math.min(BUFFER, chunk * 2);
    bufferLength = probe.read(position, buffer, 0, wanted);
    bufferStart = position;
    return bufferLength > 0;
  }
}
