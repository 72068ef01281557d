package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.List;
import org.modelevolution.io.PandasCsv;

/**
 * A small result table with a header, written as CSV ({@link PandasCsv} quoting, {@code \n} line ends,
 * UTF-8) in one atomic write. Rows keep the order they were added in; callers add them in a
 * deterministic order so that equal inputs give byte-identical files.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public CsvTable(String... header) {
    this.header = List.of(header);
  }

  public CsvTable add(Object... values) {
    if (values.length != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " values, got " + values.length);
    }
    List<String> row = new ArrayList<>();
    for (Object value : values) {
      row.add(value == null ? "" : String.valueOf(value));
    }
    rows.add(row);
    return this;
  }

  public List<String> header() {
    return header;
  }

  public List<List<String>> rows() {
    return List.copyOf(rows);
  }

  /** A Tablesaw view (text columns), for display. */
  public tech.tablesaw.api.Table toTable(String name) {
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create(name);
    for (int c = 0; c < header.size(); c++) {
      tech.tablesaw.api.StringColumn column = tech.tablesaw.api.StringColumn.create(header.get(c));
      for (List<String> row : rows) {
        column.append(row.get(c));
      }
      table.addColumns(column);
    }
    return table;
  }

  /** The table as CSV, quoted as pandas' {@code to_csv} quotes. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder();
    csv.append(PandasCsv.line(header));
    rows.forEach(row -> csv.append(PandasCsv.line(row)));
    return csv.toString();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.join(" | ", header));
    rows.forEach(row -> text.append('\n').append(String.join(" | ", row)));
    return text.toString();
  }
}
