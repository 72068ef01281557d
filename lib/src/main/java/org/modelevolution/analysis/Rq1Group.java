package org.modelevolution.analysis;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.Group;
import tech.tablesaw.api.Table;

/**
 * The RQ1 results of one group.
 *
 * @param group legacy, recent or both
 * @param developerAdditionsKnown false when only the converter's additions are at hand
 * @param studyStats {@code rq1_dataset_stats_{group}.csv} as the study's code computes it, quirks included
 *     (rows the data at hand do not determine are absent)
 * @param statedStats the same metrics by the method as the study states it (its notebooks' markdown, its rows' names)
 * @param notebookOutputs the numbers the study's {@code rq1_analysis.ipynb} printed, computed its way
 *     (first and last adoption, the ten fastest adopters, the first adoption, its "80%" figure)
 * @param adoptionsByDay per elapsed day since 2022-09-22: added safetensors files, commits, converter and
 *     developer commits and files
 * @param fastestAdopters repositories by their first safetensors addition, fastest first (ties by id)
 * @param adoptionSummary further RQ1 figures by stated readings (80th percentile, busiest day), each labelled
 * @param filesPerDay added safetensors files per calendar day (the heat map's cells)
 */
public record Rq1Group(
    Group group,
    boolean developerAdditionsKnown,
    MetricsTable studyStats,
    MetricsTable statedStats,
    MetricsTable notebookOutputs,
    Table adoptionsByDay,
    Table fastestAdopters,
    MetricsTable adoptionSummary,
    Map<LocalDate, Integer> filesPerDay) {

  public Rq1Group {
    filesPerDay = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(filesPerDay));
  }

  /** The busiest day and its file count, when there are additions. */
  public Optional<Map.Entry<LocalDate, Integer>> busiestDay() {
    return filesPerDay.entrySet().stream().max(Map.Entry.<LocalDate, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())));
  }

  @Override
  public String toString() {
    return "RQ1 " + group.fileSuffix() + " (study's behaviour)\n" + studyStats;
  }
}
