package org.modelevolution.reproduction;

import java.io.StringWriter;
import tech.tablesaw.api.Table;

/** Tablesaw tables as CSV text, deterministic (Unix line ends). */
final class TableFiles {
  private TableFiles() {}

  static String csv(Table table) {
    StringWriter text = new StringWriter();
    table.write().csv(text);
    return text.toString().replace("\r\n", "\n");
  }
}
