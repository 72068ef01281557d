package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Counts of PR status labels per row (a year, or "All years") and their percentages, the data
 * behind the study's stacked {@code RQ3StatusDistribution} bars. Labels are ordered alphabetically
 * (closed, closed (has conflicts), merged, open, open (has conflicts)), as pandas orders them.
 */
public final class StatusDistribution {
  /** The row label of the all-years bar. */
  public static final String ALL_YEARS = "All years";
  /** The five labels of the final analysis, always present as columns. */
  public static final List<String> STUDY_LABELS =
      List.of("closed", "closed (has conflicts)", "merged", "open", "open (has conflicts)");

  private final Map<String, Map<String, Long>> counts;
  private final List<String> labels;

  private StatusDistribution(Map<String, Map<String, Long>> counts, List<String> labels) {
    this.counts = counts;
    this.labels = labels;
  }

  /** Per-year rows (ascending) and an {@link #ALL_YEARS} row for {@code items}. */
  public static <T> StatusDistribution of(Collection<T> items, Function<T, Integer> year, Function<T, String> label) {
    // counted in hash maps (a PR table has hundreds of thousands of items, and a handful of years and labels),
    // then sorted once
    Map<Integer, LabelCounts> perYear = new HashMap<>();
    Integer lastYear = null;
    LabelCounts last = null;
    for (T item : items) {
      String l = java.util.Objects.requireNonNull(label.apply(item), "label");
      Integer y = java.util.Objects.requireNonNull(year.apply(item), "year");
      if (!y.equals(lastYear)) {
        lastYear = y;
        last = perYear.computeIfAbsent(y, k -> new LabelCounts());
      }
      last.add(l);
    }
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    Map<String, Long> all = new TreeMap<>();
    TreeSet<String> labels = new TreeSet<>(STUDY_LABELS);
    new TreeMap<>(perYear).forEach((y, perLabel) -> {
      Map<String, Long> c = new TreeMap<>();
      for (int i = 0; i < perLabel.size; i++) {
        String l = perLabel.labels[i];
        c.put(l, perLabel.counts[i]);
        all.merge(l, perLabel.counts[i], Long::sum);
        labels.add(l);
      }
      counts.put(String.valueOf(y), c);
    });
    counts.put(ALL_YEARS, all);
    return new StatusDistribution(counts, List.copyOf(labels));
  }

  /** Counts per label, for the handful of labels a year has: a linear search beats hashing each item's label. */
  private static final class LabelCounts {
    String[] labels = new String[8];
    long[] counts = new long[8];
    int size;

    void add(String label) {
      for (int i = 0; i < size; i++) {
        if (labels[i] == label || labels[i].equals(label)) {
          counts[i]++;
          return;
        }
      }
      if (size == labels.length) {
        labels = java.util.Arrays.copyOf(labels, size * 2);
        counts = java.util.Arrays.copyOf(counts, size * 2);
      }
      labels[size] = label;
      counts[size++] = 1;
    }
  }

  public List<String> rows() {
    return List.copyOf(counts.keySet());
  }

  public List<String> labels() {
    return labels;
  }

  public long count(String row, String label) {
    return counts.getOrDefault(row, Map.of()).getOrDefault(label, 0L);
  }

  public long total(String row) {
    return counts.getOrDefault(row, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Percentage of {@code label} in {@code row}; 0 for an empty row (the study's bars show 0.0). */
  public double percent(String row, String label) {
    long total = total(row);
    return total == 0 ? 0 : PythonFormat.percent(count(row, label), total);
  }

  /** The percentages of every label for each row, row-major, as the stacked chart needs them. */
  public Map<String, List<Double>> percentSeries() {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String label : labels) {
      List<Double> values = new ArrayList<>();
      for (String row : counts.keySet()) {
        values.add(percent(row, label));
      }
      series.put(label, Collections.unmodifiableList(values));
    }
    return series;
  }

  /** One row per bar: its PRs, then each label's count and share (one decimal, as the study printed it). */
  public tech.tablesaw.api.Table toTable(String name) {
    tech.tablesaw.api.StringColumn row = tech.tablesaw.api.StringColumn.create("row");
    tech.tablesaw.api.LongColumn prs = tech.tablesaw.api.LongColumn.create("PRs");
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create(name, row, prs);
    for (String label : labels) {
      table.addColumns(tech.tablesaw.api.LongColumn.create(label), tech.tablesaw.api.StringColumn.create(label + " %"));
    }
    for (String r : counts.keySet()) {
      row.append(r);
      prs.append(total(r));
      for (String label : labels) {
        table.longColumn(label).append(count(r, label));
        table.stringColumn(label + " %").append(PythonFormat.fixed(percent(r, label), 1));
      }
    }
    return table;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(String.format("%-10s %8s", "row", "PRs"));
    labels.forEach(l -> text.append(String.format(" %24s", l)));
    for (String row : counts.keySet()) {
      text.append('\n').append(String.format("%-10s %8d", row, total(row)));
      for (String l : labels) {
        text.append(String.format(" %17d %5s%%", count(row, l), PythonFormat.fixed(percent(row, l), 1)));
      }
    }
    return text.toString();
  }
}
