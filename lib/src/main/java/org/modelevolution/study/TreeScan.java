package org.modelevolution.study;

import java.nio.charset.StandardCharsets;
import org.modelevolution.formats.ModelFiles;

/**
 * Scans a {@code ;}-joined tree listing in place, on the bytes of a record: whether it holds a
 * model file (by the study's {@link ModelFiles#isStudyModelFile suffix rule}) and whether
 * {@code pytorch_model.bin} sits at its root. UTF-8 keeps {@code /}, {@code .} and {@code ;} as
 * single bytes, so no decoding is needed, and the scan stops as soon as both answers are yes.
 */
final class TreeScan {
  /** The study's extensions as bytes, by length: only those of an entry's suffix length are compared. */
  private static final byte[][][] EXTENSIONS_BY_LENGTH = byLength();
  private static final byte[] ROOT_PYTORCH_BIN = "pytorch_model.bin".getBytes(StandardCharsets.US_ASCII);

  private TreeScan() {}

  /** [a model file is in the tree, pytorch_model.bin is at the root] of {@code bytes[from, to)}. */
  static boolean[] flags(byte[] bytes, int from, int to) {
    return flags(bytes, from, to, true, true);
  }

  /**
   * The same, looking only for what is asked: an answer not asked for is {@code false}, and the
   * scan stops as soon as every answer asked for is yes.
   */
  static boolean[] flags(byte[] bytes, int from, int to, boolean askModel, boolean askPytorchBin) {
    boolean modelInTree = false;
    boolean pytorchBin = false;
    boolean modelKnown = !askModel;
    boolean pytorchBinKnown = !askPytorchBin;
    int start = from;
    while (start < to && !(modelKnown && pytorchBinKnown)) {
      // the only byte looked for going forward is the separator (eight bytes at a time); an entry's
      // suffix is then read backwards from its end, a few bytes, so '/' and '.' cost no branch each
      int end = ByteSearch.indexOf(bytes, (byte) ';', start, to);
      if (!modelKnown && hasModelExtension(bytes, start, end)) {
        modelInTree = true;
        modelKnown = true;
      }
      if (!pytorchBinKnown && end - start == ROOT_PYTORCH_BIN.length && startsWith(bytes, start, ROOT_PYTORCH_BIN)) {
        pytorchBin = true;
        pytorchBinKnown = true;
      }
      start = end + 1;
    }
    return new boolean[] {modelInTree, pytorchBin};
  }

  /**
   * Whether the entry {@code bytes[start, end)} has a study extension as its pathlib suffix: the
   * text after the last dot of the file name, the dot neither the name's first character nor its
   * last. Read backwards: a suffix longer than the longest extension cannot match, so at most
   * that many bytes are looked at.
   */
  private static boolean hasModelExtension(byte[] bytes, int start, int end) {
    int stop = Math.max(start, end - EXTENSIONS_BY_LENGTH.length);
    for (int i = end - 1; i >= stop; i--) {
      byte c = bytes[i];
      if (c == '/') {
        return false; // no dot in the file name
      }
      if (c == '.') {
        boolean nameStartsHere = i == start || bytes[i - 1] == '/';
        return !nameStartsHere && i < end - 1 && isModelExtension(bytes, i + 1, end);
      }
    }
    return false;
  }

  private static boolean isModelExtension(byte[] bytes, int from, int to) {
    for (byte[] extension : EXTENSIONS_BY_LENGTH[to - from]) {
      if (startsWith(bytes, from, extension)) {
        return true;
      }
    }
    return false;
  }

  /** A plain loop: these are a few bytes each, too short for {@code Arrays.equals}' vectorised setup to pay. */
  private static boolean startsWith(byte[] bytes, int from, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[][][] byLength() {
    int longest = ModelFiles.STUDY.stream().mapToInt(String::length).max().orElse(0);
    byte[][][] table = new byte[longest + 1][][];
    for (int length = 0; length <= longest; length++) {
      int n = length;
      table[length] = ModelFiles.STUDY.stream().filter(e -> e.length() == n).sorted()
          .map(e -> e.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }
    return table;
  }
}
