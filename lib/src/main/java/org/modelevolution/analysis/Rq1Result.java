package org.modelevolution.analysis;

import java.util.Map;
import org.modelevolution.study.Group;
import tech.tablesaw.api.Table;

/**
 * The RQ1 results of one group.
 *
 * @param group legacy, recent or both
 * @param studyStats {@code rq1_dataset_stats_{group}.csv} as the study's code computes it, quirks included
 * @param statedStats the same metrics by the method as the paper states it
 * @param adoptionsByDay per elapsed day since 2022-09-22: added safetensors files, commits, converter and developer commits
 * @param fastestAdopters repositories by their first safetensors addition, fastest first (ties by repository id)
 * @param adoptionSummary further RQ1 figures (80% of adoptions, busiest day), each labelled with its method
 * @param notRecomputable metrics of the study's table that the data at hand cannot give, with the reason
 */
public record Rq1Result(
    Group group,
    MetricsTable studyStats,
    MetricsTable statedStats,
    Table adoptionsByDay,
    Table fastestAdopters,
    MetricsTable adoptionSummary,
    Map<String, String> notRecomputable) {

  @Override
  public String toString() {
    return "RQ1 " + group.fileSuffix() + " (study's behaviour)\n" + studyStats;
  }
}
