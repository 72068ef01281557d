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
    PickleScan pickle) {

  public Detection {
    evidence = List.copyOf(evidence);
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
