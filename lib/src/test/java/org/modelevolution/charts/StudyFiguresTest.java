package org.modelevolution.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The properties that make each figure the study's figure, on small made-up fixtures. */
class StudyFiguresTest {
  @TempDir Path dir;

  /** Paints the figure (as the PNG encoder does) so that its label and line records are filled. */
  private static byte[] render(Figure figure) throws Exception {
    return BitmapEncoder.getBitmapBytes(figure, BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * No label box (measured with the FontMetrics of the font it is drawn with) overlaps another or
   * crosses a line, and every label lies on the canvas.
   */
  private static void assertReadable(Figure figure) {
    List<Rectangle2D> boxes = figure.labelBoxes();
    List<String> texts = figure.labelTexts();
    Rectangle2D canvas = new Rectangle2D.Double(0, 0, figure.getWidth(), figure.getHeight());
    for (int i = 0; i < boxes.size(); i++) {
      Rectangle2D a = shrunk(boxes.get(i));
      assertTrue(canvas.contains(boxes.get(i)), "label off the canvas: '" + texts.get(i) + "' " + boxes.get(i));
      for (int j = i + 1; j < boxes.size(); j++) {
        assertFalse(a.intersects(shrunk(boxes.get(j))),
            "labels overprint: '" + texts.get(i) + "' and '" + texts.get(j) + "'");
      }
      for (Line2D line : figure.lines()) {
        assertFalse(a.intersectsLine(line), "line through label '" + texts.get(i) + "': "
            + line.getP1() + "-" + line.getP2());
      }
    }
    for (Line2D leader : figure.leaders()) {
      long crossed = boxes.stream().filter(b -> shrunk(b).intersectsLine(leader)).count();
      assertTrue(crossed <= 1, "a leader crosses " + crossed + " labels");
    }
  }

  /** Half a pixel of anti-aliasing slack on each side. */
  private static Rectangle2D shrunk(Rectangle2D r) {
    return new Rectangle2D.Double(r.getX() + 0.5, r.getY() + 0.5, Math.max(0, r.getWidth() - 1),
        Math.max(0, r.getHeight() - 1));
  }

  private static void assertTitleFits(XYChart chart) {
    double width = Text.width(chart.getTitle(), chart.getStyler().getChartTitleFont());
    assertTrue(width <= chart.getWidth() - 2 * Text.MARGIN, "title " + width + " px wider than the canvas");
  }

  private void assertDeterministic(Figure a, Figure b) throws Exception {
    Path one = Files.createDirectories(dir.resolve("one"));
    Path two = Files.createDirectories(dir.resolve("two"));
    List<Path> first = a.save(one, "f");
    List<Path> second = b.save(two, "f");
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)),
          "bytes differ: " + first.get(i).getFileName());
    }
  }

  @Test
  void dailyAdditionsAreMarkersOnALogAxisWithOneMarkerPerReleaseInRange() throws Exception {
    DailyAdditionsChart.Input input = FigureFixtures.dailyAdditions(true);
    Figure figure = DailyAdditionsChart.draw(input);
    render(figure);
    XYChart chart = assertInstanceOf(XYChart.class, figure.body());
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertTrue(chart.getStyler().isYAxisLogarithmicDecadeOnly(), "ticks 1/10/100 only");
    assertEquals(2, chart.getSeriesMap().size());
    XYSeries converter = chart.getSeriesMap().get("Commits made by the converter");
    XYSeries developer = chart.getSeriesMap().get("Commits not made by the converter");
    for (XYSeries s : List.of(converter, developer)) {
      assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, s.getXYSeriesRenderStyle(), "markers only, no lines");
    }
    assertEquals(SeriesMarkers.PLUS, converter.getMarker());
    assertEquals(SeriesMarkers.CROSS, developer.getMarker());
    assertEquals(new Color(0x1f77b4), converter.getMarkerColor());
    assertEquals(Color.BLACK, developer.getMarkerColor());
    // only the days with data: x values are exactly the fixture's days
    assertArrayEquals(input.converter().countsByDay().keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
        converter.getXData());
    // nine releases fall within the days drawn, the tenth (day 2000) does not
    assertEquals(9, figure.lines().size());
    assertEquals(9, figure.leaders().size());
    assertTrue(figure.labelTexts().containsAll(List.of("v0.2.2", "v0.2.3", "v0.2.4")));
    assertFalse(figure.labelTexts().contains("v0.9.9"));
    assertTrue(figure.captionLines().contains("1 release(s) outside the days with data are not marked."));
    assertTrue(figure.captionLines().get(0).contains("SYNTHETIC"));
    // the band above the data leaves every marker below every label
    double highestPoint = chart.getScreenYFromChart(131);
    figure.labelBoxes().forEach(b -> assertTrue(b.getMaxY() < highestPoint, "label over the data"));
    assertTitleFits(chart);
    assertReadable(figure);
    assertDeterministic(figure, DailyAdditionsChart.draw(input));
  }

  @Test
  void anUnavailableSeriesIsLeftOutAndNamedNotDrawnAsZeros() throws Exception {
    Figure figure = DailyAdditionsChart.draw(FigureFixtures.dailyAdditions(false));
    render(figure);
    XYChart chart = (XYChart) figure.body();
    assertEquals(List.of("Commits made by the converter"), List.copyOf(chart.getSeriesMap().keySet()));
    assertTrue(figure.captionLines().stream().anyMatch(l -> l.startsWith(
        "Not drawn: Commits not made by the converter (unavailable:")), figure.captionLines().toString());
    assertReadable(figure);
  }

  @Test
  void theCollisionCheckCatchesOverprintedLabelsAndStruckLabels() throws Exception {
    Figure overprinted = Figure.of(null, 400, 100, List.of((g, f) -> {
      g.setFont(Figure.CAPTION_FONT);
      f.label(g, "v0.0.1", 50, 50);
      f.label(g, "v0.2.0", 60, 52);
    }), List.of());
    render(overprinted);
    org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
        () -> assertReadable(overprinted));
    Figure struck = Figure.of(null, 400, 100, List.of((g, f) -> {
      g.setFont(Figure.CAPTION_FONT);
      f.label(g, "v0.0.1", 50, 50);
      f.line(g, 60, 0, 60, 100);
    }), List.of());
    render(struck);
    org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
        () -> assertReadable(struck));
  }

  @Test
  void labelPlacementKeepsOrderAndDistance() {
    double[] at = LabelPlacement.spread(new double[] {10, 11, 12, 200, 299}, 14, 2, 7, 293);
    for (int i = 1; i < at.length; i++) {
      assertTrue(at[i] - at[i - 1] >= 16 - 1e-9, "labels " + (i - 1) + " and " + i + " too close");
    }
    assertEquals(200, at[3], 1e-9);
    assertEquals(293, at[4], 1e-9);
  }

  @Test
  void heatmapHasOneCalendarBlockPerYearAndACountInEveryNonZeroCell() throws Exception {
    CalendarHeatmapChart.Input input = FigureFixtures.heatmap();
    Figure figure = CalendarHeatmapChart.draw(input);
    render(figure);
    List<String> texts = figure.labelTexts();
    assertEquals(input.years().size(), texts.stream().filter("Mon"::equals).count(), "one block per year");
    assertEquals(input.years().size() * 12, texts.stream().filter(t -> t.matches("[A-Z][a-z][a-z]")
        && !List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun").contains(t)).count(), "month names per block");
    long nonZero = input.countsByDay().entrySet().stream()
        .filter(e -> e.getValue() > 0 && input.years().contains(e.getKey().getYear())).count();
    assertTrue(texts.contains("131") && texts.contains("46"));
    assertTrue(texts.stream().filter(t -> t.matches("\\d+")).count() >= nonZero, "a count in every non-zero cell");
    // dashed month boundaries: 11 per year, each one to three segments
    assertTrue(figure.lines().size() >= 11 * input.years().size());
    assertTrue(texts.contains("Safetensors' first release"), texts.toString());
    assertReadable(figure);
    assertDeterministic(figure, CalendarHeatmapChart.draw(input));
  }

  @Test
  void everyWideFigureHasANotebookWidthVariantWhoseTextKeepsItsSize() throws Exception {
    List<Figure> figures = List.of(DailyAdditionsChart.draw(FigureFixtures.dailyAdditions(true)),
        CalendarHeatmapChart.draw(FigureFixtures.heatmap()), FormatSharesChart.draw(FigureFixtures.formatShares()),
        StatusBarsChart.draw(FigureFixtures.statusBars()), ResponseTimeBoxChart.draw(FigureFixtures.responseTimes()),
        CodeFrequencyChart.draw(FigureFixtures.codes()));
    for (Figure study : figures) {
      assertTrue(study.getWidth() > Figure.NOTEBOOK_WIDTH);
      Figure narrow = study.notebookWidth();
      render(narrow);
      assertEquals(Figure.NOTEBOOK_WIDTH, narrow.getWidth());
      assertReadable(narrow);
      // every font the variant draws with (its SVG's font sizes) is 10 px or more: >= 9 px shown at its own size
      List<Path> files = study.save(Files.createDirectories(dir.resolve("v" + figures.indexOf(study))), "f");
      assertEquals(4, files.size(), "study-size PNG and SVG, then the variant's");
      assertEquals(Figure.notebookWidthPng(files.get(0)), files.get(2));
      java.util.regex.Matcher sizes = java.util.regex.Pattern.compile("font-size:\\s*([0-9.]+)px")
          .matcher(Files.readString(files.get(3)));
      int found = 0;
      while (sizes.find()) {
        found++;
        assertTrue(Double.parseDouble(sizes.group(1)) >= 10, "font " + sizes.group(1) + " px in " + files.get(3));
      }
      // XChart draws its own text as glyph outlines (no font-size in the SVG): its fonts are the styler's
      if (narrow.body() != null) {
        org.knowm.xchart.style.Styler styler = narrow.body().getStyler();
        List<java.awt.Font> fonts = new java.util.ArrayList<>(List.of(styler.getChartTitleFont(), styler.getLegendFont(),
            styler.getAnnotationTextFont()));
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
          fonts.addAll(List.of(axes.getAxisTitleFont(), axes.getAxisTickLabelsFont()));
        }
        fonts.forEach(f -> assertTrue(f.getSize2D() >= 10, "XChart font " + f));
        found += fonts.size();
      }
      assertTrue(found > 0);
    }
    // the study-size drawing is what draw() always drew: the variant does not change it
    assertDeterministic(figures.get(1), CalendarHeatmapChart.draw(FigureFixtures.heatmap()));
    // YearlyFormats is drawn at 900 px: it is its own notebook-width figure
    Figure yearly = YearlyFormatsChart.draw(FigureFixtures.yearlyFormats());
    assertTrue(yearly.notebookWidth() == yearly);
  }

  @Test
  void aNarrowHeatmapSaysHowManyCountsItLeavesUnlabelled() throws Exception {
    CalendarHeatmapChart.Input input = FigureFixtures.heatmap();
    Figure narrow = CalendarHeatmapChart.draw(input).notebookWidth();
    render(narrow);
    long nonZero = input.countsByDay().entrySet().stream()
        .filter(e -> e.getValue() > 0 && input.years().contains(e.getKey().getYear())).count();
    long twoDigits = input.countsByDay().entrySet().stream()
        .filter(e -> e.getValue() > 9 && input.years().contains(e.getKey().getYear())).count();
    // the fixture's counts 46 and 131 do not fit a narrow cell at the cell font; single digits do
    assertEquals(2, twoDigits);
    assertTrue(String.join(" ", narrow.captionLines()).contains(twoDigits + " of " + nonZero + " days with data"),
        narrow.captionLines().toString());
    assertFalse(narrow.labelTexts().contains("46"), "46 is no colour-bar tick, and its cell is too narrow");
    assertTrue(narrow.labelTexts().stream().filter(t -> t.matches("\\d")).count() >= nonZero - twoDigits);
  }

  @Test
  void heatmapColoursAreLogarithmicAndWeeksAreTheStudys() {
    long max = 131;
    long middle = Math.round(Math.expm1(Math.log1p(max) / 2));
    Color mid = CalendarHeatmapChart.colour(middle, max);
    Color expected = CalendarHeatmapChart.GREENS[2];
    assertTrue(Math.abs(mid.getGreen() - expected.getGreen()) <= 6, "log(1+count) puts " + middle + " mid-scale");
    assertEquals(CalendarHeatmapChart.GREENS[0], CalendarHeatmapChart.colour(0, max));
    // nb_utils.compute_calendar_week: ISO week, shifted so that week 0 holds 1 January
    assertEquals(0, CalendarHeatmapChart.week(LocalDate.of(2023, 1, 1)), "a Sunday in ISO week 52 of 2022");
    assertEquals(1, CalendarHeatmapChart.week(LocalDate.of(2023, 1, 2)));
    assertEquals(0, CalendarHeatmapChart.week(LocalDate.of(2024, 1, 1)), "ISO week 1 -> 0");
    assertEquals(52, CalendarHeatmapChart.week(LocalDate.of(2024, 12, 30)), "ISO week 1 of 2025");
    assertEquals(38, CalendarHeatmapChart.week(LocalDate.of(2022, 9, 22)));
    assertEquals(3, CalendarHeatmapChart.row(LocalDate.of(2022, 9, 22)), "a Thursday");
  }

  @Test
  void formatSharesAreLinesWithMarkersOnAContinuousMonthAxis() throws Exception {
    FormatSharesChart.Input input = FigureFixtures.formatShares();
    Figure figure = FormatSharesChart.draw(input);
    render(figure);
    XYChart chart = assertInstanceOf(XYChart.class, figure.body());
    assertEquals("Percentage of Repositories (%)", chart.getYAxisTitle());
    assertEquals(FigureFixtures.FORMATS, List.copyOf(chart.getSeriesMap().keySet()));
    for (XYSeries s : chart.getSeriesMap().values()) {
      assertEquals(XYSeries.XYSeriesRenderStyle.Line, s.getXYSeriesRenderStyle());
      assertEquals(SeriesMarkers.CROSS, s.getMarker());
      assertEquals(FormatSharesChart.colour(s.getName()), s.getLineColor());
    }
    double[] x = chart.getSeriesMap().get("safetensors").getXData();
    assertEquals(3, x[5] - x[4], 1e-9, "two months without repositories leave a gap of time");
    assertTrue(figure.labelTexts().contains("Month and Year of Repository Creation"));
    assertTrue(figure.labelTexts().contains("repositories per month (log scale)"), "n per month is shown");
    assertTitleFits(chart);
    assertReadable(figure);
    assertDeterministic(figure, FormatSharesChart.draw(input));
  }

  @Test
  void yearlyFormatsAreStackedBarsOfFiles() throws Exception {
    Figure figure = YearlyFormatsChart.draw(FigureFixtures.yearlyFormats());
    render(figure);
    CategoryChart chart = assertInstanceOf(CategoryChart.class, figure.body());
    assertTrue(chart.getStyler().isStacked());
    assertEquals("Percentage of Files (%)", chart.getYAxisTitle());
    assertEquals(FigureFixtures.FORMATS, List.copyOf(chart.getSeriesMap().keySet()));
    assertTrue(chart.getSeriesMap().get("ONNX").getXData().contains("2019 (n=200)"), "n per bar");
    assertTrue(Text.width(chart.getTitle(), chart.getStyler().getChartTitleFont()) <= chart.getWidth() - 20);
    assertDeterministic(figure, YearlyFormatsChart.draw(FigureFixtures.yearlyFormats()));
  }

  @Test
  void statusBarsLabelOnlySegmentsTheirLabelFitsAndGiveNPerBar() throws Exception {
    StatusBarsChart.Input input = FigureFixtures.statusBars();
    Figure figure = StatusBarsChart.draw(input);
    render(figure);
    List<String> texts = figure.labelTexts();
    assertTrue(texts.contains("n = 1,000"));
    assertTrue(texts.contains("n = 999 (January–April only)"), "the partial year says so");
    assertFalse(texts.contains("0.0%"), "zero segments are not labelled");
    assertTrue(texts.contains("67.9%"));
    // 2023's closed segment (1.1%) is narrower than its label: unlabelled rather than overprinted
    assertFalse(texts.contains("1.1%"));
    assertEquals(input.bars().size(), texts.stream().filter(t -> t.startsWith("n = ")).count());
    assertTrue(figure.captionLines().stream().anyMatch(l -> l.startsWith("Segment labels:")));
    assertTrue(texts.contains("All years (Non-HF Staff)"));
    assertReadable(figure);
    assertDeterministic(figure, StatusBarsChart.draw(input));
  }

  @Test
  void aBarCountingAStatusNotDrawnIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new StatusBarsChart.Input("t", "y", "x", List.of("merged"),
            List.of(new StatusBarsChart.Bar("2022", Map.of("merged", 3L, "open", 1L), null)), 0, "b", List.of()));
    assertTrue(e.getMessage().contains("'open'"));
  }

  @Test
  void responseTimesAreBoxesOnALogAxisWithTheStudysLabelAndTheQuirkSaid() throws Exception {
    ResponseTimeBoxChart.Input input = FigureFixtures.responseTimes();
    Figure figure = ResponseTimeBoxChart.draw(input);
    render(figure);
    XYChart chart = assertInstanceOf(XYChart.class, figure.body());
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertEquals("Time to First Response (hours)", chart.getYAxisTitle());
    assertTrue(figure.captionLines().stream().anyMatch(l -> l.contains("minutes although the axis says hours")));
    assertTitleFits(chart);
    assertReadable(figure);
    assertDeterministic(figure, ResponseTimeBoxChart.draw(input));
  }

  @Test
  void boxStatisticsFollowMatplotlib() {
    double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
    ResponseTimeBoxChart.Box box = ResponseTimeBoxChart.Box.tukey("s", values);
    assertEquals(3.25, box.q1(), 1e-12);
    assertEquals(5.5, box.median(), 1e-12);
    assertEquals(7.75, box.q3(), 1e-12);
    assertEquals(1, box.whiskerLow(), 1e-12);
    assertEquals(9, box.whiskerHigh(), 1e-12);
    assertEquals(List.of(100.0), box.fliers());
    assertEquals(0, ResponseTimeBoxChart.Box.tukey("empty", new double[0]).n());
  }

  @Test
  void codeFrequenciesShowEveryLongNameWholeBesideItsBar() throws Exception {
    CodeFrequencyChart.Input input = FigureFixtures.codes();
    Figure figure = CodeFrequencyChart.draw(input);
    render(figure);
    String all = String.join(" ", figure.labelTexts());
    for (CodeFrequencyChart.Item item : input.items()) {
      assertTrue(all.contains(item.name()) || String.join(" ", figure.labelTexts()).replace("  ", " ")
          .contains(item.name()), "name drawn whole: " + item.name());
      assertTrue(figure.labelTexts().contains(String.valueOf(item.count())));
    }
    assertEquals(5, CodeFrequencyChart.tickStep(20));
    assertReadable(figure);
    assertDeterministic(figure, CodeFrequencyChart.draw(input));
  }

  @Test
  void anOverwideTitleIsShrunkToFit() {
    String title = "x".repeat(180);
    var font = Text.fitting(title, new java.awt.Font(ChartFiles.FONT_FAMILY, java.awt.Font.BOLD, 16), 1580, 8f);
    assertTrue(Text.width(title, font) <= 1580);
    assertTrue(font.getSize2D() < 16);
    Map<String, Long> unused = Map.of();
    assertTrue(unused.isEmpty());
  }
}
