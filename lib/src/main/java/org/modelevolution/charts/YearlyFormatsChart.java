package org.modelevolution.charts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * The study's {@code RQ2FormatsYearly_{group}}: per year, the share of model files (in each
 * repository's tree at its last commit of the year) per format, as 100% stacked vertical bars in
 * the study's format colours, y axis "Percentage of Files (%)"; n files per year in the year's
 * tick label.
 */
public final class YearlyFormatsChart {
  static final int WIDTH = 900;
  static final int BODY_HEIGHT = 560;
  static final String Y_AXIS = "Percentage of Files (%)";

  /** One year: files counted ({@link FormatSharesChart#UNKNOWN} when not known) and the percentage per format. */
  public record Year(int year, long files, Map<String, Double> percentByFormat) {
    public Year {
      if (files < FormatSharesChart.UNKNOWN) {
        throw new IllegalArgumentException(year + ": negative file count " + files);
      }
      percentByFormat = Collections.unmodifiableMap(new LinkedHashMap<>(percentByFormat));
    }
  }

  public record Input(String title, List<String> formats, List<Year> years, String basis, List<String> notes) {
    public Input {
      formats = List.copyOf(formats);
      years = List.copyOf(years);
      notes = List.copyOf(notes);
    }
  }

  private YearlyFormatsChart() {}

  public static Figure draw(Input in) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(BODY_HEIGHT).title(in.title())
        .xAxisTitle("Year").yAxisTitle(Y_AXIS).build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.getStyler().setChartTitleFont(Text.fitting(in.title(), chart.getStyler().getChartTitleFont(),
        WIDTH - 2 * Text.MARGIN, 10f));
    chart.getStyler().setStacked(true);
    chart.getStyler().setAvailableSpaceFill(0.95);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("0");
    List<String> categories = in.years().stream()
        .map(y -> y.files() == FormatSharesChart.UNKNOWN ? String.valueOf(y.year())
            : y.year() + " (n=" + String.format(Locale.ROOT, "%,d", y.files()) + ")").toList();
    for (String format : in.formats()) {
      List<Double> values = in.years().stream().map(y -> y.percentByFormat().getOrDefault(format, 0.0)).toList();
      CategorySeries s = chart.addSeries(format, categories, values);
      s.setFillColor(FormatSharesChart.colour(format));
    }
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    caption.add(in.years().stream().anyMatch(y -> y.files() == FormatSharesChart.UNKNOWN)
        ? "Files per year: not available (the source gives percentages only)."
        : "n in each year's label: the model files behind its percentages.");
    caption.addAll(in.notes());
    boolean counted = in.years().stream().noneMatch(y -> y.files() == FormatSharesChart.UNKNOWN);
    List<String> differences = new ArrayList<>();
    differences.add(counted ? "each year's tick label carries the model files behind it (n)"
        : "the same bars as the study's: the source gives percentages only, so no files per year");
    differences.add("a caption under the plot states the data basis");
    return Figure.of(chart, WIDTH, BODY_HEIGHT, List.of(), caption).differing(differences);
  }
}
