package org.modelevolution.formats;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which file names count as model files: the one list used everywhere in the project.
 *
 * <p>Two lists, by file-name extension (the last one, compared case-insensitively):
 *
 * <ul>
 *   <li>{@link #STUDY} reproduces the original study: {@code bin pt pth ckpt safetensors h5 hdf5
 *       onnx pb pkl pickle joblib npy npz model msgpack ts tflite gguf}. Use it whenever a number
 *       is compared with the paper.
 *   <li>{@link #EXTENDED} adds the formats that appeared or spread since: {@code keras} (Keras 3),
 *       {@code ggml}, {@code mlmodel} (Core ML), {@code ptl} (PyTorch Mobile) and {@code torchscript} ({@code gguf} and {@code tflite} are
 *       already in the study's list). It is for the project's own extensions of the analysis
 *       and is always reported separately.
 * </ul>
 *
 * The extension only selects which files are examined; their format is decided by
 * {@link Detector} from the content.
 *
 * <p>Reading the study's own intermediate files needs the study's exact matching rule as well:
 * Python's case-sensitive {@code pathlib} suffix of a {@code /}-separated path, applied to
 * {@link #STUDY}. {@link #isStudyModelFile(CharSequence, int, int)} is that rule, working on a slice
 * of a larger string so that long {@code ;}-joined listings need no splitting.
 */
public final class ModelFiles {
  /** Which list to apply. */
  public enum Scope {
    /** The study's list, for reproduction. */
    STUDY,
    /** The study's list plus modern model-file extensions. */
    EXTENDED
  }

  /** The study's extensions, without dots. */
  public static final Set<String> STUDY =
      Set.of("bin", "pt", "pth", "ckpt", "safetensors", "h5", "hdf5", "onnx", "pb", "pkl", "pickle",
          "joblib", "npy", "npz", "model", "msgpack", "ts", "tflite", "gguf");

  /** Extensions added by the extended list. */
  public static final Set<String> ADDED = Set.of("keras", "ggml", "mlmodel", "ptl", "torchscript");

  /** The extended list: {@link #STUDY} plus {@link #ADDED}. */
  public static final Set<String> EXTENDED = union(STUDY, ADDED);

  private ModelFiles() {}

  /** Whether {@code path} (any separator) names a model file under {@code scope}. */
  public static boolean isModelFile(String path, Scope scope) {
    String ext = extension(path);
    return !ext.isEmpty() && (scope == Scope.STUDY ? STUDY : EXTENDED).contains(ext);
  }

  /** The lower-cased last extension of the file name in {@code path}, or "" when there is none. */
  public static String extension(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code path[start, end)} names a model file by the study's rule: its
   * {@link #pathlibSuffix pathlib suffix}, case-sensitively, is on the {@link #STUDY} list.
   */
  public static boolean isStudyModelFile(CharSequence path, int start, int end) {
    return STUDY.contains(pathlibSuffix(path, start, end));
  }

  /** {@link #isStudyModelFile(CharSequence, int, int)} on the whole of {@code path}. */
  public static boolean isStudyModelFile(CharSequence path) {
    return isStudyModelFile(path, 0, path.length());
  }

  /**
   * {@code pathlib.PurePosixPath(path[start, end)).suffix} without the dot, case kept; empty when
   * there is none.
   */
  public static String pathlibSuffix(CharSequence path, int start, int end) {
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

  /** The extensions of {@code scope}, sorted, for documentation and run manifests. */
  public static List<String> extensions(Scope scope) {
    return List.copyOf(new TreeSet<>(scope == Scope.STUDY ? STUDY : EXTENDED));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
