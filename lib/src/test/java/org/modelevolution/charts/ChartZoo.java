package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.BubbleChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.DialChartBuilder;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.OHLCChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.RadarChart;
import org.knowm.xchart.RadarChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.PieStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Varied charts for the encoder tests: every chart class of the project (study width and notebook
 * width) on the fixtures and on fixtures whose texts carry XML-special and non-ASCII characters, and
 * XChart's own chart types with lines, markers, areas, dashes, transparency, curves, logarithmic and
 * date axes and negative, tiny and huge values. Made-up inputs only.
 */
final class ChartZoo {
  /** Text with every character the XML writers escape and some that they write as they are. */
  static final String ODD = "<b>&amp; \"quoted\" 'single' > naïve café – ≥ 中文 ß\u00a0µ\u2028€";

  /** A shorter one for titles, which must fit the figure's width. */
  static final String ODD_SHORT = "<&> \"q\" 'é' 中";

  private ChartZoo() {}

  /** Name and drawing of every chart, each made afresh (painting records state in a figure). */
  static Map<String, Supplier<Chart<?, ?>>> charts() {
    Map<String, Supplier<Chart<?, ?>>> charts = new LinkedHashMap<>();
    figures(charts, "", false);
    figures(charts, "odd ", true);
    charts.put("xchart xy", ChartZoo::xy);
    charts.put("xchart xy log and odd", ChartZoo::xyLog);
    charts.put("xchart xy dates", ChartZoo::xyDates);
    charts.put("xchart category", () -> category(CategorySeries.CategorySeriesRenderStyle.Bar, false));
    charts.put("xchart category stacked", () -> category(CategorySeries.CategorySeriesRenderStyle.Bar, true));
    charts.put("xchart category line", () -> category(CategorySeries.CategorySeriesRenderStyle.Line, false));
    charts.put("xchart category area", () -> category(CategorySeries.CategorySeriesRenderStyle.Area, false));
    charts.put("xchart category stick", () -> category(CategorySeries.CategorySeriesRenderStyle.Stick, false));
    charts.put("xchart pie", () -> pie(PieStyler.LabelType.NameAndPercentage, false));
    charts.put("xchart donut", () -> pie(PieStyler.LabelType.Value, true));
    charts.put("xchart bubble", ChartZoo::bubble);
    charts.put("xchart box", ChartZoo::box);
    charts.put("xchart heat map", ChartZoo::heatMap);
    charts.put("xchart radar", ChartZoo::radar);
    charts.put("xchart dial", ChartZoo::dial);
    charts.put("xchart ohlc", ChartZoo::ohlc);
    return charts;
  }

  private static void figures(Map<String, Supplier<Chart<?, ?>>> charts, String prefix, boolean odd) {
    String t = odd ? " " + ODD_SHORT : "";
    DailyAdditionsChart.Input daily = FigureFixtures.dailyAdditions(true);
    DailyAdditionsChart.Input dailyInput = new DailyAdditionsChart.Input(daily.title() + t, daily.xAxisTitle() + t,
        daily.yAxisTitle(), daily.converter(), daily.developer(),
        odd ? List.of(new ReleaseMarker("v0.1 <rc> & \"x\"", 3), new ReleaseMarker("v0.2 ü", 400)) : daily.releases(),
        daily.basis() + t, odd ? List.of("note " + ODD) : daily.notes());
    charts.put(prefix + "daily additions", () -> DailyAdditionsChart.draw(dailyInput));
    charts.put(prefix + "daily additions, notebook width", () -> DailyAdditionsChart.draw(dailyInput).notebookWidth());
    charts.put(prefix + "daily additions, converter only",
        () -> DailyAdditionsChart.draw(FigureFixtures.dailyAdditions(false)));
    CalendarHeatmapChart.Input heat = FigureFixtures.heatmap();
    CalendarHeatmapChart.Input heatInput = new CalendarHeatmapChart.Input(heat.title() + t, heat.countsByDay(),
        heat.years(), heat.markedDay(), heat.markedLabel() + t, heat.colourBarTitle(), heat.basis() + t,
        heat.notes());
    charts.put(prefix + "calendar heat map", () -> CalendarHeatmapChart.draw(heatInput));
    charts.put(prefix + "calendar heat map, notebook width", () -> CalendarHeatmapChart.draw(heatInput).notebookWidth());
    FormatSharesChart.Input shares = FigureFixtures.formatShares();
    FormatSharesChart.Input sharesInput = new FormatSharesChart.Input(shares.title() + t, shares.formats(),
        shares.months(), shares.basis() + t, shares.notes());
    charts.put(prefix + "format shares", () -> FormatSharesChart.draw(sharesInput));
    charts.put(prefix + "format shares, notebook width", () -> FormatSharesChart.draw(sharesInput).notebookWidth());
    YearlyFormatsChart.Input yearly = FigureFixtures.yearlyFormats();
    charts.put(prefix + "yearly formats", () -> YearlyFormatsChart.draw(new YearlyFormatsChart.Input(
        yearly.title() + t, yearly.formats(), yearly.years(), yearly.basis() + t, yearly.notes())));
    StatusBarsChart.Input bars = FigureFixtures.statusBars();
    StatusBarsChart.Input barsInput = new StatusBarsChart.Input(bars.title() + t, bars.yAxisTitle(),
        bars.xAxisTitle() + t, bars.statuses(), bars.bars(), bars.separatorAfter(), bars.basis() + t, bars.notes());
    charts.put(prefix + "status bars", () -> StatusBarsChart.draw(barsInput));
    charts.put(prefix + "status bars, notebook width", () -> StatusBarsChart.draw(barsInput).notebookWidth());
    ResponseTimeBoxChart.Input boxes = FigureFixtures.responseTimes();
    charts.put(prefix + "response times", () -> ResponseTimeBoxChart.draw(new ResponseTimeBoxChart.Input(
        boxes.title() + t, boxes.xAxisTitle(), boxes.yAxisTitle() + t, boxes.boxes(), boxes.basis(), boxes.notes())));
    CodeFrequencyChart.Input codes = FigureFixtures.codes();
    List<CodeFrequencyChart.Item> items = new ArrayList<>(codes.items());
    if (odd) {
      items.add(new CodeFrequencyChart.Item("Error <loading> & \"saving\" – Ünïcode 中文", 1));
    }
    CodeFrequencyChart.Input codesInput = new CodeFrequencyChart.Input(codes.title() + t, codes.xAxisTitle(), items,
        codes.basis(), codes.notes());
    charts.put(prefix + "code frequencies", () -> CodeFrequencyChart.draw(codesInput));
    charts.put(prefix + "code frequencies, notebook width", () -> CodeFrequencyChart.draw(codesInput).notebookWidth());
  }

  private static <S extends Styler> S styled(S styler) {
    return ChartFiles.applyStyle(styler);
  }

  private static XYChart xy() {
    XYChart chart = new XYChartBuilder().width(700).height(420).title("Lines, markers, areas").xAxisTitle("x")
        .yAxisTitle("y").build();
    styled(chart.getStyler()).setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] x = new double[50];
    double[] sin = new double[50];
    double[] neg = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = i / 7.0 - 3.3;
      sin[i] = Math.sin(x[i]) * 1.1e-3 + 0.1;
      neg[i] = -Math.exp(x[i] / 2) / 3;
    }
    XYSeries line = chart.addSeries("sin/7 – ≈", x, sin);
    line.setMarker(SeriesMarkers.CIRCLE);
    line.setLineStyle(new BasicStroke(1.7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 3f,
        new float[] {5.5f, 2.25f}, 1.5f));
    XYSeries area = chart.addSeries("negative area", x, neg);
    area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    area.setFillColor(new Color(200, 30, 90, 77));
    area.setMarker(SeriesMarkers.DIAMOND);
    XYSeries step = chart.addSeries("step", x, Arrays.stream(sin).map(v -> v * 3).toArray());
    step.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    step.setMarker(SeriesMarkers.TRIANGLE_UP);
    XYSeries scatter = chart.addSeries("scatter", new double[] {-3, -1.5, 0, 1e-9, 2.75},
        new double[] {0.3, -0.25, 1.0 / 3, 0.2, -0.1});
    scatter.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    scatter.setMarker(SeriesMarkers.SQUARE);
    scatter.setMarkerColor(new Color(10, 20, 30, 128));
    return chart;
  }

  private static XYChart xyLog() {
    XYChart chart = new XYChartBuilder().width(640).height(480).title(ODD).xAxisTitle("x " + ODD)
        .yAxisTitle("log y").build();
    styled(chart.getStyler()).setYAxisLogarithmic(true);
    chart.getStyler().setPlotGridLinesStroke(new BasicStroke(0.5f, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_ROUND));
    double[] x = {1, 2, 3, 4, 5, 6};
    chart.addSeries("huge " + ODD, x, new double[] {1e-3, 0.5, 12.25, 3.3e5, 7.7e12, 1.23456789e15});
    chart.addSeries("errors", x, new double[] {2, 3, 5, 7, 11, 13}, new double[] {0.5, 1, 1.5, 2, 2.5, 3});
    return chart;
  }

  private static XYChart xyDates() {
    XYChart chart = new XYChartBuilder().width(600).height(300).title("Dates").build();
    styled(chart.getStyler()).setDatePattern("yyyy-MM-dd");
    List<Date> days = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      days.add(new Date(1_663_804_800_000L + i * 86_400_000L * 17));
      values.add(Math.cos(i) * 1000 - 250.125);
    }
    chart.addSeries("days", days, values);
    return chart;
  }

  private static CategoryChart category(CategorySeries.CategorySeriesRenderStyle style, boolean stacked) {
    CategoryChart chart = new CategoryChartBuilder().width(620).height(400).title("Categories " + style)
        .xAxisTitle("year").yAxisTitle("count").build();
    styled(chart.getStyler()).setStacked(stacked);
    chart.getStyler().setLabelsVisible(!stacked);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setDefaultSeriesRenderStyle(style);
    chart.getStyler().setOverlapped(!stacked);
    List<String> years = List.of("2021", "2022 <", "2023 & \"x\"", "2024 é");
    chart.addSeries("safetensors", years, List.of(2, 74, 88, 130.5));
    chart.addSeries("pickle", years, List.of(40, -12.75, 33, 1.0 / 3));
    return chart;
  }

  private static PieChart pie(PieStyler.LabelType annotation, boolean donut) {
    PieChart chart = new PieChartBuilder().width(500).height(400).title("Shares " + ODD).build();
    styled(chart.getStyler()).setLabelType(annotation);
    if (donut) {
      chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.PieSeries.PieSeriesRenderStyle.Donut);
      chart.getStyler().setSumVisible(true);
    }
    chart.addSeries("safetensors", 61.5);
    chart.addSeries("pickle \"p\"", 23);
    chart.addSeries("ONNX", 1.0 / 7);
    chart.addSeries("h5 ü", 15);
    return chart;
  }

  private static Chart<?, ?> bubble() {
    var chart = new BubbleChartBuilder().width(500).height(400).title("Bubbles").build();
    styled(chart.getStyler());
    chart.addSeries("a", new double[] {1, 2.5, 4}, new double[] {3, -1, 2}, new double[] {10, 33.3, 5});
    return chart;
  }

  private static Chart<?, ?> box() {
    var chart = new BoxChartBuilder().width(500).height(400).title("Boxes").build();
    styled(chart.getStyler());
    chart.addSeries("first", new double[] {1, 2, 3, 4, 5.5, 40});
    chart.addSeries("second", new double[] {-2, 0.25, 0.5, 1.0 / 3, 7});
    return chart;
  }

  private static Chart<?, ?> heatMap() {
    var chart = new HeatMapChartBuilder().width(500).height(400).title("Heat").build();
    styled(chart.getStyler());
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        cells.add(new Number[] {i, j, (i * 7 + j * 3) % 10 + 0.5});
      }
    }
    chart.addSeries("heat", List.of(1, 2, 3, 4), List.of(10, 20, 30), cells);
    return chart;
  }

  private static RadarChart radar() {
    RadarChart chart = new RadarChartBuilder().width(500).height(400).title("Radar").build();
    styled(chart.getStyler());
    chart.setRadiiLabels(new String[] {"one", "two & three", "four <", "five"});
    chart.addSeries("a", new double[] {0.78, 0.25, 0.5, 1.0 / 3});
    return chart;
  }

  private static Chart<?, ?> dial() {
    var chart = new DialChartBuilder().width(400).height(400).title("Dial").build();
    styled(chart.getStyler());
    chart.addSeries("rate", 0.9381, "93.8 %");
    return chart;
  }

  private static Chart<?, ?> ohlc() {
    var chart = new OHLCChartBuilder().width(600).height(400).title("OHLC").build();
    styled(chart.getStyler());
    double[] x = {1, 2, 3, 4};
    chart.addSeries("prices", x, new double[] {10, 11.5, 9.25, 12}, new double[] {12, 13, 10, 14.125},
        new double[] {9, 10.75, 8, 11}, new double[] {11.5, 9.25, 9.5, 13.875});
    return chart;
  }
}
