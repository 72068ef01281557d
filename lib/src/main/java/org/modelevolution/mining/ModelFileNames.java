package org.modelevolution.mining;

import java.util.Set;

/**
 * Which paths are model files: those whose last suffix (Python's {@code pathlib} rule) is one of
 * the study's model-file extensions. Interim: to be replaced by {@code formats.ModelFiles} when
 * the detector lands, so the list lives in one place.
 */
public final class ModelFileNames {
  /** The extensions of /work/shared/scale/README.md, standing in for the study's private list. */
  public static final Set<String> EXTENSIONS = Set.of(
      "bin", "pt", "pth", "ckpt", "safetensors", "h5", "hdf5", "onnx", "pb", "pkl", "pickle",
      "joblib", "npy", "npz", "model", "msgpack", "ts", "tflite", "gguf");

  private ModelFileNames() {}

  public static boolean isModelFile(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    // pathlib: a leading dot is part of the stem (".bin" has no suffix), and "a." has none either.
    if (dot <= 0 || dot == name.length() - 1) {
      return false;
    }
    return EXTENSIONS.contains(name.substring(dot + 1));
  }
}
