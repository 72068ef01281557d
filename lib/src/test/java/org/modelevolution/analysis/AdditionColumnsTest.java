package org.modelevolution.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.modelevolution.analysis.AdditionColumns.Rows;
import org.modelevolution.study.SafetensorsAddition;

/**
 * RQ1's column counts against the definitions they stand for, computed the plain way over the
 * rows (concatenated commit keys, maps of days): on random groups with repeated commits, commits
 * whose rows fall on several days or mix converter and developer rows, ties between days, and days
 * spread over centuries (the sparse path of the day slots).
 */
class AdditionColumnsTest {
  private static final LocalDate REFERENCE = LocalDate.of(2022, 9, 22);

  @Test
  void countsEqualTheirDefinitionsOnRandomGroups() {
    Random random = new Random(24);
    for (int round = 0; round < 300; round++) {
      List<SafetensorsAddition> rows = randomRows(random, round % 3 == 0);
      AdditionColumns columns = AdditionColumns.of(rows, REFERENCE);
      for (Rows which : Rows.values()) {
        Predicate<SafetensorsAddition> in = a -> which.includes(a.byConverter());
        List<SafetensorsAddition> subset = rows.stream().filter(in).toList();
        assertEquals(subset.stream().map(a -> a.repo() + '\u0000' + a.commit()).distinct().count(),
            columns.commits(which), "commits " + which);
        assertEquals(subset.stream().map(SafetensorsAddition::repo).distinct().count(), columns.repos(which));
        if (subset.isEmpty()) {
          continue;
        }
        assertEquals(subset.stream().mapToLong(a -> a.elapsedDays(REFERENCE)).min().orElseThrow(),
            columns.minElapsedDays(which));
        assertEquals(busiestByFileRows(subset), columns.busiestDayByFileRows(which), "busiest by rows " + which);
        assertEquals(busiestByCommits(subset), columns.busiestDayByCommits(which), "busiest by commits " + which);
        assertEquals(sortedCommitDays(subset), toList(columns.sortedCommitDays(which)));
      }
      assertEquals(adoptionsByDay(rows), asLists(columns.adoptionsByDay()));
      Map<LocalDate, Integer> perDay = new TreeMap<>();
      rows.forEach(a -> perDay.merge(a.date().toLocalDate(), 1, Integer::sum));
      assertEquals(perDay, columns.filesPerDay());
    }
  }

  private static List<SafetensorsAddition> randomRows(Random random, boolean sparse) {
    List<SafetensorsAddition> rows = new ArrayList<>();
    int n = random.nextInt(60);
    long base = LocalDateTime.of(2022, 9, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      String repo = "owner/model-" + random.nextInt(6);
      String commit = Integer.toHexString(random.nextInt(10));
      long seconds = sparse && random.nextInt(4) == 0
          ? base + (random.nextInt(200_000) - 100_000) * 86_400L * (1 + random.nextInt(3))
          : base + random.nextInt(20) * 86_400L + random.nextInt(86_400);
      rows.add(new SafetensorsAddition(repo, commit, seconds, random.nextInt(3) == 0));
    }
    return rows;
  }

  private static LocalDate busiestByFileRows(List<SafetensorsAddition> rows) {
    Map<Long, Integer> counts = new TreeMap<>();
    rows.forEach(a -> counts.merge(a.elapsedDays(REFERENCE), 1, Integer::sum));
    long day = counts.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
    return rows.stream().filter(a -> a.elapsedDays(REFERENCE) == day).findFirst().orElseThrow().date().toLocalDate();
  }

  private static LocalDate busiestByCommits(List<SafetensorsAddition> rows) {
    Map<LocalDate, Set<String>> perDay = new TreeMap<>();
    rows.forEach(a -> perDay.computeIfAbsent(a.date().toLocalDate(), d -> new HashSet<>()).add(a.commitKey()));
    return perDay.entrySet().stream()
        .max(Comparator.<Map.Entry<LocalDate, Set<String>>>comparingInt(e -> e.getValue().size())
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow().getKey();
  }

  private static List<Long> sortedCommitDays(List<SafetensorsAddition> rows) {
    Map<String, Long> commitDay = new HashMap<>();
    rows.forEach(a -> commitDay.merge(a.commitKey(), a.elapsedDays(REFERENCE), Math::min));
    return commitDay.values().stream().sorted().toList();
  }

  private static Map<Long, List<Long>> adoptionsByDay(List<SafetensorsAddition> rows) {
    TreeMap<Long, long[]> days = new TreeMap<>();
    Map<Long, Set<String>> seen = new HashMap<>();
    for (SafetensorsAddition a : rows) {
      long day = a.elapsedDays(REFERENCE);
      long[] counts = days.computeIfAbsent(day, d -> new long[6]);
      counts[0]++;
      counts[a.byConverter() ? 4 : 5]++;
      if (seen.computeIfAbsent(day, d -> new HashSet<>()).add(a.commitKey())) {
        counts[1]++;
        counts[a.byConverter() ? 2 : 3]++;
      }
    }
    return asLists(days);
  }

  private static Map<Long, List<Long>> asLists(TreeMap<Long, long[]> days) {
    Map<Long, List<Long>> lists = new TreeMap<>();
    days.forEach((day, counts) -> lists.put(day, toList(counts)));
    return lists;
  }

  private static List<Long> toList(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
