package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Git LFS pointer files: under 1024 bytes of {@code key value} lines, starting with a known spec
 * version line and carrying {@code oid sha256:<64 hex>} and {@code size <decimal>}.
 */
final class LfsPointerRule implements FormatRule {
  private static final List<String> VERSIONS =
      List.of(
          "version https://git-lfs.github.com/spec/v1",
          "version https://hawser.github.com/spec/v1",
          "version http://git-media.io/v/2");
  private static final Pattern LINE = Pattern.compile("[a-z0-9.-]+ [^\\n]*");
  private static final Pattern OID = Pattern.compile("oid sha256:[0-9a-f]{64}");
  private static final Pattern SIZE = Pattern.compile("size [0-9]+");

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    if (probe.size >= 1024 || !probe.headMatches(0, "version ".getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    ByteBuffer head = probe.head((int) probe.size);
    byte[] bytes = new byte[head.limit()];
    head.get(0, bytes);
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      return null;
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (!VERSIONS.contains(lines[0])) {
      return null;
    }
    boolean oid = false;
    boolean size = false;
    for (int i = 1; i < lines.length; i++) {
      if (!LINE.matcher(lines[i]).matches()) {
        return null;
      }
      oid |= OID.matcher(lines[i]).matches();
      size |= SIZE.matcher(lines[i]).matches();
    }
    if (!oid || !size) {
      notes.add(new Evidence(0, "LFS version line without oid/size lines: not a pointer"));
      return null;
    }
    return Match.of(
        FormatId.LFS_POINTER,
        new Evidence(0, "LFS pointer: '" + lines[0] + "'"),
        new Evidence(0, "oid sha256 and size lines in " + probe.size + " bytes"));
  }
}
