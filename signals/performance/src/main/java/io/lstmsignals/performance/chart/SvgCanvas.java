package io.lstmsignals.performance.chart;

import java.util.Locale;

/** Draws a chart as a standalone SVG document; every text is XML-escaped. */
final class SvgCanvas implements ChartCanvas {

  private final StringBuilder svg = new StringBuilder();

  SvgCanvas(int width, int height) {
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" font-family=\"sans-serif\">\n");
  }

  @Override
  public void fillBackground(int width, int height) {
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
            x1,
            y1,
            x2,
            y2,
            color,
            width));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width) {
    svg.append("<polyline fill=\"none\" stroke=\"")
        .append(color)
        .append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\" points=\"", width));
    for (int i = 0; i < xs.length; i++) {
      svg.append(String.format(Locale.ROOT, i == 0 ? "%.2f,%.2f" : " %.2f,%.2f", xs[i], ys[i]));
    }
    svg.append("\"/>\n");
  }

  @Override
  public void text(
      double x, double y, Anchor anchor, int size, boolean bold, boolean vertical, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%d\" text-anchor=\"%s\"",
            x,
            y,
            size,
            anchor.name().toLowerCase(Locale.ROOT)));
    if (bold) {
      svg.append(" font-weight=\"bold\"");
    }
    if (vertical) {
      svg.append(String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y));
    }
    svg.append('>').append(escape(content)).append("</text>\n");
  }

  String document() {
    return svg + "</svg>\n";
  }

  /** XML-escapes text; control characters other than tab and line breaks become spaces. */
  static String escape(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (char c : raw.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
