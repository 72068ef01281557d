package org.modelevolution.charts;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A 100 % stacked bar chart: one bar per row (e.g. a year), one stacked segment per series (e.g.
 * a PR status), each segment labelled with its percentage to one decimal, like the study's
 * {@code RQ3StatusDistribution} figures.
 */
public final class StackedPercentBarChart {
  /** Fixed colours, in series order, so a status keeps its colour across figures. */
  private static final Color[] PALETTE = {
    new Color(0xD62728), new Color(0xFF9896), new Color(0x2CA02C), new Color(0x1F77B4), new Color(0xAEC7E8),
    new Color(0x9467BD), new Color(0x8C564B), new Color(0x7F7F7F)
  };

  private StackedPercentBarChart() {}

  /**
   * Draws and saves the chart as {@code baseName.png} and {@code .svg} in {@code directory}.
   *
   * @param rows the bar labels, left to right
   * @param series segment name to one percentage per row, stacked in map order
   * @return the PNG and SVG paths
   */
  public static List<Path> save(String title, String xTitle, List<String> rows, Map<String, List<Double>> series,
      Path directory, String baseName) {
    CategoryChart chart = new CategoryChartBuilder().width(1300).height(600).title(title)
        .xAxisTitle(xTitle).yAxisTitle("PRs (%)").build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("0.0");
    chart.getStyler().setLabelsFontColorAutomaticEnabled(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setSeriesColors(PALETTE);
    chart.getStyler().setLabelsFont(new java.awt.Font(ChartFiles.FONT_FAMILY, java.awt.Font.PLAIN, 10));
    series.forEach((name, values) -> chart.addSeries(name, rows, values));
    return ChartFiles.save(chart, directory, baseName);
  }
}
