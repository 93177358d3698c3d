package io.lstmsignals.signals.report;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.performance.chart.EquityChart;
import io.lstmsignals.performance.stats.SharpeDifference;
import io.lstmsignals.performance.stats.SharpeInterval;
import io.lstmsignals.performance.stats.SharpeStandardError;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * A paper-trading report that cannot mislead: {@code report.md} and one equity chart per series
 * (each symbol, then the portfolio).
 *
 * <p><b>Out-of-sample first.</b> Each bar knows the model version whose signal decided it; a bar is
 * out-of-sample when it opens after that version's last validation bar ({@link ModelSample}). The
 * headline table of a series holds its out-of-sample bars only; every other bar — in the model's
 * training or validation range (or before it), or decided without a known model — is reported in a
 * second table and shaded on the chart. A portfolio instant is out-of-sample when every member bar
 * closing at it is.
 *
 * <p><b>Honest statistics.</b> Beside the Sharpe ratio: its 95 % confidence interval (stationary
 * bootstrap over bars, {@link StationaryBootstrap}), the paired bootstrap of its difference to
 * buy-and-hold over the same bars with the p-value, and the Sharpe ratio in standard errors. The
 * report states the model versions with their ranges, the costs as charged, and the fill mode.
 *
 * <p><b>Trades</b> are the snapshots' fill counts (a portfolio's: its members'), so the report's
 * trades and cumulative return over all bars equal the last snapshot's.
 *
 * <p>Bars are selected by close time in [from, to). Buy-and-hold compounds each bar's market return
 * ({@link PnlPoint#barReturn}).
 */
public final class PerformanceReport {

  /** What {@code PnlHistory} appends to a portfolio's name. */
  public static final String PORTFOLIO_SUFFIX = " (portfolio)";

  /** Where a bar stands with respect to the model that decided it. */
  public enum Sample {
    OUT_OF_SAMPLE,
    IN_SAMPLE,
    NO_MODEL
  }

  /**
   * What a report is made of.
   *
   * @param series points per series name in display order (portfolios named with {@link
   *     #PORTFOLIO_SUFFIX}); each list in bar order, one point per bar
   * @param models every known model version's sample ranges, by version
   * @param costs the costs the fills show
   * @param portfolioMembers the symbols whose bars make up the portfolio's instants
   */
  public record Inputs(
      SequencedMap<String, List<PnlPoint>> series,
      Map<String, ModelSample> models,
      ObservedCosts costs,
      List<String> portfolioMembers) {}

  /** A strategy's bars and buy-and-hold over the same bars. */
  public record Part(ReturnSeries strategy, ReturnSeries buyAndHold) {
    public int bars() {
      return strategy.size();
    }
  }

  /**
   * One series, analysed.
   *
   * @param all every bar in the range
   * @param outOfSample the headline bars
   * @param other every bar that is not out-of-sample
   * @param samples each bar's class, aligned with {@code all}
   * @param versions bars per model version, over all bars
   * @param sharpe the out-of-sample Sharpe's interval, when defined
   * @param holdSharpe buy-and-hold's, over the same bars
   * @param versusHold the paired difference, when both are defined
   * @param standardError the out-of-sample Sharpe in standard errors, when defined
   */
  public record Analysis(
      String name,
      Part all,
      Part outOfSample,
      Part other,
      List<Sample> samples,
      SortedMap<String, Integer> versions,
      Optional<SharpeInterval> sharpe,
      Optional<SharpeInterval> holdSharpe,
      Optional<SharpeDifference> versusHold,
      Optional<SharpeStandardError> standardError) {

    public long count(Sample sample) {
      return samples.stream().filter(s -> s == sample).count();
    }
  }

  private final Inputs inputs;
  private final Instant from;
  private final Instant to;
  private final StationaryBootstrap bootstrap;

  /**
   * @param from first bar close time included
   * @param to bar close times before this instant are included
   */
  public PerformanceReport(Inputs inputs, Instant from, Instant to, StationaryBootstrap bootstrap) {
    this.inputs = inputs;
    this.from = from;
    this.to = to;
    this.bootstrap = bootstrap;
  }

  /** The report over every bar, with the standard bootstrap. */
  public static PerformanceReport ofAll(Inputs inputs) {
    return new PerformanceReport(inputs, Instant.MIN, Instant.MAX, StationaryBootstrap.standard());
  }

  /** Analyses one series by name. */
  public Analysis analyse(String name) {
    List<PnlPoint> points = inputs.series().get(name);
    if (points == null) {
      throw new IllegalArgumentException(
          "PerformanceReport: no series " + name + "; known: " + inputs.series().keySet());
    }
    long fromMs = saturated(from);
    long toMs = saturated(to);
    List<PnlPoint> kept = new ArrayList<>();
    List<Long> tradesKept = new ArrayList<>();
    long previousTrades = 0;
    for (PnlPoint p : points) {
      if (p.barCloseTime() >= fromMs && p.barCloseTime() < toMs) {
        kept.add(p);
        tradesKept.add(p.trades() - previousTrades);
      }
      previousTrades = p.trades();
    }
    boolean portfolio = name.endsWith(PORTFOLIO_SUFFIX);
    Map<Long, Sample> memberSamples = portfolio ? memberSamples() : Map.of();
    List<Sample> samples = new ArrayList<>(kept.size());
    SortedMap<String, Integer> versions = new TreeMap<>();
    for (PnlPoint p : kept) {
      samples.add(
          portfolio ? memberSamples.getOrDefault(p.barCloseTime(), Sample.NO_MODEL) : sample(p));
      if (p.modelVersion() != null) {
        versions.merge(p.modelVersion(), 1, Integer::sum);
      }
    }
    Part all = part(kept, tradesKept, i -> true);
    Part outOfSample = part(kept, tradesKept, i -> samples.get(i) == Sample.OUT_OF_SAMPLE);
    Part other = part(kept, tradesKept, i -> samples.get(i) != Sample.OUT_OF_SAMPLE);
    return withStatistics(name, all, outOfSample, other, samples, versions);
  }

  private Analysis withStatistics(
      String name,
      Part all,
      Part outOfSample,
      Part other,
      List<Sample> samples,
      SortedMap<String, Integer> versions) {
    int periods = PerformanceMetrics.PERIODS_PER_YEAR_4H;
    boolean strategyDefined = PerformanceMetrics.of4h(outOfSample.strategy()).sharpe().isPresent();
    boolean holdDefined = PerformanceMetrics.of4h(outOfSample.buyAndHold()).sharpe().isPresent();
    double[] strategy = outOfSample.strategy().returns();
    double[] hold = outOfSample.buyAndHold().returns();
    Optional<SharpeInterval> sharpe =
        strategyDefined ? Optional.of(bootstrap.sharpe(strategy, periods)) : Optional.empty();
    Optional<SharpeInterval> holdSharpe =
        holdDefined ? Optional.of(bootstrap.sharpe(hold, periods)) : Optional.empty();
    Optional<SharpeDifference> versusHold =
        strategyDefined && holdDefined
            ? Optional.of(bootstrap.difference(strategy, hold, periods))
            : Optional.empty();
    Optional<SharpeStandardError> standardError =
        strategyDefined ? Optional.of(SharpeStandardError.of(strategy)) : Optional.empty();
    return new Analysis(
        name,
        all,
        outOfSample,
        other,
        List.copyOf(samples),
        versions,
        sharpe,
        holdSharpe,
        versusHold,
        standardError);
  }

  private Sample sample(PnlPoint p) {
    ModelSample model = p.modelVersion() == null ? null : inputs.models().get(p.modelVersion());
    if (model == null || model.validatedTo().isEmpty()) {
      return Sample.NO_MODEL;
    }
    return model.isOutOfSample(p.barOpenTime()) ? Sample.OUT_OF_SAMPLE : Sample.IN_SAMPLE;
  }

  /** Each instant's class: the worst class among the member bars closing at it. */
  private Map<Long, Sample> memberSamples() {
    Map<Long, Sample> byInstant = new HashMap<>();
    for (String member : inputs.portfolioMembers()) {
      for (PnlPoint p : inputs.series().getOrDefault(member, List.of())) {
        Sample s = sample(p);
        byInstant.merge(p.barCloseTime(), s, (a, b) -> a.ordinal() > b.ordinal() ? a : b);
      }
    }
    return byInstant;
  }

  private static Part part(List<PnlPoint> points, List<Long> trades, IntPredicate keep) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (keep.test(i)) {
        chosen.add(i);
      }
    }
    int n = chosen.size();
    long[] times = new long[n];
    double[] positions = new double[n];
    double[] returns = new double[n];
    double[] market = new double[n];
    int[] fills = new int[n];
    for (int k = 0; k < n; k++) {
      PnlPoint p = points.get(chosen.get(k));
      times[k] = p.barCloseTime();
      positions[k] = p.position();
      returns[k] = p.strategyReturn();
      market[k] = p.barReturn();
      fills[k] = Math.toIntExact(trades.get(chosen.get(k)));
    }
    return new Part(
        ReturnSeries.ofBook(times, positions, returns, fills),
        ReturnSeries.buyAndHold(times, market));
  }

  private static long saturated(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException beyond) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Writes the report into {@code directory} (created if needed).
   *
   * @return the Markdown file
   */
  public Path write(Path directory) throws IOException {
    Files.createDirectories(directory);
    StringBuilder md = new StringBuilder("# Paper-trading report\n\n");
    md.append(
            from.equals(Instant.MIN) && to.equals(Instant.MAX)
                ? "Every realized bar."
                : "Bars closing in [" + from + ", " + to + ").")
        .append(
            " **Headline figures are out-of-sample only**: bars that open after the last"
                + " validation bar of the model version that decided them. Every other bar (the"
                + " model's training or validation range or earlier, or no known model) is"
                + " reported apart and shaded grey on the charts.\n\n");
    md.append(inputs.costs().describe()).append("\n\n");
    md.append("Model versions (from the models topic):\n\n");
    if (inputs.models().isEmpty()) {
      md.append("- none found: no bar can be shown to be out-of-sample\n");
    }
    new TreeMap<>(inputs.models())
        .forEach(
            (version, model) ->
                md.append("- `")
                    .append(version)
                    .append("`: ")
                    .append(model.describe())
                    .append('\n'));
    md.append("\nAnnualized with ")
        .append(PerformanceMetrics.PERIODS_PER_YEAR_4H)
        .append(
            " bars a year (4h); Sharpe and Sortino use risk-free 0 and are `undefined` when the"
                + " strategy never holds a position. Max drawdown is a fraction ≤ 0. Trades are"
                + " position changes (fills). Sharpe 95 % intervals: stationary bootstrap over bars"
                + " (Politis–Romano; mean block length by Politis–White, seeded), percentile"
                + " intervals; the p-value is the paired bootstrap's, of no difference to"
                + " buy-and-hold over the same bars.\n");
    if (inputs.series().isEmpty()) {
      md.append("\nNo P&L records found.\n");
    }
    for (String name : inputs.series().keySet()) {
      Analysis analysis = analyse(name);
      md.append("\n## ").append(name).append("\n\n");
      if (analysis.all().bars() == 0) {
        md.append("No bars in the range.\n");
        continue;
      }
      section(md, analysis);
      String svgName = fileName(name) + "-equity.svg";
      chart(name, analysis).writeSvg(directory.resolve(svgName));
      md.append("\n![").append(name).append(" equity](").append(svgName).append(")\n");
    }
    Path file = directory.resolve("report.md");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static void section(StringBuilder md, Analysis a) {
    long[] times = a.all().strategy().barTimes();
    md.append(a.all().bars())
        .append(" bars, ")
        .append(Instant.ofEpochMilli(times[0]))
        .append(" … ")
        .append(Instant.ofEpochMilli(times[times.length - 1]))
        .append(" (bar close times): ")
        .append(a.count(Sample.OUT_OF_SAMPLE))
        .append(" out-of-sample, ")
        .append(a.count(Sample.IN_SAMPLE))
        .append(" in the deciding model's training or validation range or earlier, ")
        .append(a.count(Sample.NO_MODEL))
        .append(" without a known model.");
    if (!a.versions().isEmpty()) {
      md.append(" Decided by ");
      List<String> parts = new ArrayList<>();
      a.versions().forEach((v, bars) -> parts.add("`" + v + "` (" + bars + " bars)"));
      md.append(String.join(", ", parts)).append('.');
    }
    md.append("\n\n### Out-of-sample (headline)\n\n");
    if (a.outOfSample().bars() == 0) {
      md.append("No out-of-sample bars: nothing here can be judged as a forecast.\n");
    } else {
      PerformanceMetrics strategy = PerformanceMetrics.of4h(a.outOfSample().strategy());
      PerformanceMetrics hold = PerformanceMetrics.of4h(a.outOfSample().buyAndHold());
      md.append("| metric | strategy | buy and hold |\n|---|---:|---:|\n");
      Map<String, String> holdRows = hold.asRows();
      strategy.asRows().forEach((metric, value) -> row(md, metric, value, holdRows.get(metric)));
      row(
          md,
          "Sharpe 95 % CI",
          a.sharpe().map(SharpeInterval::formatInterval).orElse("undefined"),
          a.holdSharpe().map(SharpeInterval::formatInterval).orElse("undefined"));
      row(
          md,
          "Sharpe − buy and hold",
          a.versusHold()
              .map(
                  d ->
                      String.format(Locale.ROOT, "%.2f, 95 %% CI ", d.estimate())
                          + d.formatInterval()
                          + ", p = "
                          + d.formatPValue())
              .orElse("undefined"),
          "");
      row(
          md,
          "Sharpe in standard errors",
          a.standardError().map(SharpeStandardError::describe).orElse("undefined"),
          "");
      a.sharpe().ifPresent(s -> md.append("\nBootstrap: ").append(s.method()).append(".\n"));
    }
    md.append("\n### Every bar, and the bars that are not out-of-sample\n\n");
    PerformanceMetrics all = PerformanceMetrics.of4h(a.all().strategy());
    PerformanceMetrics allHold = PerformanceMetrics.of4h(a.all().buyAndHold());
    PerformanceMetrics other = PerformanceMetrics.of4h(a.other().strategy());
    PerformanceMetrics otherHold = PerformanceMetrics.of4h(a.other().buyAndHold());
    md.append(
        "| metric | strategy, every bar | buy and hold, every bar | strategy, not out-of-sample |"
            + " buy and hold, not out-of-sample |\n|---|---:|---:|---:|---:|\n");
    Map<String, String> allHoldRows = allHold.asRows();
    Map<String, String> otherRows = other.asRows();
    Map<String, String> otherHoldRows = otherHold.asRows();
    all.asRows()
        .forEach(
            (metric, value) ->
                md.append("| ")
                    .append(metric)
                    .append(" | ")
                    .append(value)
                    .append(" | ")
                    .append(allHoldRows.get(metric))
                    .append(" | ")
                    .append(otherRows.get(metric))
                    .append(" | ")
                    .append(otherHoldRows.get(metric))
                    .append(" |\n"));
  }

  private static void row(StringBuilder md, String metric, String strategy, String hold) {
    md.append("| ")
        .append(metric)
        .append(" | ")
        .append(strategy)
        .append(" | ")
        .append(hold)
        .append(" |\n");
  }

  private static io.lstmsignals.performance.chart.TimeChart chart(String name, Analysis a) {
    boolean[] shaded = new boolean[a.samples().size()];
    for (int i = 0; i < shaded.length; i++) {
      shaded[i] = a.samples().get(i) != Sample.OUT_OF_SAMPLE;
    }
    return EquityChart.of(
        name + ": strategy vs buy and hold",
        a.all().strategy().barTimes(),
        a.all().strategy().equityCurve(),
        a.all().buyAndHold().equityCurve(),
        a.all().strategy().positions(),
        shaded,
        "not out-of-sample");
  }

  /** A safe file name for a series name. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    return safe.isEmpty() ? "series" : safe;
  }
}
