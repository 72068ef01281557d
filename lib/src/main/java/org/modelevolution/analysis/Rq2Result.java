package org.modelevolution.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.Group;

/**
 * RQ2: how the mix of serialization formats evolved.
 *
 * @param groups the result of each group with the full inputs (none on the study's published data)
 * @param numbers every published RQ2 number, recomputed or with what it needs
 * @param checks consistency checks on the published RQ2 tables
 */
public record Rq2Result(Map<Group, Rq2Group> groups, List<Recomputed> numbers, List<Check> checks) {
  public Rq2Result {
    groups = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groups));
    numbers = List.copyOf(numbers);
    checks = List.copyOf(checks);
  }

  public Optional<Rq2Group> group(Group group) {
    return Optional.ofNullable(groups.get(group));
  }
}
