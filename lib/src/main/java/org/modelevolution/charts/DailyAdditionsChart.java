package org.modelevolution.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's {@code RQ1CommitsDistribution_{group}}: counts per elapsed day as markers only, the
 * converter's {@code +} (matplotlib blue) and the developers' {@code x} (black), on a log y axis
 * with ticks 1/10/100, only days with data, and a dashed marker per release whose rotated label
 * sits in a band above the data, shifted sideways with a leader where labels would touch.
 */
public final class DailyAdditionsChart {
  static final int WIDTH = 1600;
  static final int BODY_HEIGHT = 440;
  static final Color CONVERTER = new Color(0x1f77b4);
  static final Color DEVELOPER = Color.BLACK;
  static final Color RELEASE = new Color(0x708090); // matplotlib's slategray, as the study's markers
  static final Font RELEASE_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12);
  static final double Y_MIN = 0.7;

  /**
   * One series: counts by day (days without data absent), or unavailable with the reason, in
   * which case it is not drawn and the caption names it.
   */
  public record Series(String label, SortedMap<Integer, Long> countsByDay, String unavailableReason) {
    public Series {
      if (countsByDay != null) {
        countsByDay = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(countsByDay));
        countsByDay.values().forEach(v -> {
          if (v <= 0) {
            throw new IllegalArgumentException(label + ": only days with data are drawn, got count " + v);
          }
        });
      }
      if ((countsByDay == null) == (unavailableReason == null)) {
        throw new IllegalArgumentException(label + ": give either counts or the reason they are unavailable");
      }
    }

    public static Series of(String label, SortedMap<Integer, Long> countsByDay) {
      return new Series(label, countsByDay, null);
    }

    public static Series unavailable(String label, String reason) {
      return new Series(label, null, reason);
    }

    public boolean available() {
      return countsByDay != null;
    }
  }

  /**
   * @param title chart title (shrunk to fit the canvas)
   * @param xAxisTitle e.g. the study's "# Days Elapsed Since September 22, 2022"
   * @param yAxisTitle e.g. the study's "# Commits"
   * @param converter the converter's series, drawn as {@code +}
   * @param developer the developers' series, drawn as {@code x}
   * @param releases markers in elapsed days; those beyond the drawn x range are left out and counted in the caption
   * @param basis what the data rest on: "published rows", "published table", "partial: ...", "SYNTHETIC"
   * @param notes further caption lines
   */
  public record Input(String title, String xAxisTitle, String yAxisTitle, Series converter, Series developer,
      List<ReleaseMarker> releases, String basis, List<String> notes) {
    public Input {
      releases = List.copyOf(releases);
      notes = List.copyOf(notes);
    }
  }

  private DailyAdditionsChart() {}

  /**
   * The figure at the study's size, with its notebook-width variant ({@link Figure#notebookWidth()})
   * drawn from the same record on demand.
   */
  public static Figure draw(Input in) {
    return draw(in, WIDTH).withNotebookWidth(() -> draw(in, Figure.NOTEBOOK_WIDTH));
  }

  /** The figure laid out {@code width} pixels wide, its fonts at their fixed sizes. */
  static Figure draw(Input in, int width) {
    XYChart chart = new XYChartBuilder().width(width).height(BODY_HEIGHT).title(in.title())
        .xAxisTitle(in.xAxisTitle()).yAxisTitle(in.yAxisTitle()).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setChartTitleFont(Text.fitting(in.title(), chart.getStyler().getChartTitleFont(),
        width - 2 * Text.MARGIN - Figure.XCHART_TITLE_SLACK, 10f));
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
    chart.getStyler().setMarkerSize(10);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("#");
    // Decade grid lines only (drawn by the layer); XChart would also rule every minor log tick.
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));

    int minDay = 0;
    int maxDay = 0;
    long maxCount = 1;
    for (Series s : List.of(in.converter(), in.developer())) {
      if (s.available() && !s.countsByDay().isEmpty()) {
        minDay = Math.min(minDay, s.countsByDay().firstKey());
        maxDay = Math.max(maxDay, s.countsByDay().lastKey());
        maxCount = Math.max(maxCount, s.countsByDay().values().stream().mapToLong(Long::longValue).max().orElse(1));
      }
    }
    double pad = Math.max(5, (maxDay - minDay) * 0.02);
    double xMin = minDay - pad;
    double xMax = maxDay + pad;
    chart.getStyler().setXAxisMin(xMin);
    chart.getStyler().setXAxisMax(xMax);
    chart.getStyler().setYAxisMin(Y_MIN);

    addSeries(chart, in.converter(), SeriesMarkers.PLUS, CONVERTER);
    addSeries(chart, in.developer(), SeriesMarkers.CROSS, DEVELOPER);
    if (chart.getSeriesMap().isEmpty()) {
      // XChart cannot draw axes without a series; an invisible one keeps the frame.
      XYSeries none = chart.addSeries(" ", new double[] {xMin}, new double[] {Y_MIN});
      none.setMarker(SeriesMarkers.NONE).setShowInLegend(false);
    }

    List<ReleaseMarker> drawn = in.releases().stream().filter(r -> r.x() >= xMin && r.x() <= xMax).toList();
    double bandPixels = drawn.stream().mapToDouble(r -> Text.width(r.label(), RELEASE_FONT)).max().orElse(0) + 22;
    chart.getStyler().setYAxisMax(yMaxLeavingBand(chart, maxCount * 1.3, bandPixels));

    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    for (Series s : List.of(in.converter(), in.developer())) {
      if (!s.available()) {
        caption.add("Not drawn: " + s.label() + " (unavailable: " + s.unavailableReason() + ").");
      }
    }
    int beyond = in.releases().size() - drawn.size();
    if (beyond > 0) {
      caption.add(beyond + " release(s) outside the days with data are not marked.");
    }
    caption.addAll(in.notes());
    Figure.transparentBackgrounds(chart.getStyler());
    List<String> differences = new ArrayList<>();
    differences.add("release markers: " + drawn.size() + (drawn.isEmpty() ? "" : " (" + drawn.get(0).label() + " to "
        + drawn.get(drawn.size() - 1).label() + ")") + ", from this project's tag list; the study's came from its"
        + " data/safetensors_tags.csv (Git LFS), whose v0.4.6 marker the tag list holds only as v0.4.6-rc0");
    if (!in.developer().available()) {
        differences.add("no developer series: its input is not at hand (the study drew both series)");
    }
    differences.add("a caption under the plot states the data basis, what the y axis counts and the release list");
    return Figure.of(chart, width, BODY_HEIGHT, List.of(new DecadeGrid(chart), new ReleaseLayer(chart, drawn)), caption).differing(differences);
  }

  private static void addSeries(XYChart chart, Series s, org.knowm.xchart.style.markers.Marker marker, Color colour) {
    if (!s.available() || s.countsByDay().isEmpty()) {
      return;
    }
    double[] x = s.countsByDay().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    double[] y = s.countsByDay().values().stream().mapToDouble(Long::doubleValue).toArray();
    XYSeries series = chart.addSeries(s.label(), x, y);
    series.setMarker(marker).setMarkerColor(colour).setLineColor(colour);
  }

  /**
   * The y-axis maximum (log scale) at which the data below {@code dataTop} leave a band of
   * {@code bandPixels} free at the top of the plot; measured by laying the chart out once.
   */
  static double yMaxLeavingBand(XYChart chart, double dataTop, double bandPixels) {
    chart.getStyler().setYAxisMax(dataTop);
    Figure.layOut(chart, chart.getWidth(), chart.getHeight());
    double plotPixels = chart.getScreenYFromChart(Y_MIN) - chart.getScreenYFromChart(dataTop);
    double f = Math.min(0.6, bandPixels / plotPixels);
    double l0 = Math.log10(Y_MIN);
    double l1 = Math.log10(dataTop);
    // With the top at L, the band is (L - l1) / (L - l0) of the plot; solve for L.
    return Math.pow(10, (l1 - f * l0) / (1 - f));
  }

  /**
   * Horizontal grid lines at the decades 1, 10, 100, ... below the label band, under the markers;
   * placed from the chart's layout when the figure is measured, drawn from those numbers.
   */
  static final class DecadeGrid implements Figure.Layer {
    private final XYChart chart;
    private List<java.awt.geom.Line2D> lines = List.of();

    DecadeGrid(XYChart chart) {
      this.chart = chart;
    }

    @Override
    public boolean under() {
      return true;
    }

    @Override
    public void measure(Figure figure) {
      double left = chart.getScreenXFromChart(chart.getStyler().getXAxisMin());
      double right = chart.getScreenXFromChart(chart.getStyler().getXAxisMax());
      double top = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
      List<java.awt.geom.Line2D> measured = new ArrayList<>();
      for (double d = Math.pow(10, Math.ceil(Math.log10(chart.getStyler().getYAxisMin())));
          d <= chart.getStyler().getYAxisMax(); d *= 10) {
        double y = chart.getScreenYFromChart(d);
        if (y > top + 40) {
          measured.add(new java.awt.geom.Line2D.Double(left, y, right, y));
        }
      }
      lines = List.copyOf(measured);
    }

    @Override
    public void paint(Graphics2D g, Figure figure) {
      g.setColor(new Color(0xdddddd));
      for (java.awt.geom.Line2D line : lines) {
        g.draw(new java.awt.geom.Line2D.Double(line.getX1(), line.getY1(), line.getX2(), line.getY2()));
      }
    }
  }

  /** Dashed release lines from the x axis up to the band, labels in the band, leaders where shifted. */
  private record ReleaseLayer(XYChart chart, List<ReleaseMarker> releases) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      double top = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
      double bottom = chart.getScreenYFromChart(Y_MIN);
      double left = chart.getScreenXFromChart(chart.getStyler().getXAxisMin());
      double right = chart.getScreenXFromChart(chart.getStyler().getXAxisMax());
      g.setFont(RELEASE_FONT);
      double thickness = Text.ascent(RELEASE_FONT) + Text.descent(RELEASE_FONT);
      double[] lineX = releases.stream().mapToDouble(r -> chart.getScreenXFromChart(r.x())).toArray();
      double[] centre = LabelPlacement.spread(lineX, thickness, 2, left + thickness / 2, right - thickness / 2);
      double longest = releases.stream().mapToDouble(r -> Text.width(r.label(), RELEASE_FONT)).max().orElse(0);
      double labelBottom = top + 4 + longest;
      double leaderBottom = labelBottom + 8;
      for (int i = 0; i < releases.size(); i++) {
        g.setColor(RELEASE);
        g.setStroke(Figure.dashed(1f));
        figure.line(g, lineX[i], bottom, lineX[i], leaderBottom);
        g.setStroke(new java.awt.BasicStroke(0.8f));
        figure.leader(g, lineX[i], leaderBottom, centre[i], labelBottom + 1);
        figure.labelUpwards(g, releases.get(i).label(), centre[i], labelBottom);
      }
    }
  }
}
