package io.lstmsignals.performance.chart;

import io.lstmsignals.performance.chart.ChartCanvas.Anchor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A dependency-free line chart of one or more time series: a UTC date axis, a labelled y axis with
 * round ticks, a title and a legend. Used for equity curves (strategy vs buy-and-hold) and
 * predicted vs actual closes. Written as a standalone SVG (opens in any browser; all text
 * XML-escaped) or a PNG (Java 2D, headless; needs a system font).
 *
 * <p>Immutable; {@link #with} returns a new chart.
 *
 * <pre>{@code
 * new LineChart("BTCUSDT equity", "equity (start = 1)")
 *     .with("strategy", times, strategyEquity)
 *     .with("buy and hold", times, holdEquity)
 *     .writeSvg(Path.of("equity.svg"));   // or writePng(Path.of("equity.png"))
 * }</pre>
 */
public final class LineChart {

  /** One named line; times in epoch milliseconds (strictly increasing), values finite. */
  public record Series(String name, long[] times, double[] values) {
    public Series {
      Objects.requireNonNull(name, "name");
      if (times.length != values.length) {
        throw new IllegalArgumentException(
            "LineChart.Series '"
                + name
                + "': "
                + times.length
                + " times but "
                + values.length
                + " values; must be equal");
      }
      for (int i = 0; i < times.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException(
              "LineChart.Series '"
                  + name
                  + "': value "
                  + values[i]
                  + " at "
                  + Instant.ofEpochMilli(times[i])
                  + " must be finite");
        }
        if (i > 0 && times[i] <= times[i - 1]) {
          throw new IllegalArgumentException(
              "LineChart.Series '"
                  + name
                  + "': time "
                  + Instant.ofEpochMilli(times[i])
                  + " is not after "
                  + Instant.ofEpochMilli(times[i - 1])
                  + "; times must be strictly increasing");
        }
      }
      times = times.clone();
      values = values.clone();
    }

    @Override
    public long[] times() {
      return times.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }
  }

  private static final int WIDTH = 960;
  private static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 48;
  private static final int TOP = 44;
  private static final int BOTTOM = 56;
  private static final String[] COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"
  };
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String title;
  private final String yLabel;
  private final List<Series> series;

  public LineChart(String title, String yLabel) {
    this(title, yLabel, List.of());
  }

  private LineChart(String title, String yLabel, List<Series> series) {
    this.title = Objects.requireNonNull(title, "title");
    this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    this.series = List.copyOf(series);
  }

  /** This chart with one more line. */
  public LineChart with(String name, long[] times, double[] values) {
    List<Series> more = new ArrayList<>(series);
    more.add(new Series(name, times, values));
    return new LineChart(title, yLabel, more);
  }

  /** Writes {@link #toSvg()} to a file (UTF-8), creating its parent directories. */
  public void writeSvg(Path file) throws IOException {
    createParent(file);
    Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
  }

  /** Writes the chart as a PNG image, creating its parent directories. */
  public void writePng(Path file) throws IOException {
    createParent(file);
    if (!ImageIO.write(toImage(), "png", file.toFile())) {
      throw new IOException("LineChart: no PNG writer available for " + file);
    }
  }

  /**
   * The chart as a standalone SVG document. A chart with no points shows its title and "no data".
   */
  public String toSvg() {
    SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT);
    draw(canvas);
    return canvas.document();
  }

  /** The chart as an RGB image. */
  public BufferedImage toImage() {
    AwtCanvas canvas = new AwtCanvas(WIDTH, HEIGHT);
    draw(canvas);
    return canvas.image();
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private void draw(ChartCanvas canvas) {
    canvas.fillBackground(WIDTH, HEIGHT);
    canvas.text(WIDTH / 2.0, 26, Anchor.MIDDLE, 16, true, false, title);
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    double minV = Double.POSITIVE_INFINITY;
    double maxV = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.times.length; i++) {
        minT = Math.min(minT, s.times[i]);
        maxT = Math.max(maxT, s.times[i]);
        minV = Math.min(minV, s.values[i]);
        maxV = Math.max(maxV, s.values[i]);
      }
    }
    if (minT > maxT) {
      canvas.text(WIDTH / 2.0, HEIGHT / 2.0, Anchor.MIDDLE, 12, false, false, "no data");
      return;
    }
    if (maxT == minT) {
      maxT = minT + 1;
    }
    double[] ticks = niceTicks(minV, maxV);
    Frame frame = new Frame(minT, maxT, ticks[0], ticks[ticks.length - 1]);
    drawYAxis(canvas, frame, ticks);
    drawXAxis(canvas, frame);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      double[] xs = new double[s.times.length];
      double[] ys = new double[s.times.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = frame.x(s.times[i]);
        ys[i] = frame.y(s.values[i]);
      }
      if (xs.length > 0) {
        canvas.polyline(xs, ys, COLORS[k % COLORS.length], 1.5);
      }
    }
    drawLegend(canvas);
  }

  private record Frame(long minT, long maxT, double lowV, double highV) {
    double x(long t) {
      return LEFT + (double) (t - minT) / (maxT - minT) * (WIDTH - LEFT - RIGHT);
    }

    double y(double v) {
      return TOP + (highV - v) / (highV - lowV) * (HEIGHT - TOP - BOTTOM);
    }
  }

  private void drawYAxis(ChartCanvas canvas, Frame frame, double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    for (double tick : ticks) {
      double y = frame.y(tick);
      canvas.line(LEFT, y, WIDTH - RIGHT, y, "#e0e0e0", 1);
      canvas.text(
          LEFT - 6,
          y + 4,
          Anchor.END,
          12,
          false,
          false,
          String.format(Locale.ROOT, "%,." + decimals + "f", tick));
    }
    canvas.line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#000000", 1);
    canvas.text(18, (TOP + HEIGHT - BOTTOM) / 2.0, Anchor.MIDDLE, 12, false, true, yLabel);
  }

  private static void drawXAxis(ChartCanvas canvas, Frame frame) {
    int baseline = HEIGHT - BOTTOM;
    canvas.line(LEFT, baseline, WIDTH - RIGHT, baseline, "#000000", 1);
    int labels = 6;
    for (int i = 0; i <= labels; i++) {
      long t = frame.minT() + (frame.maxT() - frame.minT()) * i / labels;
      double x = frame.x(t);
      canvas.line(x, baseline, x, baseline + 5, "#000000", 1);
      canvas.text(
          x, baseline + 20, Anchor.MIDDLE, 12, false, false, DATE.format(Instant.ofEpochMilli(t)));
    }
    canvas.text(
        (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, Anchor.MIDDLE, 12, false, false, "time (UTC)");
  }

  private void drawLegend(ChartCanvas canvas) {
    double x = LEFT + 12;
    double y = TOP + 14;
    for (int k = 0; k < series.size(); k++) {
      canvas.line(x, y - 4, x + 24, y - 4, COLORS[k % COLORS.length], 3);
      canvas.text(x + 30, y, Anchor.START, 12, false, false, series.get(k).name());
      y += 18;
    }
  }

  /** Round tick values covering [min, max]: 1, 2 or 5 × 10^k apart, about 6 of them. */
  static double[] niceTicks(double min, double max) {
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
      min -= pad;
      max += pad;
    }
    double rough = (max - min) / 6;
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double step = 10 * magnitude;
    for (double factor : new double[] {1, 2, 5}) {
      if (factor * magnitude >= rough) {
        step = factor * magnitude;
        break;
      }
    }
    double low = Math.floor(min / step) * step;
    double high = Math.ceil(max / step) * step;
    int count = (int) Math.round((high - low) / step) + 1;
    double[] ticks = new double[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = low + i * step;
    }
    return ticks;
  }
}
