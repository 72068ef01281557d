package org.modelevolution.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the analyses read from one study data folder, with the record of what was read.
 *
 * @param dataDir the folder the inputs came from
 * @param legacy the legacy group
 * @param recent the recent group
 * @param both the study's "both" mode: recent rows followed by legacy rows (built once)
 * @param releases safetensors releases (markers of the RQ1 chart)
 * @param additions2024 safetensors additions of the 2024 iteration, when its files are present
 * @param publishedDir the study's published result tables, when present
 * @param inputs every input file read, with its SHA-256
 */
public record StudyData(
    Path dataDir,
    GroupData legacy,
    GroupData recent,
    GroupData both,
    List<SafetensorsRelease> releases,
    Optional<List<SafetensorsAddition>> additions2024,
    Optional<Path> publishedDir,
    List<InputFile> inputs) {

  public StudyData {
    releases = List.copyOf(releases);
    inputs = List.copyOf(inputs);
  }

  /** Builds the data, with the "both" group as the study's concatenation of recent and legacy. */
  public static StudyData of(Path dataDir, GroupData legacy, GroupData recent, List<SafetensorsRelease> releases,
      Optional<List<SafetensorsAddition>> additions2024, Optional<Path> publishedDir, List<InputFile> inputs) {
    return new StudyData(dataDir, legacy, recent, GroupData.both(recent, legacy), releases, additions2024, publishedDir,
        inputs);
  }

  /** The data of a group; "both" is the study's concatenation of recent and legacy. */
  public GroupData group(Group group) {
    return switch (group) {
      case LEGACY -> legacy;
      case RECENT -> recent;
      case BOTH -> both;
    };
  }

  /** A published result table by file name, when the published folder holds it. */
  public Optional<Path> published(String fileName) {
    return publishedDir.map(dir -> dir.resolve(fileName)).filter(java.nio.file.Files::isRegularFile);
  }

  /** One line per group: which kind of inputs are present. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (GroupData g : List.of(legacy, recent)) {
      text.append(g.group().fileSuffix()).append(": ");
      if (g.hasFullInputs()) {
        text.append("full inputs (commit log, format table, repository metadata), ")
            .append(g.additions().size()).append(" safetensors additions");
      } else if (!g.additions().isEmpty()) {
        text.append("published additions only (").append(g.additions().size()).append(" rows, ")
            .append(g.developerAdditionsKnown() ? "converter and developer" : "converter only").append(')');
      } else {
        text.append("no inputs");
      }
      text.append('\n');
    }
    additions2024.ifPresent(rows -> text.append("2024 iteration: ").append(rows.size()).append(" safetensors additions\n"));
    text.append("releases: ").append(releases.size()).append('\n');
    text.append("published tables: ").append(publishedDir.map(p -> "present").orElse("absent")).append('\n');
    return text.toString();
  }
}
