package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * TensorFlow tensor-bundle {@code .index} files: a LevelDB-format table whose 48-byte footer ends
 * with the magic {@code 0xdb4775248b80fb57}; both block handles must point inside the file.
 */
final class TfCheckpointIndexRule implements FormatRule {
  private static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    if (probe.size < FOOTER) {
      return null;
    }
    if (!probe.source.cheapRandomAccess() && probe.size > probe.options.headWindow() && !bundleHeaderAtStart(probe)) {
      // Remote: spend the tail request only when the head already looks like a tensor-bundle table.
      return null;
    }
    ByteBuffer footer = probe.tail(FOOTER);
    if (footer.getLong(FOOTER - 8) != MAGIC) {
      return null;
    }
    long footerStart = probe.size - FOOTER;
    int[] position = {0};
    long[] handles = new long[4];
    for (int i = 0; i < 4; i++) {
      handles[i] = ProtoWire.varint(footer, position, FOOTER - 8);
      if (handles[i] < 0) {
        notes.add(new Evidence(footerStart, "table magic but unreadable block handles"));
        return null;
      }
    }
    for (int i = 0; i < 4; i += 2) {
      if (handles[i] + handles[i + 1] + 5 > footerStart) {
        notes.add(new Evidence(footerStart, "table magic but a block handle points past the footer"));
        return null;
      }
    }
    return Match.of(
        FormatId.TF_CHECKPOINT_INDEX,
        new Evidence(probe.size - 8, "LevelDB table footer magic 57 fb 80 8b 24 75 47 db"),
        new Evidence(footerStart, "metaindex block @" + handles[0] + "+" + handles[1] + ", index block @" + handles[2] + "+" + handles[3]));
  }

  /** The first table entry: empty key (shared 0, unshared 0) whose value is a BundleHeaderProto. */
  private static boolean bundleHeaderAtStart(Probe probe) throws IOException {
    ByteBuffer h = probe.head(4);
    return h.limit() == 4 && h.get(0) == 0 && h.get(1) == 0 && h.get(3) == 0x08;
  }
}
