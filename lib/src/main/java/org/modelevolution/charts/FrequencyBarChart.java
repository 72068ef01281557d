package org.modelevolution.charts;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A bar chart of counts per category (e.g. posts per code), bars in the given order. */
public final class FrequencyBarChart {
  private FrequencyBarChart() {}

  /** Saves {@code baseName.png} and {@code .svg}; returns both paths. */
  public static List<Path> save(String title, String xTitle, String yTitle, Map<String, Long> counts, Path directory,
      String baseName) {
    CategoryChart chart = new CategoryChartBuilder().width(1300).height(700).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("0");
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setSeriesColors(new Color[] {new Color(0x1F77B4)});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> names = new ArrayList<>(counts.keySet());
    List<Long> values = new ArrayList<>(counts.values());
    if (names.isEmpty()) {
      names.add("(none)");
      values.add(0L);
    }
    chart.addSeries(yTitle, names, values);
    return ChartFiles.save(chart, directory, baseName);
  }
}
