package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.util.DataUtils;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@link SvgEncoder} writes the bytes of VectorGraphics2D's own SVG writer (the library's
 * {@code SVGProcessor}, run here on the same recording) on every chart class, on odd texts, on
 * random drawings and on every number shape, and leaves what it does not reproduce to the library.
 */
class SvgEncoderTest {
  private static final double WIDTH = 800;
  private static final double HEIGHT = 600;

  private static CommandSequence recorded(Consumer<Graphics2D> drawing) {
    VectorGraphics2D graphics = new VectorGraphics2D();
    drawing.accept(graphics);
    return graphics.getCommands();
  }

  private static byte[] library(CommandSequence commands, double width, double height) {
    return SvgEncoder.library(commands, new PageSize(0.0, 0.0, width, height));
  }

  /** Asserts that the encoder writes the drawing itself (no fallback) and that its bytes are the library's. */
  private static void assertSameBytes(String what, CommandSequence commands, double width, double height) {
    byte[] own = SvgEncoder.encodeOrNull(commands, width, height);
    assertThat(own).as("%s is written without the library", what).isNotNull();
    byte[] expected = library(commands, width, height);
    if (!java.util.Arrays.equals(own, expected)) {
      List<String> ownLines = new String(own, StandardCharsets.UTF_8).lines().toList();
      List<String> expectedLines = new String(expected, StandardCharsets.UTF_8).lines().toList();
      for (int i = 0; i < Math.min(ownLines.size(), expectedLines.size()); i++) {
        assertThat(ownLines.get(i)).as("%s, line %d", what, i + 1).isEqualTo(expectedLines.get(i));
      }
      assertThat(ownLines.size()).as("%s, lines", what).isEqualTo(expectedLines.size());
    }
    assertThat(own).as(what).isEqualTo(expected);
  }

  @Test
  void everyChartIsWrittenAsTheLibraryWritesIt() {
    for (Map.Entry<String, Supplier<Chart<?, ?>>> entry : ChartZoo.charts().entrySet()) {
      Chart<?, ?> chart = entry.getValue().get();
      VectorGraphics2D graphics = new VectorGraphics2D();
      chart.paint(graphics, chart.getWidth(), chart.getHeight());
      CommandSequence commands = graphics.getCommands();
      if (entry.getKey().equals("xchart heat map")) {
        // Its colour scale is a gradient paint, which the library rasterises: left to the library.
        assertThat(SvgEncoder.encodeOrNull(commands, chart.getWidth(), chart.getHeight())).isNull();
        assertThat(SvgEncoder.encode(commands, chart.getWidth(), chart.getHeight()))
            .isEqualTo(library(commands, chart.getWidth(), chart.getHeight()));
      } else {
        assertSameBytes(entry.getKey(), commands, chart.getWidth(), chart.getHeight());
      }
    }
  }

  @Test
  void everyOrdinaryCharacterIsEscapedAsTheLibraryEscapesIt() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x20; c < 0xFFFE; c++) {
      if (c == 0x7F) {
        c = 0xA0;
      } else if (c == 0xD800) {
        c = 0xE000;
      }
      all.append(c);
    }
    CommandSequence commands = recorded(g -> {
      g.setFont(new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 11));
      for (int i = 0; i < all.length(); i += 997) {
        g.drawString(all.substring(i, Math.min(all.length(), i + 997)), 3f, i / 50f);
      }
      g.drawString("  leading and trailing spaces  ", 1.5f, 2.5f);
    });
    assertSameBytes("every ordinary character", commands, WIDTH, HEIGHT);
  }

  @Test
  void leavesOtherCharactersAndPaintsToTheLibrary() {
    List<Consumer<Graphics2D>> drawings = List.of(
        g -> g.drawString("tab\there", 1f, 2f),
        g -> g.drawString("line\nbreak", 1f, 2f),
        g -> g.drawString("carriage\rreturn", 1f, 2f),
        g -> g.drawString("control \u0001", 1f, 2f),
        g -> g.drawString("delete \u007f and \u0085", 1f, 2f),
        g -> g.drawString("emoji \ud83d\ude00", 1f, 2f),
        g -> g.drawString("noncharacter \ufffe", 1f, 2f),
        g -> g.fill(new Rectangle2D.Double(Double.NaN, 1, 2, 3)),
        g -> g.draw(new Line2D.Double(0, Double.POSITIVE_INFINITY, 1, 1)),
        g -> {
          g.setPaint(new GradientPaint(0, 0, Color.RED, 10, 10, Color.BLUE));
          g.fill(new Rectangle2D.Double(1, 2, 30, 40));
        },
        g -> g.drawImage(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), 5, 6, null));
    for (Consumer<Graphics2D> drawing : drawings) {
      CommandSequence commands = recorded(drawing);
      assertThat(SvgEncoder.encodeOrNull(commands, WIDTH, HEIGHT)).isNull();
      // The fallback writes the library's bytes (as read back as UTF-8, which ChartFiles has always done),
      // or fails where the library fails (JDK 25's serializer refuses control characters).
      byte[] library;
      try {
        library = library(commands, WIDTH, HEIGHT);
      } catch (java.io.UncheckedIOException e) {
        assertThatThrownBy(() -> SvgEncoder.encode(commands, WIDTH, HEIGHT))
            .isInstanceOf(java.io.UncheckedIOException.class);
        continue;
      }
      assertThat(SvgEncoder.encode(commands, WIDTH, HEIGHT))
          .isEqualTo(new String(library, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aLoneSurrogateFailsAsItFailsInTheLibrary() {
    CommandSequence commands = recorded(g -> g.drawString("lone \ud83d surrogate", 1f, 2f));
    assertThat(SvgEncoder.encodeOrNull(commands, WIDTH, HEIGHT)).isNull();
    assertThatThrownBy(() -> SvgEncoder.encode(commands, WIDTH, HEIGHT))
        .hasMessageContaining("cannot serialise");
  }

  @Test
  void randomDrawingsAreWrittenAsTheLibraryWritesThem() {
    Random random = new Random(20241206);
    for (int drawing = 0; drawing < 300; drawing++) {
      long seed = random.nextLong();
      boolean clips = random.nextBoolean();
      CommandSequence commands = recorded(g -> draw(g, new Random(seed), clips));
      double width = 1 + random.nextInt(2000);
      double height = random.nextBoolean() ? 1 + random.nextInt(1000) : number(random);
      assertSameBytes("random drawing " + seed, commands, width, Math.abs(height) + 1);
    }
  }

  /**
   * A random sequence of the Graphics2D calls charts make (and some they do not), with random numbers:
   * clips, or rotations and shears, not both, since the library names a clip that is not a rectangle
   * by its identity hash code, which differs from run to run.
   */
  private static void draw(Graphics2D g, Random r, boolean clips) {
    List<Graphics2D> stack = new ArrayList<>(List.of(g));
    String[] texts = {"2024", "0", "Safetensors", ChartZoo.ODD, "a & b", "x < y > z", "\"q\" 'a'", " pad ",
        "ü", "—", "中"};
    Font[] fonts = {new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 11), new Font(ChartFiles.FONT_FAMILY, Font.BOLD, 16),
        new Font(ChartFiles.FONT_FAMILY, Font.ITALIC, 12), new Font(ChartFiles.FONT_FAMILY, Font.BOLD | Font.ITALIC, 9),
        new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12).deriveFont(10.5f), Font.decode(null)};
    int steps = 5 + r.nextInt(120);
    for (int step = 0; step < steps; step++) {
      Graphics2D c = stack.get(stack.size() - 1);
      switch (r.nextInt(22)) {
        case 0 -> c.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256),
            r.nextBoolean() ? 255 : r.nextInt(256)));
        case 1 -> c.setStroke(stroke(r));
        case 2 -> c.setFont(fonts[r.nextInt(fonts.length)]);
        case 3 -> c.draw(new Line2D.Double(number(r), number(r), number(r), number(r)));
        case 4 -> c.drawLine(r.nextInt(900) - 50, r.nextInt(900), r.nextInt(900), r.nextInt(900));
        case 5 -> c.fill(new Rectangle2D.Double(number(r), number(r), Math.abs(number(r)), Math.abs(number(r))));
        case 6 -> c.fillRect(r.nextInt(800), r.nextInt(600), r.nextInt(100), r.nextInt(100));
        case 7 -> c.draw(new RoundRectangle2D.Double(number(r), number(r), 40, 20, number(r), 6));
        case 8 -> (r.nextBoolean() ? (Consumer<java.awt.Shape>) c::fill : (Consumer<java.awt.Shape>) c::draw)
            .accept(new Ellipse2D.Double(number(r), number(r), Math.abs(number(r)), 7.5));
        case 9 -> c.draw(new Arc2D.Double(number(r), number(r), 50, 30, r.nextInt(360), r.nextInt(360),
            r.nextInt(3)));
        case 10 -> c.fill(path(r));
        case 11 -> c.draw(path(r));
        case 12 -> c.fill(new Polygon(new int[] {1, 50, 20}, new int[] {2, 9, 60}, 3));
        case 13 -> c.drawString(texts[r.nextInt(texts.length)], (float) number(r), (float) number(r));
        case 14 -> c.drawString(texts[r.nextInt(texts.length)], r.nextInt(800), r.nextInt(600));
        case 15 -> {
          switch (r.nextInt(clips ? 2 : 5)) {
            case 0 -> c.translate(number(r), number(r));
            case 1 -> c.scale(r.nextDouble() * 3, r.nextDouble() * 3);
            case 2 -> c.rotate(r.nextDouble() * 2 * Math.PI - Math.PI, number(r), number(r));
            case 3 -> c.shear(r.nextDouble(), 0);
            default -> c.transform(new AffineTransform(1, 0, 0, -1, number(r), number(r)));
          }
        }
        case 16 -> c.setTransform(new AffineTransform(1, 0, 0, 1, number(r), number(r)));
        case 17 -> {
          if (!clips) {
            c.translate(1, 2);
          } else if (r.nextBoolean()) {
            c.setClip(new Rectangle2D.Double(number(r), number(r), Math.abs(number(r)), Math.abs(number(r))));
          } else {
            c.clipRect(r.nextInt(400), r.nextInt(300), r.nextInt(400), r.nextInt(300));
          }
        }
        case 18 -> c.setClip(null);
        case 19 -> stack.add((Graphics2D) c.create());
        case 20 -> {
          if (stack.size() > 1) {
            stack.remove(stack.size() - 1).dispose();
          }
        }
        default -> {
          switch (r.nextInt(3)) {
            case 0 -> c.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            case 1 -> c.setBackground(new Color(r.nextInt(256), 0, 0));
            default -> c.setComposite(AlphaComposite.SrcOver);
          }
        }
      }
    }
  }

  private static BasicStroke stroke(Random r) {
    float[] widths = {1f, 0.5f, 2.25f, 1.7f, 0.1f, 3f};
    float width = r.nextBoolean() ? widths[r.nextInt(widths.length)] : r.nextFloat() * 5;
    float[] dash = switch (r.nextInt(3)) {
      case 0 -> null;
      case 1 -> new float[] {4f, 3f};
      default -> new float[] {r.nextFloat() * 9 + 0.1f, 0.5f, 1.1f};
    };
    float miter = r.nextBoolean() ? 10f : r.nextBoolean() ? 4f : 1 + r.nextFloat() * 20;
    return new BasicStroke(width, r.nextInt(3), r.nextInt(3), miter, dash, dash == null ? 0f : r.nextFloat() * 2);
  }

  private static Path2D path(Random r) {
    Path2D path = r.nextBoolean() ? new Path2D.Double() : new Path2D.Float();
    path.moveTo(number(r), number(r));
    int segments = 1 + r.nextInt(8);
    for (int i = 0; i < segments; i++) {
      switch (r.nextInt(4)) {
        case 0 -> path.lineTo(number(r), number(r));
        case 1 -> path.quadTo(number(r), number(r), number(r), number(r));
        case 2 -> path.curveTo(number(r), number(r), number(r), number(r), number(r), number(r));
        default -> path.lineTo(r.nextInt(1000), r.nextInt(1000) / 64.0);
      }
    }
    if (r.nextBoolean()) {
      path.closePath();
    }
    return path;
  }

  /** Numbers of every shape coordinates take: integers, halves and 64ths, arithmetic results, tiny, huge, negative. */
  private static double number(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> r.nextInt(2000) - 100;
      case 1 -> (r.nextInt(4000) - 1000) / 2.0;
      case 2 -> (r.nextInt(64000) - 1000) / 64.0;
      case 3 -> r.nextDouble() * 1600;
      case 4 -> r.nextInt(100) * 0.1 + r.nextInt(7) * 0.7;
      case 5 -> -r.nextDouble() * 500;
      case 6 -> r.nextDouble() * 1e-9;
      case 7 -> Math.pow(10, r.nextInt(40) - 20) * (r.nextDouble() - 0.5);
      case 8 -> r.nextDouble() * 1e17;
      case 9 -> r.nextBoolean() ? 0.0 : -0.0;
      case 10 -> Math.sin(r.nextInt(1000)) * 1e-16;
      default -> 1234567 + r.nextInt(1 << 15) / 32768.0;
    };
  }

  @Test
  void numbersAreFormattedAsTheLibraryFormatsThem() {
    SvgEncoder sample = new SvgEncoder();
    Random r = new Random(42);
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 1e15, 1e15 + 0.5, 0x1p53, 0x1p53 + 2,
        0x1p-15, 0x1p-16, 3 * 0x1p-15, 1e-15, 5e-16, 1.5e-15, 9.999999999999999e-16, 0.1 + 0.2, 1.0 / 3,
        2.0 / 3, 123456789.000030517578125, 99999.99999999999, 1e-300, 4.9e-324, Double.MAX_VALUE,
        -Double.MAX_VALUE, 6.123233995736766E-17, -6.123233995736766E-17, 1.0000000000000002, 0.30000000000000004));
    for (int i = 0; i < 200_000; i++) {
      values.add(number(r));
      values.add((r.nextLong() >> r.nextInt(64)) / 32768.0); // dyadic, every magnitude
      values.add(Double.longBitsToDouble(r.nextLong())); // any bit pattern
      values.add(Math.round(r.nextDouble() * 1e16) / 1e16); // sixteen digits: rounding at the fifteenth
      values.add((r.nextInt(2_000_000) + 0.5) / 1e15); // ties at the sixteenth fraction digit
    }
    // Shortest-digit values between 10^-3 and 10^7, around powers of ten and two and short decimals.
    for (int i = 0; i < 400_000; i++) {
      double v = Math.pow(10, r.nextDouble() * 10 - 3) * (r.nextBoolean() ? 1 : -1);
      values.add(v);
      values.add(Math.round(v * 1000) / 1000.0);
      values.add(Math.nextUp(Math.round(v * 100) / 100.0));
      values.add(Math.nextDown(Math.round(v * 1e6) / 1e6));
    }
    for (int e = -4; e <= 8; e++) {
      for (double base : new double[] {Math.pow(10, e), Math.pow(2, e * 3.3219), 1.0 / 3 * Math.pow(10, e)}) {
        double v = base;
        double w = base;
        for (int k = 0; k < 50; k++) {
          values.add(v);
          values.add(w);
          v = Math.nextUp(v);
          w = Math.nextDown(w);
        }
      }
    }
    for (int k = -12; k <= 25; k++) {
      values.add(Math.scalb(1.0, k));
      values.add(Math.nextUp(Math.scalb(1.0, k)));
      values.add(Math.nextDown(Math.scalb(1.0, k)));
    }
    for (double v : values) {
      if (Double.isFinite(v)) {
        assertThat(sample.number(v)).as("%s (bits %x)", v, Double.doubleToRawLongBits(v))
            .isEqualTo(DataUtils.format(Double.valueOf(v)));
      }
    }
    for (int i = 0; i < 100_000; i++) {
      float f = i < 50_000 ? r.nextFloat() * (float) Math.pow(10, r.nextInt(12) - 6) : Float.intBitsToFloat(r.nextInt());
      if (Float.isFinite(f)) {
        assertThat(sample.number(f)).as("%s", f).isEqualTo(DataUtils.format(Float.valueOf(f)));
      }
    }
  }
}
