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

  static final List<String> FORMATS =
      List.of("ONNX", "h5/hdf5", "joblib", "numpy", "pickle", "safetensors", "torch.save");

  static FormatSharesChart.Input formatShares() {
    List<FormatSharesChart.Month> months = new java.util.ArrayList<>();
    java.time.YearMonth m = java.time.YearMonth.of(2021, 2);
    for (int i = 0; i < 40; i++) {
      if (i == 5 || i == 6) {
        m = m.plusMonths(1);
        continue; // months without repositories: a gap in time, not a dropped category
      }
      double safetensors = Math.min(90, i * 2.5);
      java.util.Map<String, Double> shares = new java.util.LinkedHashMap<>();
      shares.put("safetensors", safetensors);
      shares.put("ONNX", (100 - safetensors) * 0.1);
      shares.put("torch.save", (100 - safetensors) * 0.9);
      months.add(new FormatSharesChart.Month(m, i == 3 ? 1 : 5L + i * 7L, shares));
      m = m.plusMonths(1);
    }
    return new FormatSharesChart.Input(
        "Serialization Formats Adoption by Repository Creation Date (Fixture Repositories)", FORMATS, months,
        "SYNTHETIC fixture", List.of());
  }

  static YearlyFormatsChart.Input yearlyFormats() {
    List<YearlyFormatsChart.Year> years = new java.util.ArrayList<>();
    for (int y = 2019; y <= 2024; y++) {
      double s = (y - 2019) * 12.0;
      years.add(new YearlyFormatsChart.Year(y, 100L * (y - 2017),
          java.util.Map.of("safetensors", s, "pickle", 10.0, "ONNX", 12.0, "torch.save", 78.0 - s)));
    }
    return new YearlyFormatsChart.Input("Yearly Serialization Format Distribution (Fixture Repositories)",
        FORMATS, years, "SYNTHETIC fixture", List.of());
  }

  static final List<String> STATUSES =
      List.of("closed", "closed (has conflicts)", "merged", "open", "open (has conflicts)");

  static StatusBarsChart.Input statusBars() {
    java.util.function.Function<long[], java.util.Map<String, Long>> counts = c -> {
      java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < STATUSES.size(); i++) {
        m.put(STATUSES.get(i), c[i]);
      }
      return m;
    };
    return new StatusBarsChart.Input("Distribution of Pull Request Status (fixture PRs)", "PR Creation Year",
        "% of PRs", STATUSES, List.of(
            new StatusBarsChart.Bar("2022", counts.apply(new long[] {62, 25, 679, 185, 49}), null),
            new StatusBarsChart.Bar("2023", counts.apply(new long[] {11, 4, 127, 847, 10}), "January–April only"),
            new StatusBarsChart.Bar("2024", counts.apply(new long[] {6, 2, 306, 683, 0}), null),
            new StatusBarsChart.Bar("All years", counts.apply(new long[] {79, 31, 1112, 1715, 59}), null),
            new StatusBarsChart.Bar("All years (HF Staff)", counts.apply(new long[] {42, 27, 930, 0, 0}), null),
            new StatusBarsChart.Bar("All years (Non-HF Staff)", counts.apply(new long[] {37, 4, 182, 1715, 59}),
                null)),
        3, "SYNTHETIC fixture", List.of());
  }

  static ResponseTimeBoxChart.Input responseTimes() {
    java.util.Random random = new java.util.Random(7);
    List<ResponseTimeBoxChart.Box> boxes = new java.util.ArrayList<>();
    String[] statuses = {"merged", "open", "closed", "closed (has conflicts)", "open (has conflicts)"};
    int[] sizes = {300, 12, 80, 40, 0};
    for (int s = 0; s < statuses.length; s++) {
      double[] v = new double[sizes[s]];
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.exp(random.nextGaussian() * 2.5 + 6 + s);
      }
      boxes.add(ResponseTimeBoxChart.Box.tukey(statuses[s], v));
    }
    return new ResponseTimeBoxChart.Input("Time to First Response by PR Status", "PR Status",
        "Time to First Response (hours)", boxes, "SYNTHETIC fixture",
        List.of("As in the study: the values are minutes although the axis says hours."));
  }

  static CodeFrequencyChart.Input codes() {
    return new CodeFrequencyChart.Input("Code frequencies (fixture coding)", "posts", List.of(
        new CodeFrequencyChart.Item("Error Installing/Downloading/Handling Package that Includes Safetensor library", 20),
        new CodeFrequencyChart.Item("Error Loading Safetensors Model", 19),
        new CodeFrequencyChart.Item(
            "Indirectly Referenced in Context of Error/Problem (Part of User's Environment)", 16),
        new CodeFrequencyChart.Item("Model Formats", 8),
        new CodeFrequencyChart.Item("loading LoRA .safetensors", 2),
        new CodeFrequencyChart.Item("Comment was the True Positive", 1)),
        "SYNTHETIC fixture", List.of());
  }
}
