package org.modelevolution.formats;

/** Bytes already in memory (tests, fuzzing, entries extracted from a container). */
public final class ByteArraySource implements ByteSource {
  private final String name;
  private final byte[] bytes;
  private long bytesRead;

  public ByteArraySource(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public int read(long offset, byte[] target, int targetOffset, int length) {
    if (length == 0) {
      return 0;
    }
    if (offset < 0 || offset >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(length, bytes.length - offset);
    System.arraycopy(bytes, (int) offset, target, targetOffset, n);
    bytesRead += n;
    return n;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }
}
