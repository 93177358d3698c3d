package io.lstmsignals.signals.report;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.performance.chart.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes a performance report: {@code report.md} with, for each series (each symbol, then the
 * portfolio), the metric table of the strategy beside buy-and-hold over the same bars, and an SVG
 * of both equity curves ({@code <name>-equity.svg}, linked from the Markdown). Bars are selected by
 * close time in [from, to).
 *
 * <p>Buy-and-hold compounds each bar's market return ({@link PnlPoint#barReturn}); for a symbol in
 * REFERENCE_CLOSE mode that is close-to-close, exactly the study's buy-and-hold.
 */
public final class PerformanceReport {

  private final SequencedMap<String, List<PnlPoint>> series;
  private final Instant from;
  private final Instant to;

  /**
   * @param series points per series name in display order; each list in bar order, one point per
   *     bar
   * @param from first bar close time included
   * @param to bar close times before this instant are included
   */
  public PerformanceReport(SequencedMap<String, List<PnlPoint>> series, Instant from, Instant to) {
    this.series = series;
    this.from = from;
    this.to = to;
  }

  /** The report over every bar of the series. */
  public static PerformanceReport ofAll(SequencedMap<String, List<PnlPoint>> series) {
    return new PerformanceReport(series, Instant.MIN, Instant.MAX);
  }

  /** The strategy's and buy-and-hold's series of one name, restricted to the time range. */
  public record Selection(ReturnSeries strategy, ReturnSeries buyAndHold) {}

  public Selection select(List<PnlPoint> points) {
    int n = points.size();
    long[] times = new long[n];
    double[] positions = new double[n];
    double[] returns = new double[n];
    double[] market = new double[n];
    for (int i = 0; i < n; i++) {
      PnlPoint p = points.get(i);
      times[i] = p.barCloseTime();
      positions[i] = p.position();
      returns[i] = p.strategyReturn();
      market[i] = p.barReturn();
    }
    return new Selection(
        ReturnSeries.startingFlat(times, positions, returns).between(from, to),
        ReturnSeries.buyAndHold(times, market).between(from, to));
  }

  /**
   * Writes the report into {@code directory} (created if needed).
   *
   * @return the Markdown file
   */
  public Path write(Path directory) throws IOException {
    Files.createDirectories(directory);
    StringBuilder md =
        new StringBuilder("# Paper-trading report\n\n")
            .append(
                from.equals(Instant.MIN) && to.equals(Instant.MAX)
                    ? "Every realized bar."
                    : "Bars closing in [" + from + ", " + to + ").")
            .append(" Annualized with ")
            .append(PerformanceMetrics.PERIODS_PER_YEAR_4H)
            .append(" bars a year (4h); Sharpe and Sortino use risk-free ")
            .append(
                "0 and are `undefined` when the strategy never holds a position. Max drawdown is a fraction ≤ 0.\n");
    if (series.isEmpty()) {
      md.append("\nNo P&L records found.\n");
    }
    for (Map.Entry<String, List<PnlPoint>> entry : series.entrySet()) {
      String name = entry.getKey();
      Selection selection = select(entry.getValue());
      PerformanceMetrics strategy = PerformanceMetrics.of4h(selection.strategy());
      PerformanceMetrics hold = PerformanceMetrics.of4h(selection.buyAndHold());
      md.append("\n## ").append(name).append("\n\n");
      if (selection.strategy().size() == 0) {
        md.append("No bars in the range.\n");
        continue;
      }
      md.append("From ")
          .append(Instant.ofEpochMilli(selection.strategy().barTimes()[0]))
          .append(" to ")
          .append(
              Instant.ofEpochMilli(
                  selection.strategy().barTimes()[selection.strategy().size() - 1]))
          .append(" (bar close times).\n\n")
          .append("| metric | strategy | buy and hold |\n|---|---:|---:|\n");
      Map<String, String> holdRows = hold.asRows();
      strategy
          .asRows()
          .forEach(
              (metric, value) ->
                  md.append("| ")
                      .append(metric)
                      .append(" | ")
                      .append(value)
                      .append(" | ")
                      .append(holdRows.get(metric))
                      .append(" |\n"));
      String svgName = fileName(name) + "-equity.svg";
      chart(name, selection).writeSvg(directory.resolve(svgName));
      md.append("\n![").append(name).append(" equity](").append(svgName).append(")\n");
    }
    Path file = directory.resolve("report.md");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static LineChart chart(String name, Selection selection) {
    long[] times = selection.strategy().barTimes();
    return new LineChart(name + ": equity, strategy vs buy and hold", "equity (start = 1)")
        .with("strategy", times, selection.strategy().equityCurve())
        .with("buy and hold", times, selection.buyAndHold().equityCurve());
  }

  /** A safe file name for a series name. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    return safe.isEmpty() ? "series" : safe;
  }
}
