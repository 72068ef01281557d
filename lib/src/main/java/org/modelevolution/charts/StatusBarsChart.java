package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's {@code RQ3StatusDistribution*}: one horizontal 100% bar per row (creation years,
 * "All years", the staff / non-staff totals), segments in the study's status colours with
 * "x.x%" labels in the darker shade, n at the end of each bar, a separator line between the years
 * and the totals. A segment is labelled only when it is non-zero and its label fits inside it with
 * 3 px to spare on each side (at 13 pt, else at 10 pt); the caption states that rule, so no label ever overprints another.
 */
public final class StatusBarsChart {
  static final int WIDTH = 1600;
  static final int BAR = 34;
  static final int ROW = 50;
  static final Font TITLE_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 16);
  static final Font LABEL_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 13);
  static final Font SMALL_LABEL_FONT = new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 10);
  static final Font AXIS_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 13);
  /** The study's status colours (light for bars, dark for labels). */
  static final Map<String, Color[]> STATUS_COLOURS = Map.of(
      "open", new Color[] {new Color(0x87a1c1), new Color(0x2d4460)},
      "merged", new Color[] {new Color(0x8fc685), new Color(0x325c2d)},
      "closed", new Color[] {new Color(0xec8a89), new Color(0x8a3434)},
      "closed (has conflicts)", new Color[] {new Color(0xf5b870), new Color(0x9a531b)},
      "open (has conflicts)", new Color[] {new Color(0xa7d0c8), new Color(0x466a68)});
  private static final Color[] OTHER = {new Color(0xcccccc), new Color(0x444444)};

  /**
   * One bar.
   *
   * @param label row label, e.g. "2023" or "All years (HF Staff)"
   * @param countsByStatus PRs per status (statuses missing count as zero); empty for a bar drawn from
   *     published percentages
   * @param percentByStatus the percentages as published (the study's bar labels), when the counts are
   *     not known; empty for a bar drawn from counts
   * @param note drawn after n, e.g. "January–April only" for a partial year; null for none
   */
  public record Bar(String label, Map<String, Long> countsByStatus, Map<String, Double> percentByStatus, String note) {
    public Bar {
      countsByStatus = Collections.unmodifiableMap(new LinkedHashMap<>(countsByStatus));
      percentByStatus = Collections.unmodifiableMap(new LinkedHashMap<>(percentByStatus));
      if (!countsByStatus.isEmpty() && !percentByStatus.isEmpty()) {
        throw new IllegalArgumentException("bar '" + label + "': counts or published percentages, not both");
      }
    }

    /** A bar of PRs counted per status. */
    public Bar(String label, Map<String, Long> countsByStatus, String note) {
      this(label, countsByStatus, Map.of(), note);
    }

    /** A bar of published percentages (one decimal, as the study labelled them): its n is not known. */
    public static Bar ofPercentages(String label, Map<String, Double> percentByStatus, String note) {
      return new Bar(label, Map.of(), percentByStatus, note);
    }

    public long n() {
      return countsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The share of {@code status} in percent: published, or counted. */
    public double share(String status) {
      if (!percentByStatus.isEmpty()) {
        return percentByStatus.getOrDefault(status, 0.0);
      }
      long n = n();
      return n == 0 ? 0 : 100.0 * countsByStatus.getOrDefault(status, 0L) / n;
    }
  }

  /**
   * @param statuses segment order left to right, also the legend order
   * @param bars top to bottom
   * @param separatorAfter a line is drawn below this many bars (0 for none)
   */
  public record Input(String title, String yAxisTitle, String xAxisTitle, List<String> statuses, List<Bar> bars,
      int separatorAfter, String basis, List<String> notes) {
    public Input {
      statuses = List.copyOf(statuses);
      bars = List.copyOf(bars);
      notes = List.copyOf(notes);
      for (Bar bar : bars) {
        Map<String, Number> values = new LinkedHashMap<>(bar.countsByStatus());
        values.putAll(bar.percentByStatus());
        for (Map.Entry<String, Number> e : values.entrySet()) {
          if (e.getValue().doubleValue() != 0 && !statuses.contains(e.getKey())) {
            throw new IllegalArgumentException("bar '" + bar.label() + "' counts status '" + e.getKey()
                + "' which is not among the statuses drawn " + statuses + "; its bar would not reach 100%");
          }
        }
      }
    }
  }

  private StatusBarsChart() {}

  /**
   * The figure at the study's size, with its notebook-width variant ({@link Figure#notebookWidth()})
   * drawn from the same record on demand.
   */
  public static Figure draw(Input in) {
    return draw(in, WIDTH).withNotebookWidth(() -> draw(in, Figure.NOTEBOOK_WIDTH));
  }

  /** The figure laid out {@code width} pixels wide, its fonts at their fixed sizes. */
  static Figure draw(Input in, int width) {
    int bodyHeight = 50 + in.bars().size() * ROW + 60 + 50;
    List<String> caption = new ArrayList<>();
    caption.add("Data: " + in.basis() + ".");
    caption.add("Segment labels: shown for every non-zero segment wide enough for its label; narrower ones are"
        + " unlabelled (see the table).");
    caption.addAll(in.notes());
    boolean published = in.bars().stream().anyMatch(b -> !b.percentByStatus().isEmpty());
    List<String> differences = new ArrayList<>();
    differences.add(published ? "redrawn from the study's published bar labels (one decimal), not recomputed: bar"
        + " widths are the printed percentages and no bar has an n" : "each bar ends with its n (PRs)");
    differences.add("a segment is labelled only when its label fits inside it; the study places small labels outside"
        + " with offsets");
    differences.add("bars top to bottom: " + in.bars().stream().map(Bar::label).toList()
        + (in.separatorAfter() > 0 ? ", a line below the first " + in.separatorAfter() : ""));
    differences.add("a caption under the bars states the data basis");
    return Figure.of(null, width, bodyHeight, List.of(new Layer(in)), caption).differing(differences);
  }

  static Color[] colours(String status) {
    return STATUS_COLOURS.getOrDefault(status, OTHER);
  }

  static String percent(double value) {
    return new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value) + "%";
  }

  private record Layer(Input in) implements Figure.Layer {
    @Override
    public void paint(Graphics2D g, Figure figure) {
      Font title = Text.fitting(in.title(), TITLE_FONT, figure.getWidth() - 2 * Text.MARGIN, 10f);
      g.setFont(title);
      g.setColor(Color.BLACK);
      figure.label(g, in.title(), (figure.getWidth() - Text.width(in.title(), title)) / 2, 10 + Text.ascent(title));
      double labelWidth = in.bars().stream().mapToDouble(b -> Text.width(b.label(), AXIS_FONT)).max().orElse(0);
      double left = 40 + labelWidth + 10;
      double right = figure.getWidth() - 260;
      double top = 50;
      double scale = (right - left) / 100.0;
      for (int i = 0; i < in.bars().size(); i++) {
        Bar bar = in.bars().get(i);
        double y = top + i * ROW + (ROW - BAR) / 2.0;
        g.setFont(AXIS_FONT);
        g.setColor(Color.BLACK);
        figure.label(g, bar.label(), left - 8 - Text.width(bar.label(), AXIS_FONT),
            y + BAR / 2.0 + (Text.ascent(AXIS_FONT) - Text.descent(AXIS_FONT)) / 2.0);
        long n = bar.n();
        double x = left;
        for (String status : in.statuses()) {
          double share = bar.share(status);
          if (share == 0) {
            continue;
          }
          double w = share * scale;
          g.setColor(colours(status)[0]);
          g.fill(new Rectangle2D.Double(x, y, w, BAR));
          String text = percent(share);
          Font font = Text.width(text, LABEL_FONT) + 6 <= w ? LABEL_FONT : SMALL_LABEL_FONT;
          g.setFont(font);
          double tw = Text.width(text, font);
          if (tw + 6 <= w) {
            g.setColor(colours(status)[1]);
            figure.label(g, text, x + (w - tw) / 2, y + BAR / 2.0 + (Text.ascent(font) - Text.descent(font)) / 2.0);
          }
          x += w;
        }
        g.setFont(AXIS_FONT);
        g.setColor(Figure.INK);
        String end = (bar.percentByStatus().isEmpty() ? "n = " + String.format(Locale.ROOT, "%,d", n) : "n not published")
            + (bar.note() == null ? "" : " (" + bar.note() + ")");
        figure.label(g, end, right + 8, y + BAR / 2.0 + (Text.ascent(AXIS_FONT) - Text.descent(AXIS_FONT)) / 2.0);
      }
      double bottom = top + in.bars().size() * ROW;
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1f));
      if (in.separatorAfter() > 0 && in.separatorAfter() < in.bars().size()) {
        double sy = top + in.separatorAfter() * ROW;
        figure.line(g, left - 30, sy, right, sy);
      }
      figure.line(g, left, bottom, right, bottom);
      figure.line(g, left, top, left, bottom);
      g.setFont(AXIS_FONT);
      for (int t = 0; t <= 100; t += 20) {
        double tx = left + t * scale;
        figure.line(g, tx, bottom, tx, bottom + 5);
        String s = String.valueOf(t);
        figure.label(g, s, tx - Text.width(s, AXIS_FONT) / 2, bottom + 7 + Text.ascent(AXIS_FONT));
      }
      g.setColor(Color.BLACK);
      String xt = in.xAxisTitle();
      figure.label(g, xt, (left + right - Text.width(xt, AXIS_FONT)) / 2, bottom + 28 + Text.ascent(AXIS_FONT));
      Graphics2D r = (Graphics2D) g.create();
      r.translate(10 + Text.ascent(AXIS_FONT), (top + bottom) / 2 + Text.width(in.yAxisTitle(), AXIS_FONT) / 2);
      r.rotate(-Math.PI / 2);
      r.drawString(in.yAxisTitle(), 0f, 0f);
      r.dispose();
      // Legend below the axis title, one row, centred.
      double ly = bottom + 62;
      double total = 0;
      for (String s : in.statuses()) {
        total += 22 + Text.width(s, AXIS_FONT) + 24;
      }
      double lx = (figure.getWidth() - total) / 2;
      figure.label(g, "Status:", lx - 8 - Text.width("Status:", AXIS_FONT), ly + Text.ascent(AXIS_FONT));
      for (String s : in.statuses()) {
        g.setColor(colours(s)[0]);
        g.fill(new Rectangle2D.Double(lx, ly + 2, 16, 12));
        g.setColor(Color.BLACK);
        figure.label(g, s, lx + 22, ly + Text.ascent(AXIS_FONT));
        lx += 22 + Text.width(s, AXIS_FONT) + 24;
      }
    }
  }
}
