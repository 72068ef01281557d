package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What an analysis step produced: its comparisons with the published numbers, the input files it
 * read (for provenance: {@code io.Provenance} records their SHA-256), and the tables and figures
 * (PNG and SVG) it wrote.
 */
public record AnalysisResult(List<Comparison> comparisons, List<Path> inputs, List<Path> tables, List<Path> figures) {
  public AnalysisResult {
    comparisons = List.copyOf(comparisons);
    inputs = inputs.stream().sorted().distinct().toList();
    tables = List.copyOf(tables);
    figures = List.copyOf(figures);
  }

  /** Number of comparisons with the given status. */
  public long count(Comparison.Status status) {
    return comparisons.stream().filter(c -> c.status() == status).count();
  }

  /** The comparisons with one published file as a printable table (metric, published, recomputed, status, note). */
  public CsvTable comparisonTable(String publishedFile) {
    CsvTable table = new CsvTable("metric", "published", "recomputed", "status", "note");
    comparisons.stream().filter(c -> c.publishedFile().equals(publishedFile))
        .forEach(c -> table.add(c.metric(), c.published(), c.recomputed(), c.status(), c.note()));
    return table;
  }

  @Override
  public String toString() {
    return String.format("%d comparisons (%d MATCH, %d DIFFERS, %d NOT_RECOMPUTABLE), %d tables, %d figures",
        comparisons.size(), count(Comparison.Status.MATCH), count(Comparison.Status.DIFFERS),
        count(Comparison.Status.NOT_RECOMPUTABLE), tables.size(), figures.size());
  }
}
