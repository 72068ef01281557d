package org.modelevolution.charts;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Text measurement with the fonts and hints the figures are drawn with. */
final class Text {
  static final int MARGIN = 10;
  private static final Graphics2D MEASURE;

  static {
    ChartFiles.configureAwt();
    MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    MEASURE.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    MEASURE.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
  }

  private Text() {}

  static synchronized FontMetrics metrics(Font font) {
    return MEASURE.getFontMetrics(font);
  }

  static synchronized double width(String text, Font font) {
    return metrics(font).getStringBounds(text, MEASURE).getWidth();
  }

  static int ascent(Font font) {
    return metrics(font).getAscent();
  }

  static int descent(Font font) {
    return metrics(font).getDescent();
  }

  static int lineHeight(Font font) {
    return metrics(font).getHeight();
  }

  /** The box of {@code text} drawn with its baseline start at {@code (x, y)}. */
  static Rectangle2D box(String text, Font font, double x, double y) {
    return new Rectangle2D.Double(x, y - ascent(font), width(text, font), ascent(font) + descent(font));
  }

  /** {@code font} shrunk (to at least {@code minSize}) until {@code text} fits {@code maxWidth}. */
  static Font fitting(String text, Font font, double maxWidth, float minSize) {
    Font f = font;
    while (width(text, f) > maxWidth && f.getSize2D() > minSize) {
      f = f.deriveFont(f.getSize2D() - 0.5f);
    }
    if (width(text, f) > maxWidth) {
      throw new IllegalArgumentException("title does not fit " + (int) maxWidth + " px even at " + minSize
          + " pt: '" + text + "'");
    }
    return f;
  }

  /** Splits {@code text} at spaces into lines no wider than {@code width}. */
  static List<String> wrap(String text, Font font, double width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (width(candidate, font) > width && !line.isEmpty()) {
        out.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (!line.isEmpty()) {
      out.add(line.toString());
    }
    return out;
  }
}
