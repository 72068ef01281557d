package org.modelevolution.analysis;

import org.modelevolution.study.Group;

/**
 * The RQ2 results of one group, from the full inputs.
 *
 * @param group legacy, recent or both
 * @param repoCreation share of the first-added format by repository creation month
 * @param yearlyStudy yearly shares as the study's code computes them (its last-commit-of-the-year
 *     filter keeps every row, so every model-file row of every commit of the year counts)
 * @param yearlyStated yearly shares by the stated method: each repository's last commit of the
 *     year, carried forward to years without commits
 */
public record Rq2Group(Group group, FormatShares repoCreation, FormatShares yearlyStudy, FormatShares yearlyStated,
    MetricsTable notebookOutputs) {

  @Override
  public String toString() {
    return "RQ2 " + group.fileSuffix() + "\nby creation month:\n" + repoCreation + "\nyearly (study's behaviour):\n"
        + yearlyStudy + "\nyearly (stated method):\n" + yearlyStated;
  }
}
