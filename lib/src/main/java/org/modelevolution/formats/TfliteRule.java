package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** TFLite FlatBuffers: identifier {@code TFL3} at offset 4, root table offset inside the file. */
final class TfliteRule implements FormatRule {
  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer head = probe.head(8);
    if (head.limit() < 8 || head.get(4) != 'T' || head.get(5) != 'F' || head.get(6) != 'L' || head.get(7) != '3') {
      return null;
    }
    long root = Integer.toUnsignedLong(head.getInt(0));
    if (root < 8 || root >= probe.size) {
      notes.add(new Evidence(0, "TFL3 identifier but root table offset " + root + " outside the file"));
      return null;
    }
    return Match.of(
        FormatId.TFLITE,
        new Evidence(4, "FlatBuffer file identifier TFL3"),
        new Evidence(0, "root table at offset " + root));
  }
}
