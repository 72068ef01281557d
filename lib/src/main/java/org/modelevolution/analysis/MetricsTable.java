package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.io.PandasCsv;

/**
 * An ordered list of {@code metric,value} rows, the layout of the study's statistics files
 * ({@code rq1_dataset_stats_legacy.csv}, {@code rq3_dataset_stats.csv}): no header, one metric per
 * line, in the order the study computed them. Values are kept as the exact text to write, so
 * that formatting quirks of the study (e.g. {@code 17773.0}) are reproduced on purpose.
 */
public final class MetricsTable {
  private final Map<String, String> rows = new LinkedHashMap<>();

  /** Adds or replaces a metric; a replaced metric keeps its original position. */
  public MetricsTable put(String metric, Object value) {
    rows.put(metric, String.valueOf(value));
    return this;
  }

  public Optional<String> get(String metric) {
    return Optional.ofNullable(rows.get(metric));
  }

  public Map<String, String> rows() {
    return Collections.unmodifiableMap(rows);
  }

  /** The table as CSV without a header, fields quoted the way pandas' {@code to_csv} does ({@link PandasCsv}). */
  public String toCsv() {
    StringBuilder csv = new StringBuilder();
    rows.forEach((metric, value) -> csv.append(PandasCsv.line(metric, value)));
    return csv.toString();
  }

  /** The rows as a two-column Tablesaw table, for reading: a study expression is said in words (see {@link StudyExpressions}). */
  public tech.tablesaw.api.Table toTable(String name) {
    tech.tablesaw.api.StringColumn metric = tech.tablesaw.api.StringColumn.create("metric");
    tech.tablesaw.api.StringColumn value = tech.tablesaw.api.StringColumn.create("value");
    rows.forEach((m, v) -> {
      metric.append(StudyExpressions.inWords(m));
      value.append(v);
    });
    return tech.tablesaw.api.Table.create(name, metric, value);
  }

  /** A table of published {@code metric,value} rows. */
  public static MetricsTable of(List<List<String>> records) {
    MetricsTable table = new MetricsTable();
    for (List<String> record : records) {
      if (record.size() >= 2) {
        table.put(record.get(0), record.get(1));
      }
    }
    return table;
  }

  @Override
  public String toString() {
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    rows.forEach((metric, value) -> lines.add(String.format("%-" + width + "s  %s", metric, value)));
    return String.join("\n", lines);
  }
}
