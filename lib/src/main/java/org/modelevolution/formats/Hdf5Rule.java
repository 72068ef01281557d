package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * HDF5: the signature at offset 0 or after a user block at 512, 1024, 2048, ... Checked before any
 * other magic because a user block may hold bytes that look like another format.
 */
final class Hdf5Rule implements FormatRule {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
  /** User blocks beyond 1 GiB are not looked for (remote sources: beyond the head window). */
  private static final long LAST_OFFSET = 1L << 30;

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    long last = probe.source.cheapRandomAccess() ? LAST_OFFSET : probe.options.headWindow() - 9;
    for (long offset = 0; offset + 9 <= probe.size && offset <= last; offset = offset == 0 ? 512 : offset * 2) {
      ByteBuffer bytes;
      try {
        bytes = offset == 0 ? probe.head(9) : probe.peek(offset, 9);
      } catch (IOException e) {
        notes.add(new Evidence(offset, "HDF5 signature not checked: " + e.getMessage()));
        break;
      }
      if (bytes.limit() < 9 || !startsWith(bytes)) {
        continue;
      }
      int version = bytes.get(8) & 0xFF;
      if (version > 3) {
        notes.add(new Evidence(offset, "HDF5 signature with superblock version " + version));
        continue;
      }
      Evidence signature =
          new Evidence(offset, "HDF5 signature" + (offset == 0 ? "" : " after a " + offset + "-byte user block"));
      return Match.of(FormatId.HDF5, signature, new Evidence(offset + 8, "superblock version " + version));
    }
    return null;
  }

  private static boolean startsWith(ByteBuffer bytes) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes.get(i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }
}
