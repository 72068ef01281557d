package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modelevolution.io.PandasCsv;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Percentages of model files per format for each key (a month or a year), the layout of the
 * study's {@code RQ2Formats*.csv} tables: the key column, then one column per format in
 * code-point order (as pandas sorts them), each share computed as {@code count / total * 100}.
 *
 * @param resting what each key's shares rest on, in {@code restingUnit} (e.g. repositories per creation month,
 *     files per year), parallel to {@code keys}; empty when unknown (a published table carries no n)
 * @param restingUnit the unit of {@code resting}, e.g. "repositories" or "files"; empty when unknown
 */
public record FormatShares(String keyColumn, List<String> keys, List<String> formats, double[][] percent,
    List<Long> resting, String restingUnit) {

  public FormatShares {
    resting = List.copyOf(resting);
    if (!resting.isEmpty() && resting.size() != keys.size()) {
      throw new IllegalArgumentException(resting.size() + " resting counts for " + keys.size() + " keys");
    }
  }

  /** Builds shares from counts per key and format; keys with no files are left out; each rests on its files. */
  public static FormatShares fromCounts(String keyColumn, Map<String, Map<String, Long>> counts) {
    return fromCounts(keyColumn, counts, Map.of(), "files");
  }

  /**
   * Builds shares from counts per key and format; keys with no files are left out. A key rests on
   * {@code restingPerKey} (in {@code unit}) when given there, else on its number of files.
   */
  public static FormatShares fromCounts(String keyColumn, Map<String, Map<String, Long>> counts,
      Map<String, Long> restingPerKey, String unit) {
    TreeSet<String> formats = new TreeSet<>();
    counts.values().forEach(c -> c.forEach((f, n) -> {
      if (n > 0) {
        formats.add(f);
      }
    }));
    List<String> formatList = List.copyOf(formats);
    List<String> keys = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<Long> resting = new ArrayList<>();
    new TreeMap<>(counts).forEach((key, perFormat) -> {
      long total = perFormat.values().stream().mapToLong(Long::longValue).sum();
      if (total == 0) {
        return;
      }
      double[] row = new double[formatList.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = PythonFormat.percent(perFormat.getOrDefault(formatList.get(i), 0L), total);
      }
      keys.add(key);
      rows.add(row);
      resting.add(restingPerKey.getOrDefault(key, total));
    });
    return new FormatShares(keyColumn, List.copyOf(keys), formatList, rows.toArray(new double[0][]), resting, unit);
  }

  /** A published table of this layout (header row, then one row per key). */
  public static FormatShares of(List<List<String>> records) {
    List<String> header = records.get(0);
    List<String> keys = new ArrayList<>();
    double[][] values = new double[records.size() - 1][];
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      keys.add(record.get(0));
      values[r - 1] = record.subList(1, record.size()).stream().mapToDouble(Double::parseDouble).toArray();
    }
    return new FormatShares(header.get(0), keys, List.copyOf(header.subList(1, header.size())), values, List.of(),
        "");
  }

  /** The shares of one format across keys, for charts. */
  public Map<String, List<Double>> seriesByFormat() {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int f = 0; f < formats.size(); f++) {
      List<Double> values = new ArrayList<>();
      for (double[] row : percent) {
        values.add(row[f]);
      }
      series.put(formats.get(f), values);
    }
    return series;
  }

  /** The cells of the row for {@code key}, formatted as Python printed them (repr or fixed decimals). */
  public List<String> formattedRow(int index, int decimals) {
    List<String> cells = new ArrayList<>();
    for (double v : percent[index]) {
      cells.add(decimals < 0 ? PythonFormat.repr(v) : String.format(java.util.Locale.ROOT, "%." + decimals + "f", v));
    }
    return cells;
  }

  public double rowSum(int index) {
    double sum = 0;
    for (double v : percent[index]) {
      sum += v;
    }
    return sum;
  }

  /** The table as the study wrote it ({@code to_csv}: Python float repr). */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(keyColumn);
    formats.forEach(f -> csv.append(',').append(PandasCsv.field(f)));
    csv.append('\n');
    for (int r = 0; r < keys.size(); r++) {
      csv.append(keys.get(r));
      formattedRow(r, -1).forEach(c -> csv.append(',').append(c));
      csv.append('\n');
    }
    return csv.toString();
  }

  /** A Tablesaw view, for notebooks. */
  public Table toTable(String name) {
    Table table = Table.create(name, StringColumn.create(keyColumn, keys));
    for (int f = 0; f < formats.size(); f++) {
      double[] column = new double[keys.size()];
      for (int r = 0; r < keys.size(); r++) {
        column[r] = percent[r][f];
      }
      table.addColumns(DoubleColumn.create(formats.get(f), column));
    }
    return table;
  }

  @Override
  public String toString() {
    return toTable(keyColumn).printAll();
  }
}
