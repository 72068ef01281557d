package org.modelevolution.formats;

import java.io.IOException;
import java.util.List;

/**
 * 7z archives (signature {@code 7z\xBC\xAF\x27\x1C}). No model loader reads them, but scanners have
 * been bypassed by pickles shipped inside one; the members are not decompressed here (LZMA solid
 * blocks would need a whole-archive read), so the pickle scan is reported incomplete, never clean.
 */
final class SevenZipRule implements FormatRule {
  private static final byte[] MAGIC = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    if (!probe.headMatches(0, MAGIC)) {
      return null;
    }
    PickleScanner scanner = new PickleScanner();
    scanner.incomplete("7z archive", 0, "7z container: members not scannable here");
    return Match.of(FormatId.SEVEN_ZIP, List.of(new Evidence(0, "7z signature 7z\\xBC\\xAF\\x27\\x1C")), scanner.result());
  }
}
