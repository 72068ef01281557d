package org.modelevolution.charts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Renders every figure kind from the fixtures into a directory (default /tmp/figure-demo) to look at. */
public final class FigureDemo {
  private FigureDemo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/figure-demo");
    Files.createDirectories(dir);
    DailyAdditionsChart.draw(FigureFixtures.dailyAdditions(true)).save(dir, "RQ1CommitsDistribution_demo");
    DailyAdditionsChart.draw(FigureFixtures.dailyAdditions(false)).save(dir, "RQ1CommitsDistribution_demo_recent");
    // The real release markers (facts about the safetensors repository) over the fixture counts.
    java.util.List<ReleaseMarker> releases = new java.util.ArrayList<>();
    java.time.LocalDate reference = java.time.LocalDate.of(2022, 9, 22);
    for (String line : Files.readAllLines(Path.of(args.length > 1 ? args[1] : "data/safetensors-releases.csv"))
        .subList(1, Files.readAllLines(Path.of(args.length > 1 ? args[1] : "data/safetensors-releases.csv")).size())) {
      String[] f = line.split(",", 3);
      releases.add(new ReleaseMarker(f[0],
          java.time.temporal.ChronoUnit.DAYS.between(reference, java.time.LocalDate.parse(f[1]))));
    }
    DailyAdditionsChart.Input fixture = FigureFixtures.dailyAdditions(true);
    DailyAdditionsChart.draw(new DailyAdditionsChart.Input(fixture.title(), fixture.xAxisTitle(), fixture.yAxisTitle(),
        fixture.converter(), fixture.developer(), releases, fixture.basis(), fixture.notes()))
        .save(dir, "RQ1CommitsDistribution_demo_real_releases");
    StatusBarsChart.Input bars = FigureFixtures.statusBars();
    java.util.List<String> staffStatuses = java.util.List.of("closed", "closed (has conflicts)", "merged");
    StatusBarsChart.draw(new StatusBarsChart.Input("Distribution of Pull Request Status by Hugging Face Staff (fixture)",
        bars.yAxisTitle(), bars.xAxisTitle(), staffStatuses, java.util.List.of(
            new StatusBarsChart.Bar("All years", java.util.Map.of("closed", 17L, "closed (has conflicts)", 11L,
                "merged", 373L), null),
            new StatusBarsChart.Bar("2024", java.util.Map.of("closed", 2L, "closed (has conflicts)", 2L,
                "merged", 88L), null),
            new StatusBarsChart.Bar("2023", java.util.Map.of("closed", 14L, "closed (has conflicts)", 9L,
                "merged", 280L), null),
            new StatusBarsChart.Bar("2022", java.util.Map.of("closed", 1L, "merged", 5L), null)), 1,
        bars.basis(), bars.notes())).save(dir, "RQ3StatusDistribution-Hugging Face Staff_demo");
    CalendarHeatmapChart.draw(FigureFixtures.heatmap()).save(dir, "RQ1Heatmap_demo");
    FormatSharesChart.draw(FigureFixtures.formatShares()).save(dir, "RQ2FormatsRepoCreation_demo");
    YearlyFormatsChart.draw(FigureFixtures.yearlyFormats()).save(dir, "RQ2FormatsYearly_demo");
    StatusBarsChart.draw(FigureFixtures.statusBars()).save(dir, "RQ3StatusDistribution_demo");
    ResponseTimeBoxChart.draw(FigureFixtures.responseTimes()).save(dir, "RQ3TimeToFirstResponse_demo");
    CodeFrequencyChart.draw(FigureFixtures.codes()).save(dir, "RQ4CodeFrequencies_demo");
  }
}
