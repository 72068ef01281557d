package org.modelevolution.mining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The resume tests' view of a checkpoint journal on disk: one key per recorded line, in file order. */
final class JournalKeys {
  private JournalKeys() {}

  /**
   * The key part of every line of {@code journalFile} (each line is {@code {"key":…,"value":…}}), duplicates kept:
   * a resumed run that recorded a checkpoint twice shows here as a repeated key.
   */
  static List<String> of(Path journalFile) throws IOException {
    return Files.readAllLines(journalFile).stream().map(line -> line.substring(0, line.indexOf(",\"value\""))).toList();
  }
}
