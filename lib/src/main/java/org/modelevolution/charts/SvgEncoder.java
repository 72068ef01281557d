package org.modelevolution.charts;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetBackgroundCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetXORModeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.StateCommand;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;
import java.awt.geom.RoundRectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the SVG file of a drawing recorded by VectorGraphics2D with the same bytes as the
 * library's own SVG writer (XChart's {@code VectorGraphicsEncoder}: VectorGraphics2D 0.13's
 * {@code SVGProcessor}), without its costs: that writer builds a DOM, formats every coordinate with
 * a shared {@code DecimalFormat} and serialises the DOM with the JDK's XSLT serializer (together
 * about a quarter of the CPU of a {@code reproduce} on the study's data); this walks the same
 * commands once and writes the text.
 *
 * <p>It follows that writer's rules: consecutive state changes form a group, and a group that sets a
 * clip or a transform opens a new {@code <g>} (written only once something is drawn in it, its clip
 * in {@code <defs>} regardless; state changes after the last drawing are dropped); elements carry their attributes in name order (the DOM keeps them
 * sorted); styles, colours, transforms and path data are spelled as the library spells them (numbers
 * through the same {@code DecimalFormat} settings: at most 15 fraction digits for doubles, 6 for
 * floats, except a line-to's x, which the library appends with {@code Double.toString}); the
 * serializer's indentation of two spaces per level, its XML declaration and doctype, and its
 * escaping ({@code & < >} in text; {@code "} as well in attributes).
 *
 * <p>What it has not been checked to reproduce, it leaves to the library rather than guess: a
 * non-colour paint (the library rasterises such fills), images, CMYK colours, text or attribute
 * characters outside printable ASCII and the Basic Multilingual Plane's ordinary characters
 * (controls, surrogates, U+007F to U+009F, U+FFFE/U+FFFF), infinite or NaN coordinates. For those
 * {@link #encode} returns the library's bytes. {@code SvgEncoderTest} compares both writers on every
 * chart class and on edge cases, so a library or JDK upgrade that changes the bytes is caught there.
 */
final class SvgEncoder {
  private static final String NEWLINE = System.lineSeparator();
  private static final String SVG_NAMESPACE_URI = "http://www.w3.org/2000/svg";
  private static final String XLINK_NAMESPACE_URI = "http://www.w3.org/1999/xlink";
  private static final String CLIP_PREFIX = "clip";
  private static final double DYADIC_SCALE = 32768.0; // 2^15: a multiple of 2^-15 has at most 15 fraction digits
  private static final long FIVE_POW_15 = 30_517_578_125L; // 10^15 / 2^15
  private static final long SIGNIFICAND_BITS = 0x000F_FFFF_FFFF_FFFFL;

  /** Raised where the library's output has not been checked; the caller falls back to the library. */
  private static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private final DecimalFormat doubleFormat = decimalFormat(15);
  private final DecimalFormat floatFormat = decimalFormat(6);
  private final Map<Font, String> fontStyles = new HashMap<>();
  private final Map<Float, String> floats = new HashMap<>();
  private final Deque<GraphicsState> states = new ArrayDeque<>();
  private final StringBuilder body = new StringBuilder(1 << 16);
  private final StringBuilder defs = new StringBuilder();
  private final Set<Integer> clipIds = new HashSet<>();
  private boolean lastFilled;
  private Color lastColor;
  private Stroke lastStroke;
  private String lastStyle;
  private Color lastTextColor;
  private Font lastTextFont;
  private String lastTextStyle;
  /** The open {@code <g>}'s start tag while nothing is drawn in it yet; {@code null} once written or at the root. */
  private String pendingGroup;
  private boolean inGroup;
  private boolean groupWritten;

  /** One encoder per drawing (it holds the drawing's state); package-private for the tests of {@link #number}. */
  SvgEncoder() {
    states.push(new GraphicsState());
  }

  /**
   * The SVG file of {@code commands} (a VectorGraphics2D recording) on a page of {@code width} x
   * {@code height} at the origin, byte for byte what {@code VectorGraphicsEncoder} writes for the
   * same drawing.
   */
  static byte[] encode(CommandSequence commands, double width, double height) {
    PageSize page = new PageSize(0.0, 0.0, width, height);
    try {
      return new SvgEncoder().write(commands, page);
    } catch (Unsupported e) {
      // As ChartFiles wrote the library's output before this class: decoded and encoded again as
      // UTF-8 (which replaces what the serializer may write for a lone surrogate).
      return new String(library(commands, page), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The library's own SVG writer, for what {@link #encode} does not reproduce and for the tests. */
  static byte[] library(CommandSequence commands, PageSize page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(commands, page).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise an SVG document in memory", e);
    }
    return out.toByteArray();
  }

  /** Like {@link #encode} but {@code null} where it would fall back to the library (for the tests). */
  static byte[] encodeOrNull(CommandSequence commands, double width, double height) {
    try {
      return new SvgEncoder().write(commands, new PageSize(0.0, 0.0, width, height));
    } catch (Unsupported e) {
      return null;
    }
  }

  private static DecimalFormat decimalFormat(int maximumFractionDigits) {
    // The library's DataUtils formats: pattern "0", English symbols, no grouping.
    DecimalFormat format = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    format.setMaximumFractionDigits(maximumFractionDigits);
    return format;
  }

  private byte[] write(CommandSequence commands, PageSize page) {
    List<Command<?>> stateChanges = new ArrayList<>();
    for (Command<?> command : commands) {
      if (command instanceof StateCommand) {
        stateChanges.add(command);
        continue;
      }
      if (!stateChanges.isEmpty()) {
        applyGroup(stateChanges);
        stateChanges.clear();
      }
      if (command instanceof DrawShapeCommand c) {
        shapeElement(c.getValue(), shapeStyle(false));
      } else if (command instanceof FillShapeCommand c) {
        shapeElement(c.getValue(), shapeStyle(true));
      } else if (command instanceof DrawStringCommand c) {
        textElement(c.getValue(), c.getX(), c.getY());
      } else {
        throw new Unsupported(command.getClass().getSimpleName());
      }
    }
    // State changes after the last drawing are never applied: the library's grouping filter reports
    // no further command once only state changes remain (so no clip of theirs reaches <defs>).
    if (body.isEmpty()) {
      throw new Unsupported("an empty drawing");
    }
    StringBuilder svg = new StringBuilder(body.length() + defs.length() + 512);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>").append(NEWLINE)
        .append("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">")
        .append(NEWLINE);
    svg.append("<svg xmlns:xlink=\"").append(XLINK_NAMESPACE_URI).append("\" height=\"")
        .append(number(page.getHeight())).append("px\" version=\"1.1\" viewBox=\"").append(number(page.getX()))
        .append(' ').append(number(page.getY())).append(' ').append(number(page.getWidth())).append(' ')
        .append(number(page.getHeight())).append("\" width=\"").append(number(page.getWidth()))
        .append("px\" x=\"").append(number(page.getX())).append("px\" y=\"").append(number(page.getY()))
        .append("px\" xmlns=\"").append(SVG_NAMESPACE_URI).append("\">").append(NEWLINE);
    if (!defs.isEmpty()) {
      svg.append("  <defs>").append(NEWLINE).append(defs).append("  </defs>").append(NEWLINE);
    }
    svg.append(body);
    if (inGroup && groupWritten) {
      svg.append("  </g>").append(NEWLINE);
    }
    svg.append("</svg>").append(NEWLINE);
    return svg.toString().getBytes(StandardCharsets.UTF_8);
  }

  private GraphicsState state() {
    return states.peek();
  }

  /** The library's handling of a group of state changes: apply them, then open a new {@code <g>} on a clip or transform. */
  private void applyGroup(List<Command<?>> group) {
    boolean newGroup = false;
    for (Command<?> command : group) {
      GraphicsState state = state();
      if (command instanceof SetBackgroundCommand c) {
        state.setBackground(c.getValue());
      } else if (command instanceof SetClipCommand c) {
        state.setClip(c.getValue());
        newGroup = true;
      } else if (command instanceof SetColorCommand c) {
        state.setColor(c.getValue());
      } else if (command instanceof SetCompositeCommand c) {
        state.setComposite(c.getValue());
      } else if (command instanceof SetFontCommand c) {
        state.setFont(c.getValue());
      } else if (command instanceof SetStrokeCommand c) {
        state.setStroke(c.getValue());
      } else if (command instanceof SetTransformCommand c) {
        state.setTransform(c.getValue());
        newGroup = true;
      } else if (command instanceof AffineTransformCommand c) {
        AffineTransform transform = state.getTransform();
        transform.concatenate(c.getValue());
        state.setTransform(transform);
        newGroup = true;
      } else if (command instanceof SetHintCommand c) {
        state.getHints().put(c.getKey(), c.getValue());
      } else if (command instanceof CreateCommand) {
        try {
          states.push((GraphicsState) state.clone());
        } catch (CloneNotSupportedException e) {
          throw new IllegalStateException(e);
        }
      } else if (command instanceof DisposeCommand) {
        states.pop();
      } else if (!(command instanceof SetXORModeCommand)) {
        // A non-colour paint: the library draws the fills it paints as embedded images.
        throw new Unsupported(command.getClass().getSimpleName());
      }
    }
    if (newGroup) {
      openGroup();
    }
  }

  private void openGroup() {
    if (inGroup && groupWritten) {
      body.append("  </g>").append(NEWLINE);
    }
    StringBuilder tag = new StringBuilder("  <g");
    Shape clip = state().getClip();
    if (clip != GraphicsState.DEFAULT_CLIP) {
      int id = clip.hashCode();
      if (clipIds.add(id)) {
        defs.append("    <clipPath id=\"").append(CLIP_PREFIX).append(id).append("\">").append(NEWLINE);
        defs.append("      ");
        shapeTag(defs, clip, null);
        defs.append(NEWLINE).append("    </clipPath>").append(NEWLINE);
      }
      tag.append(" clip-path=\"url(#").append(CLIP_PREFIX).append(id).append(")\"");
    }
    AffineTransform transform = state().getTransform();
    if (!GraphicsState.DEFAULT_TRANSFORM.equals(transform)) {
      tag.append(" transform=\"").append(transform(transform)).append('"');
    }
    tag.append('>');
    pendingGroup = tag.toString();
    inGroup = true;
    groupWritten = false;
  }

  /** Starts an element's line: at the root, or in the open group (written before its first element). */
  private void startElement() {
    if (inGroup) {
      if (!groupWritten) {
        body.append(pendingGroup).append(NEWLINE);
        groupWritten = true;
        pendingGroup = null;
      }
      body.append("    ");
    } else {
      body.append("  ");
    }
  }

  private void shapeElement(Shape shape, String style) {
    startElement();
    shapeTag(body, shape, style);
    body.append(NEWLINE);
  }

  private void textElement(String text, double x, double y) {
    startElement();
    body.append("<text style=\"").append(textStyle()).append('"');
    numberAttribute(body, "x", x);
    numberAttribute(body, "y", y);
    body.append('>');
    text(body, text);
    body.append("</text>").append(NEWLINE);
  }

  /**
   * The element of {@code shape} with its attributes in name order; {@code style} (escaped) null for a
   * clip path's shape.
   */
  private void shapeTag(StringBuilder out, Shape shape, String style) {
    if (shape instanceof Line2D s) {
      out.append("<line");
      styleAttribute(out, style);
      numberAttribute(out, "x1", s.getX1());
      numberAttribute(out, "x2", s.getX2());
      numberAttribute(out, "y1", s.getY1());
      numberAttribute(out, "y2", s.getY2());
    } else if (shape instanceof Rectangle2D s) {
      out.append("<rect");
      numberAttribute(out, "height", s.getHeight());
      styleAttribute(out, style);
      widthAndCorner(out, s);
    } else if (shape instanceof RoundRectangle2D s) {
      out.append("<rect");
      numberAttribute(out, "height", s.getHeight());
      numberAttribute(out, "rx", s.getArcWidth() / 2.0);
      numberAttribute(out, "ry", s.getArcHeight() / 2.0);
      styleAttribute(out, style);
      widthAndCorner(out, s);
    } else if (shape instanceof Ellipse2D s) {
      out.append("<ellipse");
      numberAttribute(out, "cx", s.getCenterX());
      numberAttribute(out, "cy", s.getCenterY());
      numberAttribute(out, "rx", s.getWidth() / 2.0);
      numberAttribute(out, "ry", s.getHeight() / 2.0);
      styleAttribute(out, style);
    } else {
      out.append("<path d=\"");
      pathData(out, shape);
      out.append('"');
      styleAttribute(out, style);
    }
    out.append("/>");
  }

  /** A rectangle's attributes after its style, as the library writes them: width, then its corner. */
  private void widthAndCorner(StringBuilder out, RectangularShape s) {
    numberAttribute(out, "width", s.getWidth());
    numberAttribute(out, "x", s.getX());
    numberAttribute(out, "y", s.getY());
  }

  /** {@code  name="value"}, the value written as the library writes numbers. */
  private void numberAttribute(StringBuilder out, String name, double value) {
    out.append(' ').append(name).append("=\"");
    number(out, value);
    out.append('"');
  }

  private static void styleAttribute(StringBuilder out, String style) {
    if (style != null) {
      out.append(" style=\"").append(style).append('"');
    }
  }

  /** The library's path data: segments separated by spaces; a line-to's x appended as {@code Double.toString} does. */
  private void pathData(StringBuilder out, Shape shape) {
    PathIterator segments = shape.getPathIterator(null);
    double[] c = new double[6];
    for (int i = 0; !segments.isDone(); i++, segments.next()) {
      if (i > 0) {
        out.append(' ');
      }
      switch (segments.currentSegment(c)) {
        case PathIterator.SEG_MOVETO -> points(out.append('M'), c, 1);
        case PathIterator.SEG_LINETO -> {
          out.append('L').append(c[0]).append(',');
          number(out, c[1]);
        }
        case PathIterator.SEG_CUBICTO -> points(out.append('C'), c, 3);
        case PathIterator.SEG_QUADTO -> points(out.append('Q'), c, 2);
        case PathIterator.SEG_CLOSE -> out.append('Z');
        default -> throw new IllegalStateException("Unknown path operation.");
      }
    }
  }

  /** {@code count} points "x,y" separated by spaces. */
  private void points(StringBuilder out, double[] c, int count) {
    for (int p = 0; p < count; p++) {
      if (p > 0) {
        out.append(' ');
      }
      number(out, c[2 * p]);
      out.append(',');
      number(out, c[2 * p + 1]);
    }
  }

  /** The escaped style of a drawn or filled shape in the current state; the last one is kept for the next shape. */
  private String shapeStyle(boolean filled) {
    Color color = state().getColor();
    Stroke stroke = filled ? null : state().getStroke();
    if (filled != lastFilled || !sameColour(color, lastColor) || !java.util.Objects.equals(stroke, lastStroke)) {
      StringBuilder escaped = new StringBuilder();
      attribute(escaped, style(filled));
      lastStyle = escaped.toString();
      lastFilled = filled;
      lastColor = color;
      lastStroke = stroke;
    }
    return lastStyle;
  }

  /** The escaped style of text in the current state (fill, then font). */
  private String textStyle() {
    Color color = state().getColor();
    Font font = state().getFont();
    if (!sameColour(color, lastTextColor) || !font.equals(lastTextFont)) {
      String style = style(true);
      if (!GraphicsState.DEFAULT_FONT.equals(font)) {
        style += fontStyles.computeIfAbsent(font, this::fontStyle);
      }
      StringBuilder escaped = new StringBuilder();
      attribute(escaped, style);
      lastTextStyle = escaped.toString();
      lastTextColor = color;
      lastTextFont = font;
    }
    return lastTextStyle;
  }

  /** Colours the library writes alike: same components and colour space ({@code Color.equals} compares RGB only). */
  private static boolean sameColour(Color a, Color b) {
    return b != null && a.equals(b) && a.getColorSpace() == b.getColorSpace();
  }

  private String style(boolean filled) {
    Color color = state().getColor();
    String colour = colour(color);
    StringBuilder style = new StringBuilder(64);
    if (filled) {
      style.append("fill:").append(colour).append(';');
      if (color.getAlpha() < 255) {
        style.append("fill-opacity:").append(number(color.getAlpha() / 255.0)).append(';');
      }
      style.append("stroke:none;");
      return style.toString();
    }
    style.append("fill:none;stroke:").append(colour).append(';');
    if (color.getAlpha() < 255) {
      style.append("stroke-opacity:").append(number(color.getAlpha() / 255.0)).append(';');
    }
    Stroke stroke = state().getStroke();
    if (stroke instanceof BasicStroke s) {
      if (s.getLineWidth() != 1f) {
        style.append("stroke-width:").append(number(s.getLineWidth())).append(';');
      }
      if (s.getMiterLimit() != 4f) {
        style.append("stroke-miterlimit:").append(number(s.getMiterLimit())).append(';');
      }
      if (s.getEndCap() != BasicStroke.CAP_BUTT) {
        style.append("stroke-linecap:").append(s.getEndCap() == BasicStroke.CAP_ROUND ? "round" : "square")
            .append(';');
      }
      if (s.getLineJoin() != BasicStroke.JOIN_MITER) {
        style.append("stroke-linejoin:").append(s.getLineJoin() == BasicStroke.JOIN_ROUND ? "round" : "bevel")
            .append(';');
      }
      float[] dashes = s.getDashArray();
      if (dashes != null) {
        style.append("stroke-dasharray:");
        for (int i = 0; i < dashes.length; i++) {
          style.append(i > 0 ? "," : "").append(number(dashes[i]));
        }
        style.append(';');
        if (s.getDashPhase() != 0f) {
          style.append("stroke-dashoffset:").append(number(s.getDashPhase())).append(';');
        }
      }
    }
    return style.toString();
  }

  private static String colour(Color color) {
    if (color.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
      throw new Unsupported("a CMYK colour");
    }
    return "rgb(" + color.getRed() + ',' + color.getGreen() + ',' + color.getBlue() + ')';
  }

  private String fontStyle(Font font) {
    StringBuilder out = new StringBuilder();
    if (!GraphicsState.DEFAULT_FONT.getFamily().equals(font.getFamily())) {
      out.append("font-family:\"").append(GraphicsUtils.getPhysicalFont(font).getFamily()).append("\";");
    }
    if (font.getSize2D() != GraphicsState.DEFAULT_FONT.getSize2D()) {
      out.append("font-size:").append(number(font.getSize2D())).append("px;");
    }
    if ((font.getStyle() & Font.ITALIC) != 0) {
      out.append("font-style:italic;");
    }
    if ((font.getStyle() & Font.BOLD) != 0) {
      out.append("font-weight:bold;");
    }
    return out.toString();
  }

  private String transform(AffineTransform tx) {
    if (AffineTransform.getTranslateInstance(tx.getTranslateX(), tx.getTranslateY()).equals(tx)) {
      return "translate(" + number(tx.getTranslateX()) + " " + number(tx.getTranslateY()) + ")";
    }
    double[] m = new double[6];
    tx.getMatrix(m);
    StringBuilder out = new StringBuilder("matrix(");
    for (int i = 0; i < m.length; i++) {
      out.append(i > 0 ? " " : "").append(number(m[i]));
    }
    return out.append(')').toString();
  }

  /**
   * A double as the library's {@code DecimalFormat} writes it: the digits of the JDK's
   * {@code FloatingDecimal} conversion (the old {@code Double.toString}, a Steele-White free-format
   * conversion: the shortest digits strictly within half an ulp of the value, the closer of two),
   * rounded half-even to 15 fraction digits. Written here directly, without rounding, where it
   * provably needs none:
   * <ul>
   *   <li>integers and multiples of 2^-15 (the halves and sixty-fourths most coordinates are) whose
   *       exact value has at most 15 significant digits: those digits are the exact value, since no
   *       other decimal of at most 15 digits rounds to the same double;</li>
   *   <li>other values from 10^-3 to 10^7 that are not powers of two, whose shortest digits have at
   *       most 15 fraction digits: in that range the old conversion needs no exponent form and its
   *       half-ulp interval is symmetric, the interval's ends are never decimals of 17 digits or fewer,
   *       so its digits are the shortest-closest ones that {@code Double.toString} has produced since
   *       JDK 19 (and the very same conversion before).</li>
   * </ul>
   * Every other value goes through a {@code DecimalFormat} of the same settings; the tests compare
   * both on millions of values.
   */
  String number(double v) {
    StringBuilder out = new StringBuilder(24);
    number(out, v);
    return out.toString();
  }

  /** Appends {@link #number(double) number(v)} to {@code out}. */
  void number(StringBuilder out, double v) {
    if (!Double.isFinite(v)) {
      throw new Unsupported("a coordinate of " + v);
    }
    double scaled = v * DYADIC_SCALE;
    if (Math.abs(scaled) < 0x1p53 && scaled == Math.rint(scaled) && !(v == 0.0 && 1 / v < 0)) {
      long units = (long) scaled;
      long magnitude = Math.abs(units);
      long whole = magnitude >>> 15;
      long fraction = (magnitude & 0x7FFF) * FIVE_POW_15; // the fraction times 10^15
      if (fraction == 0) {
        out.append(units < 0 ? "-" : "").append(whole);
        return;
      }
      int fractionDigits = 15;
      while (fraction % 10 == 0) {
        fraction /= 10;
        fractionDigits--;
      }
      if (whole == 0 || digits(whole) + fractionDigits <= 15) {
        out.append(units < 0 ? "-" : "").append(whole).append('.');
        for (int i = digits(fraction); i < fractionDigits; i++) {
          out.append('0');
        }
        out.append(fraction);
        return;
      }
    }
    double magnitude = Math.abs(v);
    if (magnitude >= 1e-3 && magnitude < 1e7 && (Double.doubleToRawLongBits(v) & SIGNIFICAND_BITS) != 0) {
      // Plain notation in this range; see the method comment for why these are the format's digits.
      String shortest = Double.toString(magnitude);
      int point = shortest.indexOf('.');
      int end = shortest.length();
      while (shortest.charAt(end - 1) == '0') {
        end--;
      }
      if (point > 0 && end - point - 1 <= 15 && end > point + 1) {
        out.append(v < 0 ? "-" : "").append(shortest, 0, end);
        return;
      }
    }
    out.append(doubleFormat.format(v));
  }

  private static int digits(long positive) {
    int n = 1;
    while (positive >= 10) {
      positive /= 10;
      n++;
    }
    return n;
  }

  /** A float (stroke widths, dashes, font sizes) as the library formats it: widened, at most 6 fraction digits. */
  String number(float v) {
    if (!Float.isFinite(v)) {
      throw new Unsupported("a size of " + v);
    }
    return floats.computeIfAbsent(v, f -> floatFormat.format(f.doubleValue()));
  }

  /** Text content as the serializer escapes it: {@code & < >}; characters it treats otherwise fall back. */
  private static void text(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> {
          checkOrdinary(c);
          out.append(c);
        }
      }
    }
  }

  /** An attribute value as the serializer escapes it: {@code "} and {@code & < >}. */
  private static void attribute(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("&quot;");
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> {
          checkOrdinary(c);
          out.append(c);
        }
      }
    }
  }

  private static void checkOrdinary(char c) {
    boolean ordinary = (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0xD800) || (c >= 0xE000 && c < 0xFFFE);
    if (!ordinary) {
      throw new Unsupported("the character U+" + Integer.toHexString(c));
    }
  }
}
