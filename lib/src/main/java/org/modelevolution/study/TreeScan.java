package org.modelevolution.study;

import java.nio.charset.StandardCharsets;
import org.modelevolution.formats.ModelFiles;

/**
 * Scans a {@code ;}-joined tree listing in place, on the bytes of a mapped file: whether it holds
 * a model file (by the study's {@link ModelFiles#isStudyModelFile suffix rule}) and whether {@code pytorch_model.bin} sits at
 * its root. UTF-8 keeps {@code /}, {@code .} and {@code ;} as single bytes, so no decoding is needed.
 */
final class TreeScan {
  private static final byte[][] EXTENSIONS = ModelFiles.STUDY.stream()
      .map(e -> e.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  private static final byte[] ROOT_PYTORCH_BIN = "pytorch_model.bin".getBytes(StandardCharsets.US_ASCII);

  private TreeScan() {}

  static boolean[] flags(MappedCsv.Record record, int from, int to) {
    boolean modelInTree = false;
    boolean pytorchBin = false;
    int start = from;
    while (start < to) {
      int end = start;
      int lastSlash = -1;
      int lastDot = -1;
      while (end < to) {
        byte c = record.byteAt(end);
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
      if (!modelInTree && lastDot > nameStart && lastDot < end - 1 && isModelExtension(record, lastDot + 1, end)) {
        modelInTree = true;
      }
      if (!pytorchBin && end - start == ROOT_PYTORCH_BIN.length && equals(record, start, ROOT_PYTORCH_BIN)) {
        pytorchBin = true;
      }
      start = end + 1;
    }
    return new boolean[] {modelInTree, pytorchBin};
  }

  private static boolean isModelExtension(MappedCsv.Record record, int from, int to) {
    int length = to - from;
    for (byte[] extension : EXTENSIONS) {
      if (extension.length == length && equals(record, from, extension)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equals(MappedCsv.Record record, int from, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (record.byteAt(from + i) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
