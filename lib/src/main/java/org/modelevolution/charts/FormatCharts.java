package org.modelevolution.charts;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The RQ2 figures: stacked percentage bars of serialization formats per month or per year. */
public final class FormatCharts {
  /** Fixed colours per format, so that a format has the same colour in every figure. */
  private static final Map<String, Color> COLORS = Map.of(
      "ONNX", new Color(0x1f77b4),
      "h5/hdf5", new Color(0xff7f0e),
      "joblib", new Color(0x2ca02c),
      "numpy", new Color(0xd62728),
      "pickle", new Color(0x9467bd),
      "safetensors", new Color(0x8c564b),
      "torch.save", new Color(0xe377c2));

  private FormatCharts() {}

  /**
   * A stacked bar per category (month or year), one segment per format.
   *
   * @param categories x labels in order
   * @param shares format to the percentage per category, in legend order
   */
  public static CategoryChart stackedShares(
      String title, String xTitle, List<String> categories, Map<String, List<Double>> shares) {
    int width = Math.max(900, 40 + categories.size() * 22);
    CategoryChart chart = new CategoryChartBuilder().width(width).height(520).title(title)
        .xAxisTitle(xTitle).yAxisTitle("% of model files").build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 12 ? 90 : 0);
    List<String> x = categories.isEmpty() ? List.of("(no data)") : categories;
    if (shares.isEmpty()) {
      chart.addSeries("none", x, java.util.Collections.nCopies(x.size(), 0.0));
    }
    shares.forEach((format, values) -> chart.addSeries(format, x, values.isEmpty() ? List.of(0.0) : values)
        .setFillColor(COLORS.getOrDefault(format, Color.GRAY)));
    return chart;
  }
}
