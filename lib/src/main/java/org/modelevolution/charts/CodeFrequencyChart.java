package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * RQ4 code (or category) frequencies as horizontal bars, most frequent at the top as given, the
 * full category name left of its bar (wrapped onto two lines when long), the count at the bar's
 * end, integer ticks.
 */
public final class CodeFrequencyChart {
  static final int WIDTH = 1400;
  static final int ROW = 34;
  static final double NAME_COLUMN = 520;
  static final Font TITLE_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 16);
  static final Font NAME_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12);
  static final Font AXIS_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12);
  static final Color BAR = new Color(0x1f77b4);

  /** One bar: a category and its count. */
  public record Item(String name, long count) {}

  /** @param items top to bottom */
  public record Input(String title, String xAxisTitle, List<Item> items, String basis, List<String> notes) {
    public Input {
      items = List.copyOf(items);
      notes = List.copyOf(notes);
    }
  }

  private CodeFrequencyChart() {}

  /**
   * The figure at the study's size, with its notebook-width variant ({@link Figure#notebookWidth()})
   * drawn from the same record on demand.
   */
  public static Figure draw(Input in) {
    return draw(in, WIDTH).withNotebookWidth(() -> draw(in, Figure.NOTEBOOK_WIDTH));
  }

  /** The figure laid out {@code width} pixels wide, its fonts at their fixed sizes. */
  static Figure draw(Input in, int width) {
    int bodyHeight = 50 + in.items().size() * ROW + 60;
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    caption.addAll(in.notes());
    return Figure.of(null, width, bodyHeight, List.of(new Layer(in)), caption);
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving at most about eight ticks up to {@code max}. */
  static long tickStep(long max) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (max / (m * step) <= 8) {
          return m * step;
        }
      }
      step *= 10;
    }
  }

  private record Layer(Input in) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      Font title = Text.fitting(in.title(), TITLE_FONT, figure.getWidth() - 2 * Text.MARGIN, 10f);
      g.setFont(title);
      g.setColor(Color.BLACK);
      figure.label(g, in.title(), (figure.getWidth() - Text.width(in.title(), title)) / 2, 10 + Text.ascent(title));
      double left = Text.MARGIN + NAME_COLUMN + 10;
      double right = figure.getWidth() - 60;
      double top = 50;
      long max = Math.max(1, in.items().stream().mapToLong(Item::count).max().orElse(1));
      long step = tickStep(max);
      long axisMax = ((max + step - 1) / step) * step;
      double scale = (right - left) / axisMax;
      for (int i = 0; i < in.items().size(); i++) {
        Item item = in.items().get(i);
        double y = top + i * ROW;
        double mid = y + ROW / 2.0;
        List<String> lines = Text.wrap(item.name(), NAME_FONT, NAME_COLUMN);
        if (lines.size() > 2) {
          throw new IllegalArgumentException("category name too long for two lines: " + item.name());
        }
        g.setFont(NAME_FONT);
        g.setColor(Color.BLACK);
        double lh = Text.lineHeight(NAME_FONT);
        double firstBaseline = mid - lh * lines.size() / 2.0 + Text.ascent(NAME_FONT);
        for (int l = 0; l < lines.size(); l++) {
          figure.label(g, lines.get(l), left - 10 - Text.width(lines.get(l), NAME_FONT), firstBaseline + l * lh);
        }
        double w = item.count() * scale;
        g.setColor(BAR);
        g.fill(new Rectangle2D.Double(left, y + 6, w, ROW - 12));
        g.setColor(Figure.INK);
        figure.label(g, String.valueOf(item.count()), left + w + 4,
            mid + (Text.ascent(AXIS_FONT) - Text.descent(AXIS_FONT)) / 2.0);
      }
      double bottom = top + in.items().size() * ROW;
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1f));
      figure.line(g, left, top, left, bottom);
      figure.line(g, left, bottom, right, bottom);
      g.setFont(AXIS_FONT);
      for (long t = 0; t <= axisMax; t += step) {
        double tx = left + t * scale;
        figure.line(g, tx, bottom, tx, bottom + 5);
        String s = String.valueOf(t);
        figure.label(g, s, tx - Text.width(s, AXIS_FONT) / 2, bottom + 7 + Text.ascent(AXIS_FONT));
      }
      g.setColor(Color.BLACK);
      figure.label(g, in.xAxisTitle(), (left + right - Text.width(in.xAxisTitle(), AXIS_FONT)) / 2,
          bottom + 30 + Text.ascent(AXIS_FONT));
    }
  }
}
