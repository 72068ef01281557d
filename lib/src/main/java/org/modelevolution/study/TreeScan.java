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
    boolean modelInTree = false;
    boolean pytorchBin = false;
    int start = from;
    while (start < to && !(modelInTree && pytorchBin)) {
      int end = start;
      int lastSlash = -1;
      int lastDot = -1;
      while (end < to) {
        byte c = bytes[end];
        if (c == ';') {
          break;
        }
        if (c == '/') {
          lastSlash = end;
          lastDot = -1;
        } else if (c == '.') {
          lastDot = end;
        }
        end++;
      }
      int nameStart = lastSlash + 1 > start ? lastSlash + 1 : start;
      if (!modelInTree && lastDot > nameStart && lastDot < end - 1 && isModelExtension(bytes, lastDot + 1, end)) {
        modelInTree = true;
      }
      if (!pytorchBin && end - start == ROOT_PYTORCH_BIN.length && startsWith(bytes, start, ROOT_PYTORCH_BIN)) {
        pytorchBin = true;
      }
      start = end + 1;
    }
    return new boolean[] {modelInTree, pytorchBin};
  }

  private static boolean isModelExtension(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length >= EXTENSIONS_BY_LENGTH.length) {
      return false;
    }
    for (byte[] extension : EXTENSIONS_BY_LENGTH[length]) {
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
