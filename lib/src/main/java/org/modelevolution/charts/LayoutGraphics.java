package org.modelevolution.charts;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.Map;

/**
 * A graphics that answers every question as the image graphics it wraps (transform, clip, hints,
 * fonts and their metrics, font render context) and draws nothing. {@link Figure#layOut} paints a
 * chart on it to have XChart compute its layout, which XChart does from those answers alone, without
 * rasterising shapes nobody sees.
 */
final class LayoutGraphics extends Graphics2D {
  private final Graphics2D g;

  LayoutGraphics(Graphics2D measuring) {
    this.g = measuring;
  }

  // Questions and state: as the wrapped graphics.

  @Override
  public Graphics create() {
    return new LayoutGraphics((Graphics2D) g.create());
  }

  @Override
  public void dispose() {
    g.dispose();
  }

  @Override
  public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
    return g.hit(rect, s, onStroke);
  }

  @Override
  public GraphicsConfiguration getDeviceConfiguration() {
    return g.getDeviceConfiguration();
  }

  @Override
  public FontRenderContext getFontRenderContext() {
    return g.getFontRenderContext();
  }

  @Override
  public FontMetrics getFontMetrics(Font f) {
    return g.getFontMetrics(f);
  }

  @Override
  public Color getBackground() {
    return g.getBackground();
  }

  @Override
  public void setBackground(Color color) {
    g.setBackground(color);
  }

  @Override
  public Color getColor() {
    return g.getColor();
  }

  @Override
  public void setColor(Color c) {
    g.setColor(c);
  }

  @Override
  public Composite getComposite() {
    return g.getComposite();
  }

  @Override
  public void setComposite(Composite comp) {
    g.setComposite(comp);
  }

  @Override
  public Font getFont() {
    return g.getFont();
  }

  @Override
  public void setFont(Font font) {
    g.setFont(font);
  }

  @Override
  public Paint getPaint() {
    return g.getPaint();
  }

  @Override
  public void setPaint(Paint paint) {
    g.setPaint(paint);
  }

  @Override
  public void setPaintMode() {
    g.setPaintMode();
  }

  @Override
  public void setXORMode(Color c1) {
    g.setXORMode(c1);
  }

  @Override
  public Stroke getStroke() {
    return g.getStroke();
  }

  @Override
  public void setStroke(Stroke s) {
    g.setStroke(s);
  }

  @Override
  public Object getRenderingHint(RenderingHints.Key hintKey) {
    return g.getRenderingHint(hintKey);
  }

  @Override
  public void setRenderingHint(RenderingHints.Key hintKey, Object hintValue) {
    g.setRenderingHint(hintKey, hintValue);
  }

  @Override
  public RenderingHints getRenderingHints() {
    return g.getRenderingHints();
  }

  @Override
  public void setRenderingHints(Map<?, ?> hints) {
    g.setRenderingHints(hints);
  }

  @Override
  public void addRenderingHints(Map<?, ?> hints) {
    g.addRenderingHints(hints);
  }

  @Override
  public AffineTransform getTransform() {
    return g.getTransform();
  }

  @Override
  public void setTransform(AffineTransform tx) {
    g.setTransform(tx);
  }

  @Override
  public void transform(AffineTransform tx) {
    g.transform(tx);
  }

  @Override
  public void translate(int x, int y) {
    g.translate(x, y);
  }

  @Override
  public void translate(double tx, double ty) {
    g.translate(tx, ty);
  }

  @Override
  public void rotate(double theta) {
    g.rotate(theta);
  }

  @Override
  public void rotate(double theta, double x, double y) {
    g.rotate(theta, x, y);
  }

  @Override
  public void scale(double sx, double sy) {
    g.scale(sx, sy);
  }

  @Override
  public void shear(double shx, double shy) {
    g.shear(shx, shy);
  }

  @Override
  public Shape getClip() {
    return g.getClip();
  }

  @Override
  public Rectangle getClipBounds() {
    return g.getClipBounds();
  }

  @Override
  public void setClip(Shape clip) {
    g.setClip(clip);
  }

  @Override
  public void setClip(int x, int y, int width, int height) {
    g.setClip(x, y, width, height);
  }

  @Override
  public void clip(Shape s) {
    g.clip(s);
  }

  @Override
  public void clipRect(int x, int y, int width, int height) {
    g.clipRect(x, y, width, height);
  }

  // Drawing: nothing.

  @Override
  public void draw(Shape s) {}

  @Override
  public void fill(Shape s) {}

  @Override
  public void drawString(String str, int x, int y) {}

  @Override
  public void drawString(String str, float x, float y) {}

  @Override
  public void drawString(AttributedCharacterIterator iterator, int x, int y) {}

  @Override
  public void drawString(AttributedCharacterIterator iterator, float x, float y) {}

  @Override
  public void drawGlyphVector(GlyphVector glyphs, float x, float y) {}

  @Override
  public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) {
    return true;
  }

  @Override
  public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) {}

  @Override
  public void drawRenderedImage(RenderedImage img, AffineTransform xform) {}

  @Override
  public void drawRenderableImage(RenderableImage img, AffineTransform xform) {}

  @Override
  public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
    return true;
  }

  @Override
  public boolean drawImage(Image img, int x, int y, int width, int height, ImageObserver observer) {
    return true;
  }

  @Override
  public boolean drawImage(Image img, int x, int y, Color bgcolor, ImageObserver observer) {
    return true;
  }

  @Override
  public boolean drawImage(Image img, int x, int y, int width, int height, Color bgcolor, ImageObserver observer) {
    return true;
  }

  @Override
  public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
      ImageObserver observer) {
    return true;
  }

  @Override
  public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
      Color bgcolor, ImageObserver observer) {
    return true;
  }

  @Override
  public void copyArea(int x, int y, int width, int height, int dx, int dy) {}

  @Override
  public void drawLine(int x1, int y1, int x2, int y2) {}

  @Override
  public void fillRect(int x, int y, int width, int height) {}

  @Override
  public void clearRect(int x, int y, int width, int height) {}

  @Override
  public void drawRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {}

  @Override
  public void fillRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {}

  @Override
  public void drawOval(int x, int y, int width, int height) {}

  @Override
  public void fillOval(int x, int y, int width, int height) {}

  @Override
  public void drawArc(int x, int y, int width, int height, int startAngle, int arcAngle) {}

  @Override
  public void fillArc(int x, int y, int width, int height, int startAngle, int arcAngle) {}

  @Override
  public void drawPolyline(int[] xPoints, int[] yPoints, int nPoints) {}

  @Override
  public void drawPolygon(int[] xPoints, int[] yPoints, int nPoints) {}

  @Override
  public void fillPolygon(int[] xPoints, int[] yPoints, int nPoints) {}
}
