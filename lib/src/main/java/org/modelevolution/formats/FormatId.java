package org.modelevolution.formats;

import java.util.Locale;

/**
 * The serialization formats the detector tells apart, with their ids as used in the corpus
 * ({@code labels.csv}) and their label in the vocabulary of the original study.
 *
 * <p>The study grouped formats coarsely: every torch writer is {@code torch.save}, both numpy
 * containers are {@code numpy}, and whatever it did not recognise is {@code undetermined}.
 */
public enum FormatId {
  SAFETENSORS("safetensors"),
  TORCH_ZIP("torch.save"),
  TORCH_LEGACY("torch.save"),
  TORCHSCRIPT("torch.save"),
  PICKLE("pickle"),
  JOBLIB("joblib"),
  NUMPY_NPY("numpy"),
  NUMPY_NPZ("numpy"),
  HDF5("h5/hdf5"),
  KERAS_V3(StudyLabels.UNDETERMINED),
  ONNX("ONNX"),
  TF_SAVEDMODEL(StudyLabels.UNDETERMINED),
  TF_CHECKPOINT_INDEX(StudyLabels.UNDETERMINED),
  TFLITE(StudyLabels.UNDETERMINED),
  GGUF(StudyLabels.UNDETERMINED),
  GGML(StudyLabels.UNDETERMINED),
  MSGPACK(StudyLabels.UNDETERMINED),
  COREML(StudyLabels.UNDETERMINED),
  SENTENCEPIECE(StudyLabels.UNDETERMINED),
  /** A 7z archive: recognised so that it is never read as clean; its members are not scanned here. */
  SEVEN_ZIP(StudyLabels.UNDETERMINED),
  LFS_POINTER(StudyLabels.UNDETERMINED),
  EMPTY(StudyLabels.UNDETERMINED),
  UNKNOWN(StudyLabels.UNDETERMINED),
  /** Not a format: the path is a symbolic link, which the study reported as such and never followed. */
  SYMBOLIC_LINK(StudyLabels.SYMBOLIC_LINK);

  private final String studyLabel;

  FormatId(String studyLabel) {
    this.studyLabel = studyLabel;
  }

  /** The id used in {@code labels.csv} and in the JSON output, e.g. {@code torch_zip}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The label the study gave files of this format, e.g. {@code torch.save} or {@code undetermined}. */
  public String studyLabel() {
    return studyLabel;
  }

  /** The format with the given corpus id. */
  public static FormatId fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The study's label strings that are not format names. */
  public static final class StudyLabels {
    public static final String UNDETERMINED = "undetermined";
    /**
     * As the study's final code writes it ({@code scripts/analyze_commit_history.py}); its 2024 data
     * file spells it in lower case. The study gave it to links that pointed nowhere and followed
     * the others; this detector never follows a link and reports every one.
     */
    public static final String SYMBOLIC_LINK = "UNDETERMINED (symbolic link)";

    private StudyLabels() {}
  }
}
