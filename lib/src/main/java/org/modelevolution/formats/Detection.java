package org.modelevolution.formats;

import java.util.List;

/**
 * What the detector concluded about one file.
 *
 * @param path the path or URL as given
 * @param format the content format
 * @param studyLabel the label in the original study's vocabulary (see {@link FormatId#studyLabel()})
 * @param evidence what was seen where, in the order it was checked
 * @param bytesRead every byte read from the source, including the pickle scan
 * @param size the file size in bytes (-1 when unknown, e.g. a symbolic link)
 * @param pickle the import scan of embedded pickles ({@link PickleScan#NOT_APPLICABLE} if none)
 */
public record Detection(
    String path,
    FormatId format,
    String studyLabel,
    List<Evidence> evidence,
    long bytesRead,
    long size,
    PickleScan pickle,
    List<Read> reads) {

  /** The per-file read budget: reads beyond it are explained in {@link #reads}. */
  public static final long READ_BUDGET = DetectorOptions.REMOTE_READ_BUDGET;

  /** Bytes read from the file for one reason (a container forcing reads beyond the budget). */
  public record Read(String why, long bytes) {}

  public Detection {
    evidence = List.copyOf(evidence);
    reads = List.copyOf(reads);
  }

  public Detection(String path, FormatId format, String studyLabel, List<Evidence> evidence, long bytesRead, long size, PickleScan pickle) {
    this(path, format, studyLabel, evidence, bytesRead, size, pickle, List.of());
  }

  /** Whether more than {@link #READ_BUDGET} bytes were read (then {@link #reads} says why). */
  public boolean overBudget() {
    return bytesRead > READ_BUDGET;
  }

  /** The detection of an input that could not be read at all; {@code why} becomes the evidence. */
  public static Detection unreadable(String path, long bytesRead, String why) {
    return new Detection(
        path, FormatId.UNKNOWN, FormatId.UNKNOWN.studyLabel(), List.of(new Evidence(0, why)), bytesRead, -1, PickleScan.NOT_APPLICABLE);
  }

  /** The same detection reported under another path, with {@code bytesRead} bytes read for it. */
  public Detection as(String otherPath, long otherBytesRead, Evidence extra) {
    List<Evidence> more = new java.util.ArrayList<>(evidence);
    more.add(extra);
    return new Detection(otherPath, format, studyLabel, more, otherBytesRead, size, pickle, reads);
  }

  /** Whether the input could not be read at all (missing file, failed download), as opposed to detected. */
  public boolean unreadable() {
    return size < 0 && format != FormatId.SYMBOLIC_LINK;
  }

  /** The sorted pickle imports, empty when the format embeds no pickle. */
  public List<String> pickleGlobals() {
    return List.copyOf(pickle.globals());
  }

  /** The {@code pickle_globals} cell of labels.csv: {@code -} without pickle, else {@code ;}-joined. */
  public String pickleGlobalsCell() {
    return pickle.applicable() ? String.join(";", pickle.globals()) : "-";
  }
}
