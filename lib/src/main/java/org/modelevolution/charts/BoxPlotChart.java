package org.modelevolution.charts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.style.BoxStyler;

/** Box plots of several groups side by side (e.g. time to first response per PR status). */
public final class BoxPlotChart {
  private BoxPlotChart() {}

  /**
   * Draws one box per group (groups without values are left out, XChart cannot draw them) and
   * saves {@code baseName.png} and {@code .svg}.
   *
   * @return the PNG and SVG paths
   */
  public static List<Path> save(String title, String yTitle, Map<String, List<Double>> groups, Path directory,
      String baseName) {
    return save(title, yTitle, groups, directory, baseName, false);
  }

  /**
   * Like {@link #save(String, String, Map, Path, String)}, optionally on a logarithmic value axis
   * (for heavy-tailed values; values must then be positive).
   */
  public static List<Path> save(String title, String yTitle, Map<String, List<Double>> groups, Path directory,
      String baseName, boolean logarithmic) {
    BoxChart chart = new BoxChartBuilder().width(1000).height(600).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    ChartFiles.applyStyle(chart.getStyler());
    // Linear interpolation between order statistics, as pandas' and numpy's default quantiles.
    chart.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
    chart.getStyler().setDecimalPattern("0.###");
    groups.forEach((name, values) -> {
      if (!values.isEmpty()) {
        chart.addSeries(name + " (n=" + values.size() + ")", values);
      }
    });
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no data", List.of(0.0));
    }
    return ChartFiles.save(chart, directory, baseName);
  }
}
