package io.lstmsignals.performance.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart over time, drawn by JFreeChart: stacked panels sharing one UTC time axis (ticks on month
 * starts), lines in each, and shaded time spans across all panels (e.g. bars held long, in-sample
 * bars), written as a standalone SVG (JFreeSVG) or a PNG. A panel whose values are all positive and
 * span more than {@value #LOG_SCALE_RATIO}× gets a log axis, so that the early years of a
 * multi-year equity curve are not a flat line.
 *
 * <p>Immutable; {@link #with} and {@link #shaded} return new charts.
 */
public final class TimeChart {

  /** A panel switches to a log axis when max / min of its values exceeds this. */
  public static final double LOG_SCALE_RATIO = 10;

  static final int WIDTH = 1100;
  static final int HEIGHT = 620;
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final long DAY_MS = 24 * 3600_000L;

  /** Colours of a panel's lines, in order: the first line blue, the second orange. */
  static final Color[] LINE_COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)
  };

  /** One named line; times in epoch milliseconds (strictly increasing), values finite. */
  public record Line(String name, long[] times, double[] values) {
    public Line {
      Objects.requireNonNull(name, "name");
      if (times.length != values.length) {
        throw new IllegalArgumentException(
            "TimeChart.Line '"
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
              "TimeChart.Line '"
                  + name
                  + "': value "
                  + values[i]
                  + " at "
                  + Instant.ofEpochMilli(times[i])
                  + " must be finite");
        }
        if (i > 0 && times[i] <= times[i - 1]) {
          throw new IllegalArgumentException(
              "TimeChart.Line '"
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
  }

  /** A span of time [start, end) in epoch milliseconds. */
  public record Span(long start, long end) {}

  /** Spans shaded in one colour across every panel, with a legend entry. */
  public record Shading(String label, Color color, List<Span> spans) {
    public Shading {
      spans = List.copyOf(spans);
    }
  }

  /** One panel: its y-axis label, its lines and its share of the height. */
  public record Panel(String axisLabel, List<Line> lines, int weight) {
    public Panel {
      lines = List.copyOf(lines);
    }

    /** True when every value is positive and max / min exceeds {@link #LOG_SCALE_RATIO}. */
    public boolean logScale() {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Line line : lines) {
        for (double v : line.values) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      return min > 0 && max / min > LOG_SCALE_RATIO;
    }
  }

  private final String title;
  private final List<Panel> panels;
  private final List<Shading> shadings;

  public TimeChart(String title) {
    this(title, List.of(), List.of());
  }

  private TimeChart(String title, List<Panel> panels, List<Shading> shadings) {
    this.title = Objects.requireNonNull(title, "title");
    this.panels = List.copyOf(panels);
    this.shadings = List.copyOf(shadings);
  }

  /** This chart with one more panel below the others. */
  public TimeChart with(Panel panel) {
    List<Panel> more = new ArrayList<>(panels);
    more.add(panel);
    return new TimeChart(title, more, shadings);
  }

  /** This chart with more shaded spans (drawn behind the lines of every panel). */
  public TimeChart shaded(String label, Color color, List<Span> spans) {
    List<Shading> more = new ArrayList<>(shadings);
    more.add(new Shading(label, color, spans));
    return new TimeChart(title, panels, more);
  }

  public String title() {
    return title;
  }

  public List<Panel> panels() {
    return panels;
  }

  public List<Shading> shadings() {
    return shadings;
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
      throw new IOException("TimeChart: no PNG writer available for " + file);
    }
  }

  /** The chart as a standalone SVG document. */
  public String toSvg() {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    // Two decimals of a pixel are plenty and keep long series' paths small.
    g.setGeomDoubleConverter(v -> String.format(Locale.ROOT, "%.2f", v));
    build().draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument().strip() + "\n";
  }

  /** The chart as an RGB image. */
  public BufferedImage toImage() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    build().draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    g.dispose();
    return image;
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private JFreeChart build() {
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    for (Panel panel : panels) {
      for (Line line : panel.lines) {
        if (line.times.length > 0) {
          minT = Math.min(minT, line.times[0]);
          maxT = Math.max(maxT, line.times[line.times.length - 1]);
        }
      }
    }
    DateAxis time = new DateAxis("time (UTC)");
    time.setTimeZone(UTC);
    if (minT < maxT) {
      time.setRange(minT, maxT);
      time.setTickUnit(tickUnit(maxT - minT));
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(12);
    // Lines named alike in several panels (strategy, buy and hold) share one legend entry.
    Map<String, Color> legendLines = new LinkedHashMap<>();
    for (Panel panel : panels) {
      XYSeriesCollection dataset = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      renderer.setDrawSeriesLineAsPath(true);
      for (int k = 0; k < panel.lines.size(); k++) {
        Line line = panel.lines.get(k);
        XYSeries series = new XYSeries(line.name + " " + k, false, true);
        for (int i = 0; i < line.times.length; i++) {
          series.add(line.times[i], line.values[i], false);
        }
        dataset.addSeries(series);
        Color color = LINE_COLORS[k % LINE_COLORS.length];
        renderer.setSeriesPaint(k, color);
        renderer.setSeriesStroke(k, new BasicStroke(1.4f));
        legendLines.putIfAbsent(line.name, color);
      }
      XYPlot subplot = new XYPlot(dataset, null, valueAxis(panel), renderer);
      subplot.setBackgroundPaint(Color.WHITE);
      subplot.setDomainGridlinePaint(new Color(0xcccccc));
      subplot.setRangeGridlinePaint(new Color(0xcccccc));
      for (Shading shading : shadings) {
        for (Span span : shading.spans) {
          IntervalMarker marker = new IntervalMarker(span.start(), span.end());
          marker.setPaint(shading.color);
          marker.setOutlinePaint(null);
          subplot.addDomainMarker(marker, Layer.BACKGROUND);
        }
      }
      plot.add(subplot, panel.weight);
    }
    LegendItemCollection legend = new LegendItemCollection();
    legendLines.forEach((name, color) -> legend.add(new LegendItem(name, color)));
    for (Shading shading : shadings) {
      legend.add(new LegendItem(shading.label, shading.color));
    }
    plot.setFixedLegendItems(legend);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static ValueAxis valueAxis(Panel panel) {
    if (panel.logScale()) {
      LogAxis axis = new LogAxis(panel.axisLabel + ", log scale");
      axis.setNumberFormatOverride(
          new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      // Ticks at the powers of 2 (…, 0.5, 1, 2, 4, …): each a doubling of equity.
      axis.setTickUnit(new NumberTickUnit(Math.log10(2)));
      return axis;
    }
    NumberAxis axis = new NumberAxis(panel.axisLabel);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }

  /**
   * Ticks on month starts, every 1, 2, 3 or 6 months, or on January 1st every 1 or 2 years, so that
   * at most about 10 show; a span shorter than two months gets weekly ticks instead.
   */
  static DateTickUnit tickUnit(long spanMs) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
    format.setTimeZone(UTC);
    double months = spanMs / (30.44 * DAY_MS);
    if (months < 2) {
      return new DateTickUnit(DateTickUnitType.DAY, 7, format);
    }
    for (int step : new int[] {1, 2, 3, 6}) {
      if (months / step <= 10) {
        return new DateTickUnit(DateTickUnitType.MONTH, step, format);
      }
    }
    // Yearly steps as years, so that the ticks fall on January 1st.
    return new DateTickUnit(DateTickUnitType.YEAR, months / 12 <= 10 ? 1 : 2, format);
  }
}
