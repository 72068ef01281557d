package org.modelevolution.charts;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.modelevolution.io.AtomicFiles;

/**
 * Saves XChart charts as PNG and SVG, deterministically: fixed size, fixed fonts, antialiasing
 * on, and atomic writes. Every figure of the project goes through here.
 */
public final class ChartFiles {
  /** The font family used by every chart; DejaVu Sans is installed by environment/setup. */
  public static final String FONT_FAMILY = "DejaVu Sans";

  /**
   * The JDK's switch between its two ways of calling HarfBuzz to shape text (every label XChart
   * measures or draws): through the foreign-function API (the default of recent JDKs, 25 here) or through
   * JNI. Both run the same HarfBuzz on the same font's glyphs and advances, so the figures' bytes are
   * the same ({@code TextShapingTest} compares them on every chart class); JNI spares the set-up of
   * the foreign-function linker and of its up-calls, which costs more than that binding's faster later
   * calls save in a run that starts cold, as {@code reproduce} does (docs/benchmarks.md). JDKs without
   * the foreign-function binding (17) ignore it.
   */
  static final String FFM_SHAPING = "sun.font.layout.ffm";

  static {
    configureAwt();
  }

  private ChartFiles() {}

  /**
   * Settings the JDK reads once, when AWT and its fonts start, so they are set before any figure or
   * text measure: charts are drawn off-screen (in the CLI, in tests and inside the notebook kernel
   * alike), and text is shaped through JNI unless the JVM was told otherwise ({@link #FFM_SHAPING}).
   */
  static void configureAwt() {
    System.setProperty("java.awt.headless", "true");
    if (System.getProperty(FFM_SHAPING) == null) {
      System.setProperty(FFM_SHAPING, "false");
    }
  }

  /** The axis-title font every chart uses. */
  public static Font axisTitleFont() {
    return new Font(FONT_FAMILY, Font.PLAIN, 13);
  }

  /** Applies the project's fixed fonts and a white background to any chart's styler. */
  public static <S extends Styler> S applyStyle(S styler) {
    styler.setChartTitleFont(new Font(FONT_FAMILY, Font.BOLD, 16));
    styler.setLegendFont(new Font(FONT_FAMILY, Font.PLAIN, 12));
    styler.setAnnotationTextFont(new Font(FONT_FAMILY, Font.PLAIN, 11));
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    styler.setAntiAlias(true);
    if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
      axes.setAxisTitleFont(new Font(FONT_FAMILY, Font.PLAIN, 13));
      axes.setAxisTickLabelsFont(new Font(FONT_FAMILY, Font.PLAIN, 11));
      axes.setPlotBackgroundColor(java.awt.Color.WHITE);
    }
    return styler;
  }

  /**
   * Does the one-time set-up every first figure needs and nothing more (no throwaway drawing): AWT's
   * headless start and the project's fonts loaded and measured at their sizes, so that a caller can
   * run it on a spare thread while its inputs load. Nothing a figure's bytes depend on is touched:
   * fonts are the same however early they are loaded. (The PNG and SVG encoders need no set-up.)
   */
  public static void warmUp() {
    for (Font font : List.of(new Font(FONT_FAMILY, Font.BOLD, 16), new Font(FONT_FAMILY, Font.PLAIN, 13),
        new Font(FONT_FAMILY, Font.PLAIN, 12), new Font(FONT_FAMILY, Font.PLAIN, 11))) {
      Text.width("0123456789 Safetensors", font);
    }
  }

  /**
   * Writes {@code baseName.png} and {@code baseName.svg} into {@code directory} and returns both
   * paths, PNG first. The bytes are those of XChart's {@code BitmapEncoder} (PNG) and
   * {@code VectorGraphicsEncoder} (SVG): the chart is painted on the same kind of image and recorded
   * by the same {@code VectorGraphics2D}, and {@link PngEncoder} and {@link SvgEncoder} write the files
   * those encoders would write, without their cost.
   */
  public static List<Path> save(Chart<?, ?> chart, Path directory, String baseName) {
    Path png = directory.resolve(baseName + ".png");
    Path svg = directory.resolve(baseName + ".svg");
    AtomicFiles.write(png, pngBytes(chart));
    AtomicFiles.write(svg, svgBytes(chart));
    return List.of(png, svg);
  }

  /** The PNG file of {@code chart}, as {@code BitmapEncoder.getBitmapBytes(chart, PNG)} writes it. */
  static byte[] pngBytes(Chart<?, ?> chart) {
    BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
    chart.paint(image.createGraphics(), chart.getWidth(), chart.getHeight());
    if (PngEncoder.supports(image)) {
      return PngEncoder.encode(image);
    }
    try {
      // ImageIO otherwise passes every PNG written to a stream through a temporary file in java.io.tmpdir
      // (created, written, read back and deleted per figure); in memory the bytes are the same.
      ImageIO.setUseCache(false);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG in memory", e);
    }
  }

  /** The SVG file of {@code chart}, as {@code VectorGraphicsEncoder.saveVectorGraphic(chart, out, SVG)} writes it. */
  static byte[] svgBytes(Chart<?, ?> chart) {
    VectorGraphics2D graphics = new VectorGraphics2D();
    chart.paint(graphics, chart.getWidth(), chart.getHeight());
    return SvgEncoder.encode(graphics.getCommands(), chart.getWidth(), chart.getHeight());
  }
}
