package io.lstmsignals.performance.chart;

/**
 * What {@link LineChart} draws on, in pixels with y growing downwards; one implementation per
 * output format, so the SVG and the PNG share one layout.
 */
interface ChartCanvas {

  enum Anchor {
    START,
    MIDDLE,
    END
  }

  void fillBackground(int width, int height);

  void line(double x1, double y1, double x2, double y2, String color, double width);

  void polyline(double[] xs, double[] ys, String color, double width);

  /**
   * Text with its baseline at y, anchored at x; rotated 90° counter-clockwise about (x, y) when
   * vertical.
   */
  void text(
      double x, double y, Anchor anchor, int size, boolean bold, boolean vertical, String content);
}
