package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** GGUF ({@code GGUF} + version 1-3, either byte order) and the legacy GGML/GGMF/GGJT magics. */
final class GgufRule implements FormatRule {
  private static final int GGUF = 0x46554747; // "GGUF" read little-endian
  private static final int GGML = 0x67676d6c;
  private static final int GGMF = 0x67676d66;
  private static final int GGJT = 0x67676a74;

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer head = probe.head(24);
    if (head.limit() < 8) {
      return null;
    }
    int magic = head.getInt(0);
    int version = head.getInt(4);
    if (magic == GGUF) {
      int be = Integer.reverseBytes(version);
      boolean bigEndian = (version & 0xFFFF) == 0 && be >= 1 && be <= 3;
      int v = bigEndian ? be : version;
      if (v < 1 || v > 3) {
        notes.add(new Evidence(4, "GGUF magic with unknown version " + Integer.toUnsignedString(version)));
        return null;
      }
      String counts = "";
      if (v >= 2 && head.limit() >= 24) {
        long tensors = bigEndian ? Long.reverseBytes(head.getLong(8)) : head.getLong(8);
        long kvs = bigEndian ? Long.reverseBytes(head.getLong(16)) : head.getLong(16);
        counts = ", " + Long.toUnsignedString(tensors) + " tensors, " + Long.toUnsignedString(kvs) + " metadata keys";
      } else if (v == 1 && head.limit() >= 16) {
        counts = ", " + Integer.toUnsignedString(head.getInt(8)) + " tensors, " + Integer.toUnsignedString(head.getInt(12)) + " metadata keys";
      }
      return Match.of(
          FormatId.GGUF,
          new Evidence(0, "magic GGUF"),
          new Evidence(4, "version " + v + (bigEndian ? " (big-endian)" : "") + counts));
    }
    if (magic == GGML) {
      return Match.of(FormatId.GGML, new Evidence(0, "magic 'ggml' (unversioned legacy ggml)"));
    }
    if (magic == GGMF && version == 1) {
      return Match.of(FormatId.GGML, new Evidence(0, "magic 'ggmf'"), new Evidence(4, "version 1"));
    }
    if (magic == GGJT && version >= 1 && version <= 3) {
      return Match.of(FormatId.GGML, new Evidence(0, "magic 'ggjt'"), new Evidence(4, "version " + version));
    }
    return null;
  }
}
