package org.modelevolution.formats;

import java.io.Closeable;
import java.io.IOException;

/**
 * A random-access, read-only view of a file's bytes that counts what it delivers.
 *
 * <p>The detector only ever asks for bounded ranges, so a source can be a local file, an
 * in-memory array or a remote blob read with HTTP ranges. {@link #bytesRead()} is the number of
 * bytes actually fetched from the underlying medium (for a remote source: received over the wire).
 */
public interface ByteSource extends Closeable {

  /** The name to report, e.g. the path as given. */
  String name();

  /** The total size of the file in bytes. */
  long size() throws IOException;

  /**
   * Reads up to {@code length} bytes starting at {@code offset} into {@code target}.
   *
   * @return the number of bytes read, 0 only when {@code length} is 0, -1 when {@code offset} is at
   *     or past the end
   */
  int read(long offset, byte[] target, int targetOffset, int length) throws IOException;

  /** Bytes fetched from the medium so far. */
  long bytesRead();

  /**
   * Whether reading a few bytes anywhere is cheap (local files, memory). A remote source answers
   * false: it only holds a head and a tail window, and rules then stay inside them.
   */
  default boolean cheapRandomAccess() {
    return true;
  }

  @Override
  default void close() throws IOException {}
}
