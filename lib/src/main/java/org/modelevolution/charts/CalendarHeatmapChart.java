package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The study's {@code RQ1Heatmap_{group}}: one calendar block per year (weekdays Monday to Sunday
 * as rows, weeks as columns, week 0 holding 1 January, as the study's {@code
 * compute_calendar_week}), cells coloured on a log scale ({@code log(1 + count)}, the study's
 * GitHub greens), every non-zero cell labelled with its count, dashed month boundaries, the
 * marked day (safetensors' first release) outlined in red, and a labelled colour bar.
 */
public final class CalendarHeatmapChart {
  static final int WIDTH = 1600;
  static final int LEFT = 78;
  static final int CELL = 24;
  /** Room right of the year blocks for the colour bar, its ticks, its title and the marked day's legend. */
  static final int RIGHT_PANEL = 130;
  static final int TOP = 44;
  static final int BLOCK_GAP = 30;
  static final Color[] GREENS = {
      new Color(0xebedf0), new Color(0xc6e48b), new Color(0x7bc96f), new Color(0x239a3b), new Color(0x196127)};
  static final Color MARK = new Color(0xd62728);
  static final Font TITLE_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 16);
  static final Font CELL_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 10);
  static final Font AXIS_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 11);
  static final Font YEAR_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 13);
  private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /**
   * @param countsByDay count per day; days absent or zero are empty cells
   * @param years the blocks, top to bottom (the study: 2022, 2023, 2024)
   * @param markedDay the day outlined in red (null for none)
   * @param markedLabel its legend text, e.g. "Safetensors' first release (2022-09-22)"
   * @param colourBarTitle e.g. "added safetensors files per day (log scale)"
   */
  public record Input(String title, SortedMap<LocalDate, Long> countsByDay, List<Integer> years,
      LocalDate markedDay, String markedLabel, String colourBarTitle, String basis, List<String> notes) {
    public Input {
      countsByDay = Collections.unmodifiableSortedMap(new TreeMap<>(countsByDay));
      years = List.copyOf(years);
      notes = List.copyOf(notes);
      if (years.isEmpty()) {
        throw new IllegalArgumentException("a calendar heat map needs at least one year");
      }
    }
  }

  private CalendarHeatmapChart() {}

  /**
   * The figure at the study's size, with its notebook-width variant ({@link Figure#notebookWidth()})
   * drawn from the same record on demand.
   */
  public static Figure draw(Input in) {
    return draw(in, WIDTH, CELL).withNotebookWidth(() -> draw(in, Figure.NOTEBOOK_WIDTH));
  }

  /** The figure laid out {@code width} pixels wide, its fonts at their fixed sizes. */
  static Figure draw(Input in, int width) {
    return draw(in, width, Math.min(CELL, (width - LEFT - RIGHT_PANEL) / 54));
  }

  /**
   * At the study's cell size a count too wide for its cell is drawn in a smaller font (down to 6
   * px); narrower cells keep the cell font, and a count that does not fit is left unlabelled and
   * counted in the caption (its colour still shows it; its number is in the table of days).
   */
  private static Figure draw(Input in, int width, int cell) {
    boolean shrink = cell == CELL;
    long max = in.countsByDay().values().stream().mapToLong(Long::longValue).max().orElse(1);
    int bodyHeight = TOP + in.years().size() * (7 * cell + BLOCK_GAP) + 10;
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    long outside = in.countsByDay().keySet().stream().filter(d -> !in.years().contains(d.getYear())).count();
    if (outside > 0) {
      caption.add(outside + " day(s) with data outside the years drawn are not shown.");
    }
    long unlabelled = in.countsByDay().entrySet().stream()
        .filter(e -> e.getValue() > 0 && in.years().contains(e.getKey().getYear()))
        .filter(e -> cellFont(String.valueOf(e.getValue()), cell, shrink) == null).count();
    if (unlabelled > 0) {
      long labelled = in.countsByDay().entrySet().stream()
          .filter(e -> e.getValue() > 0 && in.years().contains(e.getKey().getYear())).count() - unlabelled;
      caption.add("At this width " + unlabelled + " of " + (labelled + unlabelled) + " days with data show only"
          + " their colour: their count does not fit the cell at a readable size (every day's count is in the"
          + " table of days and the study-size figure).");
    }
    caption.addAll(in.notes());
    List<String> differences = new ArrayList<>();
    differences.add("a labelled colour bar (" + in.colourBarTitle() + "); the study has none");
    if (in.markedDay() != null) {
      differences.add(in.markedDay() + " is outlined in red with a legend entry; the study fills the cell red and"
          + " writes a flag and text beside it, which can cover cell counts");
    }
    differences.add("the years drawn: " + in.years() + (outside > 0 ? "; " + outside + " day(s) outside them not shown"
        : ""));
    differences.add("a caption under the blocks states the data basis");
    return Figure.of(null, width, bodyHeight, List.of(new Layer(in, Math.max(1, max), cell, shrink)), caption)
        .differing(differences);
  }

  /** Column of {@code date} in its year's block: Monday-start weeks, week 0 holds 1 January. */
  static int week(LocalDate date) {
    int jan1Weekday = LocalDate.of(date.getYear(), 1, 1).getDayOfWeek().getValue() - 1;
    return (date.getDayOfYear() - 1 + jan1Weekday) / 7;
  }

  static int row(LocalDate date) {
    return date.getDayOfWeek().getValue() - 1;
  }

  /** The cell font at the study's cell size, narrowed for counts of four digits or more so that they stay inside their cell. */
  static Font cellFont(String text) {
    return cellFont(text, CELL, true);
  }

  /**
   * The font of a count in a {@code cell}-pixel cell: narrowed (down to 6 px) when {@code shrink},
   * else the cell font or {@code null} when the count does not fit at it.
   */
  static Font cellFont(String text, int cell, boolean shrink) {
    Font font = CELL_FONT;
    if (!shrink) {
      return Text.width(text, font) > cell - 3 ? null : font;
    }
    while (Text.width(text, font) > cell - 3 && font.getSize2D() > 6f) {
      font = font.deriveFont(font.getSize2D() - 0.5f);
    }
    return font;
  }

  /** Colour of a count on the log scale {@code log(1 + count) / log(1 + max)}. */
  static Color colour(long count, long max) {
    double t = Math.log1p(count) / Math.log1p(max);
    double pos = Math.max(0, Math.min(1, t)) * (GREENS.length - 1);
    int i = Math.min(GREENS.length - 2, (int) Math.floor(pos));
    double f = pos - i;
    Color a = GREENS[i];
    Color b = GREENS[i + 1];
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private record Layer(Input in, long max, int cell, boolean shrink) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      Font title = Text.fitting(in.title(), TITLE_FONT, figure.getWidth() - 2 * Text.MARGIN, 10f);
      g.setFont(title);
      g.setColor(Color.BLACK);
      figure.label(g, in.title(), (figure.getWidth() - Text.width(in.title(), title)) / 2, 8 + Text.ascent(title));
      for (int b = 0; b < in.years().size(); b++) {
        block(g, figure, in.years().get(b), TOP + b * (7 * cell + BLOCK_GAP));
      }
      colourBar(g, figure);
    }

    private void block(Graphics2D g, Figure figure, int year, int top) {
      g.setFont(YEAR_FONT);
      g.setColor(Color.BLACK);
      String y = String.valueOf(year);
      Graphics2D r = (Graphics2D) g.create();
      r.translate(LEFT - 40 + Text.ascent(YEAR_FONT) / 2.0, top + 7 * cell / 2.0 + Text.width(y, YEAR_FONT) / 2);
      r.rotate(-Math.PI / 2);
      r.drawString(y, 0f, 0f);
      r.dispose();
      g.setFont(AXIS_FONT);
      for (int d = 0; d < 7; d++) {
        figure.label(g, WEEKDAYS[d], LEFT - 4 - Text.width(WEEKDAYS[d], AXIS_FONT),
            top + d * cell + cell / 2.0 + (Text.ascent(AXIS_FONT) - Text.descent(AXIS_FONT)) / 2.0);
      }
      LocalDate first = LocalDate.of(year, 1, 1);
      LocalDate end = first.plusYears(1);
      for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
        long count = in.countsByDay().getOrDefault(day, 0L);
        double x = LEFT + week(day) * cell;
        double yy = top + row(day) * cell;
        g.setColor(colour(count, max));
        g.fill(new Rectangle2D.Double(x + 0.5, yy + 0.5, cell - 1, cell - 1));
        if (count > 0) {
          String text = String.valueOf(count);
          Font font = cellFont(text, cell, shrink);
          if (font == null) {
            continue;
          }
          g.setFont(font);
          g.setColor(count < 0.8 * max ? Color.BLACK : Color.WHITE);
          figure.label(g, text, x + (cell - Text.width(text, font)) / 2,
              yy + cell / 2.0 + (Text.ascent(font) - Text.descent(font)) / 2.0);
        }
      }
      if (in.markedDay() != null && in.markedDay().getYear() == year) {
        g.setColor(MARK);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(new Rectangle2D.Double(LEFT + week(in.markedDay()) * cell + 1.5, top + row(in.markedDay()) * cell + 1.5,
            cell - 3, cell - 3));
      }
      // Month boundaries: the staircase between the last day of a month and the next day.
      g.setColor(Color.GRAY);
      g.setStroke(Figure.dashed(1f));
      for (int m = 1; m <= 11; m++) {
        LocalDate last = LocalDate.of(year, m, 1).plusMonths(1).minusDays(1);
        double x = LEFT + week(last) * cell;
        int rw = row(last);
        figure.line(g, x + cell, top, x + cell, top + (rw + 1) * cell);
        if (rw != 6) {
          figure.line(g, x, top + (rw + 1) * cell, x + cell, top + (rw + 1) * cell);
          figure.line(g, x, top + (rw + 1) * cell, x, top + 7 * cell);
        }
      }
      g.setStroke(new BasicStroke(1f));
      g.setFont(AXIS_FONT);
      g.setColor(Color.BLACK);
      for (int m = 1; m <= 12; m++) {
        LocalDate firstOfMonth = LocalDate.of(year, m, 1);
        String name = firstOfMonth.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        figure.label(g, name, LEFT + week(firstOfMonth) * cell + 2, top + 7 * cell + 4 + Text.ascent(AXIS_FONT));
      }
    }

    private void colourBar(Graphics2D g, Figure figure) {
      double x = LEFT + 54 * cell + 10;
      double top = TOP + 10;
      double height = Math.min(7 * cell * 1.5, 7 * cell * in.years().size() - 30);
      double barWidth = 16;
      int steps = 100;
      for (int i = 0; i < steps; i++) {
        double t = (double) i / steps;
        long count = Math.round(Math.expm1(t * Math.log1p(max)));
        g.setColor(colour(count, max));
        g.fill(new Rectangle2D.Double(x, top + height * (1 - (double) (i + 1) / steps), barWidth, height / steps + 0.5));
      }
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1f));
      g.draw(new Rectangle2D.Double(x, top, barWidth, height));
      g.setFont(AXIS_FONT);
      List<Long> ticks = new ArrayList<>(List.of(0L));
      for (long t = 1; t <= max; t *= 10) {
        ticks.add(t);
      }
      if (ticks.get(ticks.size() - 1) != max) {
        ticks.add(max);
      }
      double lastY = Double.MAX_VALUE;
      for (int i = ticks.size() - 1; i >= 0; i--) {
        long t = ticks.get(i);
        double y = top + height * (1 - Math.log1p(t) / Math.log1p(max));
        // keep tick labels apart: a decade too close to the maximum is dropped
        if (Math.abs(lastY - y) < Text.lineHeight(AXIS_FONT)) {
          continue;
        }
        figure.line(g, x + barWidth, y, x + barWidth + 4, y);
        figure.label(g, String.valueOf(t), x + barWidth + 6, y + (Text.ascent(AXIS_FONT) - Text.descent(AXIS_FONT)) / 2.0);
        lastY = y;
      }
      Graphics2D r = (Graphics2D) g.create();
      String title = in.colourBarTitle();
      double tx = x + barWidth + 40 + Text.ascent(AXIS_FONT);
      // centred on the bar, but never above the canvas (a short bar in a narrow layout)
      double ty = Math.max(top + height / 2 + Text.width(title, AXIS_FONT) / 2, 4 + Text.width(title, AXIS_FONT));
      r.translate(tx, ty);
      r.rotate(-Math.PI / 2);
      r.setColor(Color.BLACK);
      r.drawString(title, 0f, 0f);
      r.dispose();
      if (in.markedDay() != null && in.markedLabel() != null) {
        // below the bar and below the bar's title, which can be longer than a short bar
        double my = Math.max(top + height + 24, ty + 4);
        g.setColor(MARK);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(new Rectangle2D.Double(x, my, 14, 14));
        g.setColor(Color.BLACK);
        for (String line : Text.wrap(in.markedLabel(), AXIS_FONT, figure.getWidth() - x - 24 - Text.MARGIN)) {
          figure.label(g, line, x + 20, my + Text.ascent(AXIS_FONT));
          my += Text.lineHeight(AXIS_FONT);
        }
      }
    }
  }
}
