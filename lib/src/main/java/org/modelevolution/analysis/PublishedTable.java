package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published {@code metric,value} table of the study, rows kept in order and with duplicates
 * (the 2024 {@code rq1_dataset_stats.csv} holds its block twice), and its comparison with a
 * recomputed table.
 */
public record PublishedTable(String fileName, List<List<String>> rows) {

  public static PublishedTable read(Path file) {
    return new PublishedTable(file.getFileName().toString(), HeaderlessCsv.read(file));
  }

  /**
   * One comparison per published row.
   *
   * @param recomputed the study's behaviour recomputed here
   * @param missing why a metric absent from {@code recomputed} cannot be recomputed
   * @param differenceNote what to say when a value differs (e.g. the inputs are synthetic)
   */
  public List<Comparison> compare(
      String researchQuestion, MetricsTable recomputed, Map<String, String> missing, String differenceNote) {
    List<Comparison> out = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() < 2) {
        continue;
      }
      String metric = row.get(0);
      String published = row.get(1);
      Optional<String> value = recomputed.get(metric);
      if (value.isEmpty()) {
        out.add(new Comparison(researchQuestion, fileName, metric, published, "", Comparison.Status.NOT_RECOMPUTABLE,
            missing.getOrDefault(metric, "not computable from the data at hand")));
      } else if (value.get().equals(published)) {
        out.add(new Comparison(researchQuestion, fileName, metric, published, value.get(), Comparison.Status.MATCH, ""));
      } else {
        out.add(new Comparison(researchQuestion, fileName, metric, published, value.get(), Comparison.Status.DIFFERS,
            differenceNote));
      }
    }
    return out;
  }
}
