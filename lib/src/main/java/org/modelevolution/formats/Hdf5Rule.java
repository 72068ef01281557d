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
      if (offset > 0) {
        // After a user block the superblock's base address is the block's size. An HDF5 file
        // merely stored inside a zip (a .keras archive) or a tar keeps base address 0: that is
        // an archive member, not this file's superblock. (Other shifted files libhdf5 still opens.)
        long base = baseAddress(probe.peek(offset, 48), version);
        if (base != offset && insideArchive(probe)) {
          notes.add(new Evidence(offset, "HDF5 signature with base address " + base + " inside a zip/tar: an archive member"));
          continue;
        }
      }
      Evidence signature =
          new Evidence(offset, "HDF5 signature" + (offset == 0 ? "" : " after a " + offset + "-byte user block"));
      return Match.of(FormatId.HDF5, signature, new Evidence(offset + 8, "superblock version " + version));
    }
    return null;
  }

  private static boolean insideArchive(Probe probe) throws IOException {
    ByteBuffer head = probe.head(262);
    boolean zip = head.limit() >= 4 && head.getInt(0) == 0x04034b50;
    boolean tar = head.limit() >= 262 && head.get(257) == 'u' && head.get(258) == 's' && head.get(259) == 't'
        && head.get(260) == 'a' && head.get(261) == 'r';
    return zip || tar;
  }

  /** The superblock's base address (-1 when unreadable): after 16/20 bytes in v0/v1, 12 in v2/v3. */
  private static long baseAddress(ByteBuffer sb, int version) {
    int sizeOfOffsets = sb.limit() > 13 ? sb.get(version <= 1 ? 13 : 9) & 0xFF : 0;
    int at = version == 0 ? 24 : version == 1 ? 28 : 12;
    if (sizeOfOffsets != 2 && sizeOfOffsets != 4 && sizeOfOffsets != 8 || at + sizeOfOffsets > sb.limit()) {
      return -1;
    }
    long value = 0;
    for (int i = sizeOfOffsets - 1; i >= 0; i--) {
      value = (value << 8) | (sb.get(at + i) & 0xFF);
    }
    return value;
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
