package org.modelevolution.charts;

import java.awt.Color;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modelevolution.study.SafetensorsRelease;

/**
 * The RQ1 figures: adoptions by elapsed day since safetensors' first release with release
 * markers ({@code RQ1CommitsDistribution_{group}}), and a calendar heat map of adoptions,
 * weekday by week, one block of rows per year ({@code RQ1Heatmap_{group}}).
 */
public final class AdoptionCharts {
  private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  private AdoptionCharts() {}

  /**
   * Adopting commits per elapsed day, converter-made and developer-made, with a vertical marker
   * at each release.
   */
  public static XYChart commitsDistribution(
      String title, int[] elapsedDays, int[] converterCommits, int[] developerCommits,
      List<SafetensorsRelease> releases, LocalDate reference) {
    XYChart chart = new XYChartBuilder().width(1600).height(420).title(title)
        .xAxisTitle("days since " + reference).yAxisTitle("commits adding safetensors files").build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    double[] x = toDouble(elapsedDays);
    if (x.length == 0) {
      x = new double[] {0};
      converterCommits = new int[] {0};
      developerCommits = new int[] {0};
    }
    XYSeries tool = chart.addSeries("converter", x, toDouble(converterCommits));
    tool.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x1f77b4));
    XYSeries dev = chart.addSeries("developers", x, toDouble(developerCommits));
    dev.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0xff7f0e));
    double max = 1;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.max(converterCommits[i], developerCommits[i]));
    }
    for (SafetensorsRelease release : releases) {
      long day = java.time.temporal.ChronoUnit.DAYS.between(reference, release.date());
      if (day < 0) {
        continue;
      }
      chart.addAnnotation(new AnnotationLine(day, true, false));
      chart.addAnnotation(new AnnotationText(release.tag(), day, max * 1.02, false));
    }
    return chart;
  }

  /**
   * Adoptions (added safetensors files) per day as a heat map: columns are weeks of the year
   * (numbered as the study did, 0..52), rows are weekdays, one block of seven rows per year.
   */
  public static HeatMapChart calendarHeatmap(String title, Map<LocalDate, Integer> perDay) {
    HeatMapChart chart = new HeatMapChartBuilder().width(1600).height(520).title(title).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setShowValue(false);
    chart.getStyler().setDrawBorder(false);
    chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
    List<Integer> weeks = new ArrayList<>();
    for (int w = 0; w <= 52; w++) {
      weeks.add(w);
    }
    int firstYear = perDay.keySet().stream().mapToInt(LocalDate::getYear).min().orElse(2022);
    int lastYear = perDay.keySet().stream().mapToInt(LocalDate::getYear).max().orElse(2024);
    List<String> rows = new ArrayList<>();
    for (int year = firstYear; year <= lastYear; year++) {
      for (String day : WEEKDAYS) {
        rows.add(year + " " + day);
      }
    }
    int[][] cells = new int[53][rows.size()];
    perDay.forEach((date, count) -> {
      int row = (date.getYear() - firstYear) * 7 + date.getDayOfWeek().getValue() - 1;
      cells[calendarWeek(date)][row] += count;
    });
    List<Number[]> data = new ArrayList<>();
    int max = 1;
    for (int w = 0; w < 53; w++) {
      for (int r = 0; r < rows.size(); r++) {
        data.add(new Number[] {w, r, cells[w][r]});
        max = Math.max(max, cells[w][r]);
      }
    }
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(max);
    chart.addSeries("added safetensors files", weeks, rows, data);
    return chart;
  }

  /**
   * The study's week numbering of a date: ISO weeks shifted to start at 0, with the days of
   * January that belong to the previous ISO year in week 0 and the days of December that belong
   * to the next ISO year in week 52.
   */
  public static int calendarWeek(LocalDate date) {
    int isoWeek = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    LocalDate jan1 = LocalDate.of(date.getYear(), 1, 1);
    LocalDate dec31 = LocalDate.of(date.getYear(), 12, 31);
    if (jan1.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) > 50) {
      if (date.getMonthValue() == 1 && isoWeek > 50) {
        return 0;
      }
      return isoWeek;
    }
    if (dec31.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == 1 && date.getMonthValue() == 12 && isoWeek == 1) {
      return 52;
    }
    return isoWeek - 1;
  }

  static double[] toDouble(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

}
