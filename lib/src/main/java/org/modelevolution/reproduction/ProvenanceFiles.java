package org.modelevolution.reproduction;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.modelevolution.io.Provenance;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.StudyData;

/** {@code provenance.tsv} and {@code SHA256SUMS}: relative paths, sorted, no timestamps. */
final class ProvenanceFiles {
  static final String NOT_COMMITTED = "(not committed: copies text others wrote)";

  private ProvenanceFiles() {}

  /**
   * {@code read|wrote <tab> sha256 <tab> bytes <tab> path}: every input the study package read (as
   * {@code STUDY_DATA/…}, {@code data/downloads/…}, {@code data/cache/…} or {@code data/…}, with its manifest
   * status; a cache table names the original it stands for), then every
   * output, relative to the output folder; outputs that copy study rows are marked as not committed.
   */
  static String provenance(StudyData data, Path outDir, List<Path> written) {
    Provenance read = new Provenance(outDir);
    for (InputFile input : data.inputs()) {
      read.read(input.path(), input.sha256(), input.bytes(), "(" + input.status().label()
          + (input.status() == InputFile.Status.CACHE ? " " + input.original() : "") + ")");
    }
    Provenance wrote = new Provenance(outDir);
    written.forEach(file -> wrote.wrote(file, Outputs.committed(file) ? "" : NOT_COMMITTED));
    return read.render() + wrote.render();
  }

  /** {@code sha256sum} lines of the committed outputs, so that {@code sha256sum -c SHA256SUMS} checks them. */
  static String checksums(Path outDir, List<Path> written) {
    TreeMap<String, String> lines = new TreeMap<>();
    Path base = outDir.toAbsolutePath().normalize();
    for (Path file : written) {
      if (Outputs.committed(file)) {
        String relative = base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        lines.put(relative, AtomicFiles.sha256(file) + "  " + relative + "\n");
      }
    }
    return String.join("", lines.values());
  }
}
