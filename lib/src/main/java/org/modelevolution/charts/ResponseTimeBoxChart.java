package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's {@code RQ3TimeToFirstResponse}: one box per PR status on a log y axis, boxes at the
 * quartiles, median line, whiskers to the furthest value within 1.5 IQR and every value beyond
 * drawn as a flier circle (matplotlib's and seaborn's rule), the study's orange. The study computes
 * minutes and labels its axis "hours"; pass its label and say so in a note, the chart draws the
 * values it is given.
 */
public final class ResponseTimeBoxChart {
  static final int WIDTH = 1200;
  static final int BODY_HEIGHT = 560;
  static final int BAND = 190;
  static final Color BOX = new Color(0xdd8452); // seaborn's second deep colour, as the study's boxes
  static final Font TICK_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12);

  /** Box statistics of one group; {@code n == 0} draws an empty slot. */
  public record Box(String label, long n, double q1, double median, double q3, double whiskerLow,
      double whiskerHigh, List<Double> fliers) {
    public Box {
      fliers = List.copyOf(fliers);
    }

    /**
     * matplotlib's {@code boxplot_stats}: quartiles by linear interpolation (numpy's default),
     * whiskers at the most extreme values within 1.5 IQR of the box, the rest fliers.
     */
    public static Box tukey(String label, double[] values) {
      if (values.length == 0) {
        return new Box(label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
      }
      double[] v = values.clone();
      Arrays.sort(v);
      double q1 = quantile(v, 0.25);
      double q3 = quantile(v, 0.75);
      double iqr = q3 - q1;
      double lo = q1 - 1.5 * iqr;
      double hi = q3 + 1.5 * iqr;
      double wl = q1;
      double wh = q3;
      List<Double> fliers = new ArrayList<>();
      for (double x : v) {
        if (x < lo || x > hi) {
          fliers.add(x);
        } else {
          wl = Math.min(wl, x);
          wh = Math.max(wh, x);
        }
      }
      return new Box(label, v.length, q1, quantile(v, 0.5), q3, wl, wh, fliers);
    }

    static double quantile(double[] sorted, double p) {
      double pos = p * (sorted.length - 1);
      int i = (int) Math.floor(pos);
      int j = Math.min(sorted.length - 1, i + 1);
      return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
  }

  public record Input(String title, String xAxisTitle, String yAxisTitle, List<Box> boxes, String basis,
      List<String> notes) {
    public Input {
      boxes = List.copyOf(boxes);
      notes = List.copyOf(notes);
    }
  }

  private ResponseTimeBoxChart() {}

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
        .xAxisTitle(" ").yAxisTitle(in.yAxisTitle()).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setChartTitleFont(Text.fitting(in.title(), chart.getStyler().getChartTitleFont(),
        width - 2 * Text.MARGIN - Figure.XCHART_TITLE_SLACK, 10f));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
    chart.getStyler().setXAxisTicksVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    // Decade grid lines only (drawn by the layer); XChart would also rule every minor log tick.
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0E0");
    double lo = Double.MAX_VALUE;
    double hi = Double.MIN_VALUE;
    long nonPositive = 0;
    for (Box b : in.boxes()) {
      if (b.n() == 0) {
        continue;
      }
      for (double v : new double[] {b.whiskerLow(), b.whiskerHigh(), b.q1()}) {
        if (v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      for (double f : b.fliers()) {
        if (f > 0) {
          lo = Math.min(lo, f);
          hi = Math.max(hi, f);
        } else {
          nonPositive++;
        }
      }
      if (b.whiskerLow() <= 0) {
        nonPositive++;
      }
    }
    if (lo == Double.MAX_VALUE) {
      lo = 1;
      hi = 10;
    }
    double yMin = Math.pow(10, Math.floor(Math.log10(lo)) - 0.2);
    double yMax = Math.pow(10, Math.ceil(Math.log10(hi)) + 0.1);
    chart.getStyler().setYAxisMin(yMin);
    chart.getStyler().setYAxisMax(yMax);
    chart.getStyler().setXAxisMin(0.5);
    chart.getStyler().setXAxisMax(in.boxes().size() + 0.5);
    XYSeries frame = chart.addSeries("frame", new double[] {0.5}, new double[] {yMin});
    frame.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0, 0, 0, 0));
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    if (nonPositive > 0) {
      caption.add("Values at or below zero cannot be drawn on the log axis; whiskers reaching them end at the axis.");
    }
    caption.addAll(in.notes());
    Figure.transparentBackgrounds(chart.getStyler());
    return Figure.of(chart, width, BODY_HEIGHT, BAND,
        List.of(new DailyAdditionsChart.DecadeGrid(chart), new Boxes(chart, in)), caption).differing(List.of(
            "n per status in the tick labels", "a caption under the plot states that the values are minutes on an"
                + " axis the study labels hours"));
  }

  private record Boxes(XYChart chart, Input in) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      double yMin = chart.getStyler().getYAxisMin();
      double axisBottom = chart.getScreenYFromChart(yMin);
      double slot = chart.getScreenXFromChart(2) - chart.getScreenXFromChart(1);
      double half = slot * 0.4;
      double left = chart.getScreenXFromChart(0.5);
      double right = chart.getScreenXFromChart(in.boxes().size() + 0.5);
      for (int i = 0; i < in.boxes().size(); i++) {
        Box b = in.boxes().get(i);
        double cx = chart.getScreenXFromChart(i + 1);
        if (b.n() > 0) {
          double y1 = y(b.q1(), axisBottom);
          double y3 = y(b.q3(), axisBottom);
          g.setColor(BOX);
          g.fill(new Rectangle2D.Double(cx - half, y3, 2 * half, y1 - y3));
          g.setColor(new Color(0x444444));
          g.setStroke(new BasicStroke(1.2f));
          g.draw(new Rectangle2D.Double(cx - half, y3, 2 * half, y1 - y3));
          double ym = y(b.median(), axisBottom);
          g.draw(new java.awt.geom.Line2D.Double(cx - half, ym, cx + half, ym));
          double wl = y(b.whiskerLow(), axisBottom);
          double wh = y(b.whiskerHigh(), axisBottom);
          g.draw(new java.awt.geom.Line2D.Double(cx, y1, cx, wl));
          g.draw(new java.awt.geom.Line2D.Double(cx, y3, cx, wh));
          g.draw(new java.awt.geom.Line2D.Double(cx - half / 2, wl, cx + half / 2, wl));
          g.draw(new java.awt.geom.Line2D.Double(cx - half / 2, wh, cx + half / 2, wh));
          for (double f : b.fliers()) {
            if (f > 0) {
              double fy = chart.getScreenYFromChart(f);
              g.draw(new Ellipse2D.Double(cx - 3, fy - 3, 6, 6));
            }
          }
        }
        // Status names rotated 45 degrees below the axis, with n, ending under their box.
        String label = b.label() + " (n=" + b.n() + ")";
        Graphics2D r = (Graphics2D) g.create();
        r.setFont(TICK_FONT);
        r.setColor(Color.BLACK);
        r.translate(cx, axisBottom + 10);
        r.rotate(-Math.PI / 4);
        r.drawString(label, (float) -Text.width(label, TICK_FONT), (float) Text.ascent(TICK_FONT));
        r.dispose();
      }
      g.setFont(ChartFiles.axisTitleFont());
      g.setColor(Color.BLACK);
      String xt = in.xAxisTitle();
      figure.label(g, xt, (left + right - Text.width(xt, g.getFont())) / 2, figure.bodyHeight() + BAND - 12);
    }

    private double y(double value, double axisBottom) {
      return value > 0 ? chart.getScreenYFromChart(value) : axisBottom;
    }
  }
}
