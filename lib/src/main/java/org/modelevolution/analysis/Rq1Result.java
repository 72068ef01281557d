package org.modelevolution.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.Group;

/**
 * RQ1: when safetensors was adopted, and how much of it came from Hugging Face's converter.
 *
 * @param groups the result of each group the data hold additions for
 * @param iteration2024 the 2024 iteration's {@code rq1_dataset_stats.csv} rows, when its files are present
 * @param numbers every published RQ1 number, recomputed or with what it needs
 * @param checks consistency checks on the RQ1 inputs
 */
public record Rq1Result(Map<Group, Rq1Group> groups, Optional<MetricsTable> iteration2024,
    List<Recomputed> numbers, List<Check> checks) {

  public Rq1Result {
    groups = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groups));
    numbers = List.copyOf(numbers);
    checks = List.copyOf(checks);
  }

  public Optional<Rq1Group> group(Group group) {
    return Optional.ofNullable(groups.get(group));
  }
}
