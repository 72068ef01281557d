package org.modelevolution.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

/**
 * One saved figure: an optional XChart body (axes, series, legend, title) drawn in the upper part
 * of the canvas, layers painted over it in the body's data coordinates (release markers, cell
 * labels, bar labels), and caption lines below it that say what data the figure rests on. It is
 * itself an XChart {@link Chart}, so {@link ChartFiles#save} writes it as PNG and SVG.
 *
 * <p>Layers record every label box and every line they draw, so tests can check from font
 * metrics that no label overprints another or a line.
 */
public final class Figure extends Chart<XYStyler, XYSeries> {
  /** Paints over the body once XChart has laid it out (axis transforms are valid then). */
  interface Layer {
    void paint(Graphics2D g, Figure figure);

    /**
     * True for a layer drawn under the body's series (grid lines); the body's backgrounds must be
     * transparent. Such a layer paints before the body lays itself out, so it takes its geometry from
     * the body's layout in {@link #measure}, and paints from what it measured.
     */
    default boolean under() {
      return false;
    }

    /**
     * For a layer {@link #under} the body: reads what it will draw from the body's axis transforms,
     * which are those of {@link Figure#layOut} at the figure's size when this is called. Called once
     * per figure and width, before the first paint, so that the PNG and the SVG, painted one after the
     * other, do not lay the body out twice for the same numbers.
     */
    default void measure(Figure figure) {}
  }

  static final Font CAPTION_FONT = new Font(ChartFiles.FONT_FAMILY, Font.PLAIN, 12);
  /**
   * Width of the notebook-width variant: a notebook's output area (about 940 px of the 980 px
   * column) shows it at its own size, so every text keeps its drawn size (10 px and up) as
   * displayed, in the notebooks and in the FIGURES.md gallery.
   */
  public static final int NOTEBOOK_WIDTH = 940;
  /** The folder, beside a figure's study-size files, that holds its notebook-width variant. */
  public static final String NOTEBOOK_FOLDER = "notebook-width";
  static final Color INK = new Color(0x333333);
  /**
   * Room an XChart title needs beyond its measured width (XChart pads and places it by its own
   * metrics): without it a title fitted to a 940 px canvas is cut at the right edge.
   */
  static final int XCHART_TITLE_SLACK = 60;

  private final Chart<?, ?> body;
  private final int bodyHeight;
  private final int band;
  private final List<Layer> layers;
  private final List<String> captionLines;
  private List<String> differences = List.of();
  private java.util.function.Supplier<Figure> notebookWidth;
  private final List<Rectangle2D> labelBoxes = new ArrayList<>();
  private final List<String> labelTexts = new ArrayList<>();
  private final List<Line2D> lines = new ArrayList<>();
  private final List<Line2D> ownLeaders = new ArrayList<>();
  /** The width the layers under the body were last measured at (0: not yet). */
  private int underMeasuredAt;

  private Figure(int width, int height, Chart<?, ?> body, int bodyHeight, int band, List<Layer> layers,
      List<String> caption) {
    super(width, height, new XYStyler());
    this.body = body;
    this.bodyHeight = bodyHeight;
    this.band = band;
    this.layers = List.copyOf(layers);
    this.captionLines = List.copyOf(caption);
  }

  /**
   * A figure of {@code width} pixels whose body gets the height left after the caption, which is
   * {@code caption} wrapped to the width.
   */
  static Figure of(Chart<?, ?> body, int width, int bodyHeight, List<Layer> layers, List<String> caption) {
    return of(body, width, bodyHeight, 0, layers, caption);
  }

  /** Like {@link #of(Chart, int, int, List, List)} with {@code band} pixels below the body for layers. */
  static Figure of(Chart<?, ?> body, int width, int bodyHeight, int band, List<Layer> layers, List<String> caption) {
    List<String> wrapped = new ArrayList<>();
    for (String line : caption) {
      wrapped.addAll(Text.wrap(line, CAPTION_FONT, width - 2 * Text.MARGIN));
    }
    int captionHeight = wrapped.isEmpty() ? 0 : wrapped.size() * Text.lineHeight(CAPTION_FONT) + Text.MARGIN;
    return new Figure(width, bodyHeight + band + captionHeight, body, bodyHeight, band, layers, wrapped);
  }

  /**
   * Writes {@code baseName.png} and {@code baseName.svg} at the study's size and, for a figure wider
   * than {@link #NOTEBOOK_WIDTH}, its notebook-width variant (the same record laid out again at that
   * width, same font sizes) as {@code notebook-width/baseName.png/.svg}; returns the study-size PNG
   * and SVG first, then the variant's.
   */
  public List<Path> save(Path directory, String baseName) {
    if (notebookWidth == null) {
      return ChartFiles.save(this, directory, baseName);
    }
    Path folder = directory.resolve(NOTEBOOK_FOLDER);
    try {
      java.nio.file.Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + folder, e);
    }
    // The variant is a separate chart drawn from the same record, so both are drawn side by side:
    // each file's bytes depend only on its own chart.
    java.util.concurrent.CompletableFuture<List<Path>> variant = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> ChartFiles.save(notebookWidth.get(), folder, baseName), SIDE);
    List<Path> files = new ArrayList<>(ChartFiles.save(this, directory, baseName));
    try {
      files.addAll(variant.join());
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return List.copyOf(files);
  }

  /** Draws notebook-width variants: one daemon thread per variant, as few as the figures saved at once. */
  private static final java.util.concurrent.Executor SIDE = task -> {
    Thread thread = new Thread(task, "figure-variant");
    thread.setDaemon(true);
    thread.start();
  };

  /** Where {@link #save} writes the notebook-width variant of the study-size {@code png}. */
  public static Path notebookWidthPng(Path png) {
    return png.resolveSibling(NOTEBOOK_FOLDER).resolve(png.getFileName());
  }

  /**
   * The same figure laid out at {@link #NOTEBOOK_WIDTH}, or this figure when it is no wider (or
   * was drawn at that width).
   */
  public Figure notebookWidth() {
    return notebookWidth == null ? this : notebookWidth.get();
  }

  /** Attaches the drawing of this figure's record at {@link #NOTEBOOK_WIDTH}, when this one is wider. */
  Figure withNotebookWidth(java.util.function.Supplier<Figure> variant) {
    this.notebookWidth = getWidth() > NOTEBOOK_WIDTH ? variant : null;
    return this;
  }

  /**
   * How this drawing differs from the study's figure of the same name, said by the chart from what it
   * actually drew (its input and layout), for {@code FIGURES.md}; empty for a figure without a study
   * counterpart.
   */
  public List<String> differences() {
    return differences;
  }

  Figure differing(List<String> differences) {
    this.differences = List.copyOf(differences);
    return this;
  }

  /** The caption as drawn, one entry per line after wrapping. */
  public List<String> captionLines() {
    return captionLines;
  }

  /** The XChart chart drawn above the caption, or {@code null} when the figure is all layers. */
  Chart<?, ?> body() {
    return body;
  }

  int bodyHeight() {
    return bodyHeight;
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    labelBoxes.clear();
    labelTexts.clear();
    lines.clear();
    ownLeaders.clear();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    if (body != null) {
      if (layers.stream().anyMatch(Layer::under)) {
        if (underMeasuredAt != width) {
          // Lay the body out so that its axis transforms are known to the layers drawn under it.
          layOut(body, width, bodyHeight);
          layers.stream().filter(Layer::under).forEach(layer -> layer.measure(this));
          underMeasuredAt = width;
        }
        for (Layer layer : layers) {
          if (layer.under()) {
            Graphics2D layerGraphics = (Graphics2D) g.create();
            layer.paint(layerGraphics, this);
            layerGraphics.dispose();
          }
        }
      }
      Graphics2D bodyGraphics = (Graphics2D) g.create(0, 0, width, bodyHeight);
      body.paint(bodyGraphics, width, bodyHeight);
      bodyGraphics.dispose();
    }
    for (Layer layer : layers.stream().filter(l -> !l.under()).toList()) {
      Graphics2D layerGraphics = (Graphics2D) g.create();
      layer.paint(layerGraphics, this);
      layerGraphics.dispose();
    }
    g.setFont(CAPTION_FONT);
    g.setColor(INK);
    int y = bodyHeight + band + Text.ascent(CAPTION_FONT);
    for (String line : captionLines) {
      g.drawString(line, Text.MARGIN, y);
      y += Text.lineHeight(CAPTION_FONT);
    }
    setWidth(width);
    setHeight(height);
  }

  /**
   * Lays {@code chart} out at {@code width} x {@code height} as a paint on an image would, without
   * painting its pixels: XChart computes its layout (axis transforms, plot bounds) while it paints,
   * from the font metrics of the graphics it is given, which depend on the image type and the
   * rendering hints but not on the image's size. It paints on a {@link LayoutGraphics} that answers
   * as a 1 x 1 image's graphics of that type and draws nothing, so the layout costs the arithmetic
   * and not the rasterising.
   */
  static void layOut(Chart<?, ?> chart, int width, int height) {
    Graphics2D scratch = new LayoutGraphics(
        new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB).createGraphics());
    try {
      chart.paint(scratch, width, height);
    } finally {
      scratch.dispose();
    }
  }

  /** Makes an XChart body's chart and plot backgrounds transparent so that layers under it show. */
  static void transparentBackgrounds(org.knowm.xchart.style.AxesChartStyler styler) {
    styler.setChartBackgroundColor(new Color(255, 255, 255, 0));
    styler.setPlotBackgroundColor(new Color(255, 255, 255, 0));
  }

  /** Draws a string with its baseline at {@code (x, y)} and records its box. */
  void label(Graphics2D g, String text, double x, double y) {
    g.drawString(text, (float) x, (float) y);
    labelBoxes.add(Text.box(text, g.getFont(), x, y));
    labelTexts.add(text);
  }

  /** Draws {@code text} rotated to read upwards, its start at {@code (x, yBottom)} (x = centre of the glyphs' height). */
  void labelUpwards(Graphics2D g, String text, double centreX, double yBottom) {
    Graphics2D r = (Graphics2D) g.create();
    Font font = g.getFont();
    double baselineX = centreX + (Text.ascent(font) - Text.descent(font)) / 2.0;
    r.translate(baselineX, yBottom);
    r.rotate(-Math.PI / 2);
    r.drawString(text, 0f, 0f);
    r.dispose();
    double thickness = Text.ascent(font) + Text.descent(font);
    double length = Text.width(text, font);
    labelBoxes.add(new Rectangle2D.Double(centreX - thickness / 2.0, yBottom - length, thickness, length));
    labelTexts.add(text);
  }

  /** Draws a line and records it for the collision checks. */
  void line(Graphics2D g, double x1, double y1, double x2, double y2) {
    g.draw(new Line2D.Double(x1, y1, x2, y2));
    lines.add(new Line2D.Double(x1, y1, x2, y2));
  }

  /** Draws a leader line, which may touch the label it leads to but no other. */
  void leader(Graphics2D g, double x1, double y1, double x2, double y2) {
    g.draw(new Line2D.Double(x1, y1, x2, y2));
    ownLeaders.add(new Line2D.Double(x1, y1, x2, y2));
  }

  static BasicStroke dashed(float width) {
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);
  }

  /** Label boxes drawn by the last paint, in canvas pixels. */
  List<Rectangle2D> labelBoxes() {
    return List.copyOf(labelBoxes);
  }

  /** The texts of {@link #labelBoxes()}, in the same order. */
  List<String> labelTexts() {
    return List.copyOf(labelTexts);
  }

  /** Lines (other than leaders) drawn by the last paint. */
  List<Line2D> lines() {
    return List.copyOf(lines);
  }

  /** Leader lines drawn by the last paint. */
  List<Line2D> leaders() {
    return List.copyOf(ownLeaders);
  }
}
