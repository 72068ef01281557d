package org.modelevolution.mining;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A stop-gap classifier of a file's first bytes into the study's format labels, so the pipeline
 * runs end to end before the content-based detector of {@code org.modelevolution.formats} is
 * wired in (replace it in {@code MiningPipeline.defaultSniffer}). It knows the signatures only:
 * safetensors length prefix and JSON header, zip (torch.save; {@code .npy} members: numpy),
 * pickle streams (torch legacy magic number: torch.save; joblib globals: joblib), HDF5, NumPy,
 * and protobuf-looking heads (the study's ONNX label). Everything else is undetermined.
 */
public final class InterimSignatures {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] TORCH_LEGACY_MAGIC = {(byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

  private InterimSignatures() {}

  public static String classify(byte[] head) {
    if (head.length >= 9) {
      long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (n > 1 && n <= 25_000_000 && head[8] == '{') {
        return "safetensors";
      }
    }
    if (startsWith(head, 0, new byte[] {'P', 'K', 3, 4})) {
      String names = new String(head, StandardCharsets.ISO_8859_1);
      return names.contains(".npy") && !names.contains("data.pkl") ? "numpy" : "torch.save";
    }
    for (int offset : new int[] {0, 512, 1024, 2048}) {
      if (startsWith(head, offset, HDF5)) {
        return "h5/hdf5";
      }
    }
    if (startsWith(head, 0, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
      return "numpy";
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
      if (startsWith(head, 2, TORCH_LEGACY_MAGIC)) {
        return "torch.save";
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      return text.contains("joblib") ? "joblib" : "pickle";
    }
    if (head.length >= 2 && (head[0] == 0x08 || head[0] == 0x0a) && head[1] != 0) {
      return "ONNX";
    }
    return "undetermined";
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (data.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
