package io.lstmsignals.performance.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws a chart on an in-memory image with Java 2D (works headless; needs a system font for the
 * labels).
 */
final class AwtCanvas implements ChartCanvas {

  private final BufferedImage image;
  private final Graphics2D g;

  AwtCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  @Override
  public void fillBackground(int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width) {
    g.setColor(Color.decode(color));
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width) {
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < xs.length; i++) {
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
    }
    g.setColor(Color.decode(color));
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  @Override
  public void text(
      double x, double y, Anchor anchor, int size, boolean bold, boolean vertical, String content) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
    double textWidth = g.getFontMetrics().stringWidth(content);
    double shift =
        switch (anchor) {
          case START -> 0;
          case MIDDLE -> -textWidth / 2;
          case END -> -textWidth;
        };
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (vertical) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(content, (float) shift, 0f);
    g.setTransform(saved);
  }

  BufferedImage image() {
    g.dispose();
    return image;
  }
}
