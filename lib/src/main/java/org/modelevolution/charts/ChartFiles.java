package org.modelevolution.charts;

import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
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

  static {
    // Charts are drawn off-screen, in the CLI, in tests and inside the notebook kernel alike.
    System.setProperty("java.awt.headless", "true");
    // ImageIO otherwise passes every PNG written to a stream through a temporary file in java.io.tmpdir
    // (created, written, read back and deleted per figure); in memory the bytes are the same.
    javax.imageio.ImageIO.setUseCache(false);
  }

  private ChartFiles() {}

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
   * headless start, the project's fonts loaded and measured at their sizes, ImageIO's PNG writer
   * found, and the XML factories the SVG writer uses, so that a caller can run it on a spare thread
   * while its inputs load. Nothing a figure's bytes depend on is touched: fonts, writers and
   * factories are the same however early they are set up.
   */
  public static void warmUp() {
    for (Font font : List.of(new Font(FONT_FAMILY, Font.BOLD, 16), new Font(FONT_FAMILY, Font.PLAIN, 13),
        new Font(FONT_FAMILY, Font.PLAIN, 12), new Font(FONT_FAMILY, Font.PLAIN, 11))) {
      Text.width("0123456789 Safetensors", font);
    }
    javax.imageio.ImageIO.getImageWritersByFormatName("png").next().dispose();
    try {
      javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder();
      javax.xml.transform.TransformerFactory.newInstance().newTransformer();
    } catch (javax.xml.parsers.ParserConfigurationException | javax.xml.transform.TransformerException e) {
      throw new IllegalStateException("the JDK's XML factories are not usable", e);
    }
  }

  /**
   * Writes {@code baseName.png} and {@code baseName.svg} into {@code directory} and returns both
   * paths, PNG first.
   */
  public static List<Path> save(Chart<?, ?> chart, Path directory, String baseName) {
    Path png = directory.resolve(baseName + ".png");
    Path svg = directory.resolve(baseName + ".svg");
    try {
      AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      ByteArrayOutputStream vector = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, vector, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      AtomicFiles.write(svg, vector.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + baseName, e);
    }
    return List.of(png, svg);
  }
}
