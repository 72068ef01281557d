package org.modelevolution.mining;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded samples that do not depend on input order: a uniform sample, and a sample spread as
 * evenly as possible over creation months (each month gets an equal share; a month with too few
 * items gives its unused share to the others), as the study did for its recent group.
 */
final class StratifiedSample {
  private StratifiedSample() {}

  static <T> List<T> uniform(List<T> items, int n, long seed, Function<T, String> key) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(key));
    if (n >= sorted.size()) {
      return sorted;
    }
    java.util.Collections.shuffle(sorted, new Random(seed));
    List<T> sample = new ArrayList<>(sorted.subList(0, n));
    sample.sort(Comparator.comparing(key));
    return sample;
  }

  static <T> List<T> byMonth(List<T> items, int n, long seed, Function<T, YearMonth> month,
      Function<T, String> key) {
    Map<YearMonth, List<T>> strata = new TreeMap<>();
    for (T item : items) {
      strata.computeIfAbsent(month.apply(item), m -> new ArrayList<>()).add(item);
    }
    Map<YearMonth, Integer> quota = new TreeMap<>();
    strata.keySet().forEach(m -> quota.put(m, 0));
    int left = Math.min(n, items.size());
    // Water-filling: hand out one unit per month round by round, skipping full months.
    while (left > 0) {
      for (Map.Entry<YearMonth, List<T>> stratum : strata.entrySet()) {
        if (left == 0) {
          break;
        }
        int q = quota.get(stratum.getKey());
        if (q < stratum.getValue().size()) {
          quota.put(stratum.getKey(), q + 1);
          left--;
        }
      }
    }
    List<T> sample = new ArrayList<>();
    for (Map.Entry<YearMonth, List<T>> stratum : strata.entrySet()) {
      long monthSeed = seed * 1_000_003L + stratum.getKey().getYear() * 12L + stratum.getKey().getMonthValue();
      sample.addAll(uniform(stratum.getValue(), quota.get(stratum.getKey()), monthSeed, key));
    }
    sample.sort(Comparator.comparing(key));
    return sample;
  }
}
