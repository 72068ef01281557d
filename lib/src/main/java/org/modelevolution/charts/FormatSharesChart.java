package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's {@code RQ2FormatsRepoCreation_{group}}: per creation month, the share of
 * repositories whose first added model file has each format, as lines with {@code x} markers on a
 * continuous month axis (a month without repositories is a gap in time, not a dropped category),
 * y axis "Percentage of Repositories (%)" 0–100, the study's format colours, legend below; the
 * months labelled under the data as in the study; and, when the repositories per month are known, a
 * thin second panel with them, so that a month resting on one repository is seen as such (a source
 * of percentages only gets no such panel).
 */
public final class FormatSharesChart {
  static final int WIDTH = 1600;
  static final int BODY_HEIGHT = 420;
  static final int PANEL = 150;
  /** The band under the body that the month axis alone needs (no count panel). */
  static final int AXIS_BAND = 40;
  static final String X_AXIS = "Month and Year of Repository Creation";
  static final String Y_AXIS = "Percentage of Repositories (%)";
  static final Font SMALL = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 11);
  /** The study's colour per format (matplotlib tab10 order as in its color_map). */
  static final Map<String, Color> FORMAT_COLOURS = Map.of(
      "ONNX", new Color(0x1f77b4), "h5/hdf5", new Color(0xff7f0e), "joblib", new Color(0x2ca02c),
      "numpy", new Color(0xd62728), "pickle", new Color(0x9467bd), "safetensors", new Color(0x8c564b),
      "torch.save", new Color(0xe377c2));

  /** The repository count of a month whose source gives none (a published table of percentages only). */
  public static final long UNKNOWN = -1;

  /** One creation month: how many repositories ({@link #UNKNOWN} when not known), and the percentage per format. */
  public record Month(YearMonth month, long repositories, Map<String, Double> percentByFormat) {
    public Month {
      if (repositories < UNKNOWN) {
        throw new IllegalArgumentException(month + ": negative repository count " + repositories);
      }
      percentByFormat = Collections.unmodifiableMap(new LinkedHashMap<>(percentByFormat));
    }
  }

  /** @param formats legend and drawing order; @param months ascending, only months with repositories */
  public record Input(String title, List<String> formats, List<Month> months, String basis, List<String> notes) {
    public Input {
      formats = List.copyOf(formats);
      months = List.copyOf(months);
      notes = List.copyOf(notes);
      if (months.isEmpty()) {
        throw new IllegalArgumentException("no months to draw");
      }
    }

    /** Whether every month's repository count is known (else the lower panel says n is unavailable). */
    public boolean repositoriesKnown() {
      return months.stream().allMatch(m -> m.repositories() != UNKNOWN);
    }
  }

  private FormatSharesChart() {}

  static Color colour(String format) {
    return FORMAT_COLOURS.getOrDefault(format, Color.GRAY);
  }

  /** Continuous month axis: months since January of year 0. */
  static double x(YearMonth month) {
    return month.getYear() * 12.0 + month.getMonthValue() - 1;
  }

  static String monthName(YearMonth month) {
    return month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  /**
   * The figure at the study's size, with its notebook-width variant ({@link Figure#notebookWidth()})
   * drawn from the same record on demand.
   */
  public static Figure draw(Input in) {
    return draw(in, WIDTH).withNotebookWidth(() -> draw(in, Figure.NOTEBOOK_WIDTH));
  }

  /** The figure laid out {@code width} pixels wide, its fonts at their fixed sizes. */
  static Figure draw(Input in, int width) {
    // The month axis is drawn by a layer (shared with the count panel when there is one), so the chart has no x ticks.
    XYChart chart = new XYChartBuilder().width(width).height(BODY_HEIGHT).title(in.title())
        .xAxisTitle(" ").yAxisTitle(Y_AXIS).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setChartTitleFont(Text.fitting(in.title(), chart.getStyler().getChartTitleFont(),
        width - 2 * Text.MARGIN - Figure.XCHART_TITLE_SLACK, 10f));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisTicksVisible(false);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("0");
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
    double first = x(in.months().get(0).month());
    double last = x(in.months().get(in.months().size() - 1).month());
    chart.getStyler().setXAxisMin(first - 0.5);
    chart.getStyler().setXAxisMax(last + 0.5);
    double[] xs = in.months().stream().mapToDouble(m -> x(m.month())).toArray();
    for (String format : in.formats()) {
      double[] ys = in.months().stream().mapToDouble(m -> m.percentByFormat().getOrDefault(format, 0.0)).toArray();
      XYSeries s = chart.addSeries(format, xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.CROSS).setMarkerColor(colour(format)).setLineColor(colour(format));
      s.setLineWidth(1.3f);
    }
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    caption.add(in.repositoriesKnown()
        ? "Lower panel: repositories created per month (the n behind each month's percentages); months"
            + " without repositories have no point."
        : "The source gives percentages only, so the repositories behind each month are not shown; months"
            + " without repositories have no point.");
    caption.addAll(in.notes());
    List<String> differences = new ArrayList<>();
    differences.add("the legend is at the right of the plot (the study's is below it, in 7 columns)");
    differences.add(in.repositoriesKnown()
        ? "a thin lower panel draws the repositories per month (log scale), which the study does not show"
        : "the same single panel as the study's: the source gives percentages only, so no repositories per month");
    differences.add("months ticked every month and named every second month, the year under January and the first"
        + " month; the study names every second month with the year under its first month");
    differences.add("a caption under the plot states the data basis and what the percentages count");
    return Figure.of(chart, width, BODY_HEIGHT, in.repositoriesKnown() ? PANEL : AXIS_BAND,
        List.of(new CountPanel(chart, in)), caption).differing(differences);
  }

  /**
   * The month axis, and above it, when the counts are known, the second panel: one thin bar per
   * month with its repository count, aligned with the months above. Without counts the axis is the
   * data panel's own bottom edge.
   */
  private record CountPanel(XYChart chart, Input in) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      double top = figure.bodyHeight() + 16;
      // without the panel, the axis is the plot's bottom frame: y = 0 plus the plot's content padding
      double span = chart.getScreenYFromChart(0.0) - chart.getScreenYFromChart(100.0);
      double padding = span * (1 - chart.getStyler().getPlotContentSize()) / 2 / chart.getStyler().getPlotContentSize();
      double bottom = in.repositoriesKnown() ? figure.bodyHeight() + PANEL - 58
          : chart.getScreenYFromChart(0.0) + padding;
      double left = chart.getScreenXFromChart(chart.getStyler().getXAxisMin());
      double right = chart.getScreenXFromChart(chart.getStyler().getXAxisMax());
      long max = in.months().stream().mapToLong(Month::repositories).max().orElse(1);
      double monthPixels = chart.getScreenXFromChart(1) - chart.getScreenXFromChart(0);
      double barWidth = Math.max(1, Math.min(12, monthPixels * 0.7));
      g.setColor(new Color(0x999999));
      for (Month m : in.repositoriesKnown() ? in.months() : List.<Month>of()) {
        double cx = chart.getScreenXFromChart(x(m.month()));
        double h = (bottom - top) * Math.log1p(m.repositories()) / Math.log1p(Math.max(1, max));
        g.fill(new Rectangle2D.Double(cx - barWidth / 2, bottom - h, barWidth, h));
      }
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1f));
      if (in.repositoriesKnown()) {
        figure.line(g, left, bottom, right, bottom);
        figure.line(g, left, top, left, bottom);
      }
      g.setFont(SMALL);
      for (long t : in.repositoriesKnown() ? new long[] {1, max} : new long[0]) {
        double y = bottom - (bottom - top) * Math.log1p(t) / Math.log1p(Math.max(1, max));
        String s = String.format(Locale.ROOT, "%,d", t);
        figure.line(g, left - 4, y, left, y);
        figure.label(g, s, left - 6 - Text.width(s, SMALL), y + (Text.ascent(SMALL) - Text.descent(SMALL)) / 2.0);
        if (t == max) {
          break;
        }
      }
      if (in.repositoriesKnown()) {
        figure.label(g, "repositories per month (log scale)", left + 4, top - 4);
      }
      // Shared month axis: a tick per month, the month named every second month as in the study, the
      // year under January and under the first month.
      YearMonth first = in.months().get(0).month();
      YearMonth last = in.months().get(in.months().size() - 1).month();
      g.setFont(SMALL);
      double lastRight = Double.NEGATIVE_INFINITY;
      for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
        double cx = chart.getScreenXFromChart(x(m));
        figure.line(g, cx, bottom, cx, bottom + 3);
        boolean named = m.equals(first) || (m.getMonthValue() - first.getMonthValue()) % 2 == 0;
        String name = monthName(m);
        double nx = cx - Text.width(name, SMALL) / 2;
        if (named && nx > lastRight + 3) {
          figure.label(g, name, nx, bottom + 4 + Text.ascent(SMALL));
          lastRight = nx + Text.width(name, SMALL);
        }
        if (m.equals(first) || m.getMonthValue() == 1) {
          String year = String.valueOf(m.getYear());
          figure.label(g, year, cx - Text.width(year, SMALL) / 2, bottom + 4 + Text.lineHeight(SMALL) + Text.ascent(SMALL));
        }
      }
      g.setFont(ChartFiles.axisTitleFont());
      g.setColor(Color.BLACK);
      figure.label(g, X_AXIS, (left + right - Text.width(X_AXIS, g.getFont())) / 2,
          bottom + 8 + 2 * Text.lineHeight(SMALL) + Text.ascent(g.getFont()));
    }
  }
}
