package org.modelevolution.study;

import java.util.Set;

/**
 * Which paths count as serialized model files. The study took its list from a private package
 * ({@code analyticaml.MODEL_FILE_EXTENSIONS}); this is the list documented with the synthetic
 * full-schema generator ({@code ../shared/scale/README.md}), built from the extensions seen in the
 * study's published intermediate files. The suffix rule is Python's {@code pathlib} one, as the
 * study applied it.
 */
public final class ModelFiles {
  /** Extensions (without dot) of serialized model files. */
  public static final Set<String> EXTENSIONS = Set.of(
      "bin", "pt", "pth", "ckpt", "safetensors", "h5", "hdf5", "onnx", "pb", "pkl",
      "pickle", "joblib", "npy", "npz", "model", "msgpack", "ts", "tflite", "gguf");

  private ModelFiles() {}

  /** {@code pathlib.PurePath(path).suffix} without the dot; empty when there is none. */
  public static String suffix(CharSequence path, int start, int end) {
    int nameStart = start;
    for (int i = end - 1; i >= start; i--) {
      if (path.charAt(i) == '/') {
        nameStart = i + 1;
        break;
      }
    }
    for (int i = end - 1; i > nameStart; i--) {
      if (path.charAt(i) == '.') {
        return i < end - 1 ? path.subSequence(i + 1, end).toString() : "";
      }
    }
    return "";
  }

  public static boolean isModelFile(CharSequence path) {
    return isModelFile(path, 0, path.length());
  }

  public static boolean isModelFile(CharSequence path, int start, int end) {
    return EXTENSIONS.contains(suffix(path, start, end));
  }
}
