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
    CalendarHeatmapChart.draw(FigureFixtures.heatmap()).save(dir, "RQ1Heatmap_demo");
    FormatSharesChart.draw(FigureFixtures.formatShares()).save(dir, "RQ2FormatsRepoCreation_demo");
    YearlyFormatsChart.draw(FigureFixtures.yearlyFormats()).save(dir, "RQ2FormatsYearly_demo");
    StatusBarsChart.draw(FigureFixtures.statusBars()).save(dir, "RQ3StatusDistribution_demo");
    ResponseTimeBoxChart.draw(FigureFixtures.responseTimes()).save(dir, "RQ3TimeToFirstResponse_demo");
    CodeFrequencyChart.draw(FigureFixtures.codes()).save(dir, "RQ4CodeFrequencies_demo");
  }
}
