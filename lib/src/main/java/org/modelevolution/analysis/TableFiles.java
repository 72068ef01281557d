package org.modelevolution.analysis;

import java.io.StringWriter;
import java.nio.file.Path;
import org.modelevolution.io.AtomicFiles;
import tech.tablesaw.api.Table;

/** Writes Tablesaw tables as CSV files, atomically and deterministically. */
final class TableFiles {
  private TableFiles() {}

  static Path writeCsv(Table table, Path file) {
    StringWriter text = new StringWriter();
    table.write().csv(text);
    AtomicFiles.writeString(file, text.toString().replace("\r\n", "\n"));
    return file;
  }
}
