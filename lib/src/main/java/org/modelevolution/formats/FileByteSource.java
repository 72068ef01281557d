package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file read with positional reads; nothing is mapped or read ahead. */
public final class FileByteSource implements ByteSource {
  private final String name;
  private final FileChannel channel;
  private final long size;
  private long bytesRead;

  private FileByteSource(String name, FileChannel channel) throws IOException {
    this.name = name;
    this.channel = channel;
    this.size = channel.size();
  }

  /** Opens {@code file}; {@code name} is what reports show (usually the path as given). */
  public static FileByteSource open(Path file, String name) throws IOException {
    return new FileByteSource(name, FileChannel.open(file, StandardOpenOption.READ));
  }

  public static FileByteSource open(Path file) throws IOException {
    return open(file, file.toString());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long offset, byte[] target, int targetOffset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (offset < 0 || offset >= size) {
      return -1;
    }
    ByteBuffer buffer = ByteBuffer.wrap(target, targetOffset, length);
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, offset + total);
      if (n <= 0) {
        break;
      }
      total += n;
    }
    bytesRead += total;
    return total == 0 ? -1 : total;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
