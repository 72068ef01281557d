package org.modelevolution.charts;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small made-up inputs for the figure tests and the demo (never study rows). */
final class FigureFixtures {
  private FigureFixtures() {}

  static final List<ReleaseMarker> RELEASES = List.of(
      new ReleaseMarker("v0.0.1", 1), new ReleaseMarker("v0.2.0", 7), new ReleaseMarker("v0.2.1", 8),
      new ReleaseMarker("v0.2.2", 34), new ReleaseMarker("v0.2.3", 35), new ReleaseMarker("v0.2.4", 43),
      new ReleaseMarker("v0.3.0", 162), new ReleaseMarker("v0.4.0", 379), new ReleaseMarker("v0.4.5", 714),
      new ReleaseMarker("v0.9.9", 2000));

  static DailyAdditionsChart.Input dailyAdditions(boolean developerAvailable) {
    SortedMap<Integer, Long> converter = new TreeMap<>();
    SortedMap<Integer, Long> developer = new TreeMap<>();
    for (int day = 40; day <= 830; day += 7) {
      converter.put(day, 1L + (day * 37L % 23));
    }
    converter.put(552, 131L);
    converter.put(42, 72L);
    for (int day = 100; day <= 800; day += 53) {
      developer.put(day, 1L + day % 3);
    }
    return new DailyAdditionsChart.Input(
        "Number of Commits in Fixture Repositories by Days Elapsed Since First Safetensors Release (September 22, 2022)",
        "# Days Elapsed Since September 22, 2022", "# Commits",
        DailyAdditionsChart.Series.of("Commits made by the converter", converter),
        developerAvailable
            ? DailyAdditionsChart.Series.of("Commits not made by the converter", developer)
            : DailyAdditionsChart.Series.unavailable("Commits not made by the converter",
                "the fixture has no developer commits"),
        RELEASES, "SYNTHETIC fixture", List.of());
  }

  static CalendarHeatmapChart.Input heatmap() {
    SortedMap<LocalDate, Long> counts = new TreeMap<>();
    LocalDate day = LocalDate.of(2022, 11, 3);
    for (int i = 0; i < 120; i++) {
      counts.put(day, 1L + (i * 17L % 9));
      day = day.plusDays(1 + (i * 7 % 5));
    }
    counts.put(LocalDate.of(2024, 3, 27), 131L);
    counts.put(LocalDate.of(2023, 2, 7), 46L);
    return new CalendarHeatmapChart.Input("Safetensors files added per day (fixture repositories)", counts,
        List.of(2022, 2023, 2024), LocalDate.of(2022, 9, 22), "Safetensors' first release (2022-09-22)",
        "added safetensors files per day (log scale)", "SYNTHETIC fixture", List.of());
  }
}
