package org.modelevolution.study;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The study's treatment of the safetensors tag list before it draws release markers. */
public final class SafetensorsReleases {
  private SafetensorsReleases() {}

  /**
   * Drops {@code rc} tags, keeps one tag per date (preferring the one without the
   * {@code python-} prefix, as the study's sort by tag descending does), strips {@code python-},
   * and orders by date.
   *
   * @param rows {@code [tag, date]} pairs as in {@code safetensors_tags.csv}
   */
  public static List<SafetensorsRelease> asStudyPlotsThem(List<String[]> rows, String source) {
    List<String[]> kept = new ArrayList<>(rows.stream().filter(r -> !r[0].contains("rc")).toList());
    kept.sort(Comparator.<String[], String>comparing(r -> r[1]).thenComparing(r -> r[0], Comparator.reverseOrder()));
    Map<String, String[]> perDate = new LinkedHashMap<>();
    for (String[] row : kept) {
      perDate.putIfAbsent(row[1], row);
    }
    return perDate.values().stream()
        .map(r -> new SafetensorsRelease(r[0].replace("python-", ""), LocalDate.parse(r[1].trim()), source))
        .toList();
  }
}
