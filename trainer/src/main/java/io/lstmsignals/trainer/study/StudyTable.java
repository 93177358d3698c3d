package io.lstmsignals.trainer.study;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.stats.DeflatedSharpe;
import io.lstmsignals.performance.stats.SharpeDifference;
import io.lstmsignals.performance.stats.SharpeInterval;
import io.lstmsignals.performance.stats.SharpeStandardError;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The study's results table: our figures (mean ± sample std over seeds for the LSTMs) beside the
 * published single-seed ones, as Markdown and as CSV.
 */
public final class StudyTable {

  private static final String ARIMA_NOTE =
      "not reproduced (no maintained Java ARIMA fit, see trainer/README.md)";

  private final String source;
  private final ForecastMetrics naive;
  private final PerformanceMetrics buyAndHold;
  private final SharpeInterval buyAndHoldInterval;
  private final OptionalDouble buyAndHoldDirectional;
  private final List<Long> seeds;
  private final List<SeedRun> runs;

  public StudyTable(
      String source,
      ForecastMetrics naive,
      PerformanceMetrics buyAndHold,
      SharpeInterval buyAndHoldInterval,
      OptionalDouble buyAndHoldDirectional,
      List<Long> seeds,
      List<SeedRun> runs) {
    this.source = source;
    this.naive = naive;
    this.buyAndHold = buyAndHold;
    this.buyAndHoldInterval = buyAndHoldInterval;
    this.buyAndHoldDirectional = buyAndHoldDirectional;
    this.seeds = List.copyOf(seeds);
    this.runs = List.copyOf(runs);
  }

  public List<SeedRun> runs() {
    return runs;
  }

  /** Aggregates of one configuration's runs. */
  public record Summary(
      StudyConfiguration configuration,
      int runs,
      SummaryStatistic mae,
      SummaryStatistic rmse,
      SummaryStatistic mapePercent,
      SummaryStatistic directionalAccuracy,
      SummaryStatistic cumulativeReturn,
      SummaryStatistic sharpe,
      int neverLong,
      double meanEpochs) {}

  public List<Summary> summaries() {
    return runs.stream().map(SeedRun::configuration).distinct().map(this::summarize).toList();
  }

  private Summary summarize(StudyConfiguration configuration) {
    List<SeedRun> mine = runs.stream().filter(run -> run.configuration() == configuration).toList();
    return new Summary(
        configuration,
        mine.size(),
        statistic(mine, run -> OptionalDouble.of(run.forecast().mae())),
        statistic(mine, run -> OptionalDouble.of(run.forecast().rmse())),
        statistic(mine, run -> OptionalDouble.of(run.forecast().mapePercent())),
        statistic(mine, run -> run.forecast().directionalAccuracy()),
        statistic(mine, run -> OptionalDouble.of(run.strategy().cumulativeReturn())),
        statistic(mine, run -> run.strategy().sharpe()),
        (int) mine.stream().filter(run -> run.strategy().exposure() == 0).count(),
        mine.stream().mapToInt(SeedRun::epochs).average().orElse(0));
  }

  private static SummaryStatistic statistic(
      List<SeedRun> runs, Function<SeedRun, OptionalDouble> metric) {
    return SummaryStatistic.of(runs.stream().map(metric).toArray(OptionalDouble[]::new));
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Reference study, reproduced\n\n")
        .append("Data: `")
        .append(source)
        .append("`. LSTM rows: mean ± sample std over seeds ")
        .append(seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(" (one model per seed); published rows: the study's single seed. MAPE in %.\n\n")
        .append(
            "| model | source | MAE | RMSE | MAPE % | dir. acc. | cum. return | Sharpe | never long | epochs |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| naive (last close, last 402 bars) | this run | %.2f | %.2f | %.4f | n/a"
                + " | n/a | n/a | | |%n",
            naive.mae(),
            naive.rmse(),
            naive.mapePercent()));
    md.append("| | published | 518.36 | 784.09 | 0.6701 | n/a | n/a | n/a | | |\n");
    md.append("| ARIMA(1,1,1) | this run | ").append(ARIMA_NOTE).append(" | | | | | | | |\n");
    md.append("| | published | 517.16 | | | 0.5547 | | 6.06 | | |\n");
    for (Summary summary : summaries()) {
      md.append("| ")
          .append(summary.configuration().label())
          .append(" | this run (")
          .append(summary.runs())
          .append(" seeds) | ")
          .append(summary.mae().format(2))
          .append(" | ")
          .append(summary.rmse().format(2))
          .append(" | ")
          .append(summary.mapePercent().format(4))
          .append(" | ")
          .append(summary.directionalAccuracy().format(4))
          .append(" | ")
          .append(summary.cumulativeReturn().format(4))
          .append(" | ")
          .append(summary.sharpe().format(4))
          .append(" | ")
          .append(summary.neverLong())
          .append('/')
          .append(summary.runs())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", summary.meanEpochs()))
          .append(" |\n");
      PublishedResult published = summary.configuration().published();
      md.append("| | published | ")
          .append(text(published.mae(), 2))
          .append(" | ")
          .append(text(published.rmse(), 2))
          .append(" | ")
          .append(text(published.mapePercent(), 4))
          .append(" | ")
          .append(text(published.directionalAccuracy(), 4))
          .append(" | ")
          .append(text(published.cumulativeReturn(), 4))
          .append(" | ")
          .append(text(published.sharpe(), 4))
          .append(" | ")
          .append(published.note())
          .append(" | |\n");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| buy-and-hold (401 test rows) | this run | | | | %s (always up) | %.4f |"
                + " %s | | |%n",
            PerformanceMetrics.format(buyAndHoldDirectional),
            buyAndHold.cumulativeReturn(),
            PerformanceMetrics.format(buyAndHold.sharpe())));
    md.append("| | published | | | | 0.5362 (always up) | 0.4956 | 5.0096 | | |\n");
    uncertainty(md);
    md.append("\nPer-seed figures: `study-runs.csv`.\n");
    return md.toString();
  }

  /**
   * How sure each Sharpe ratio is, the study's 1.83σ check, and the deflated Sharpe of the best.
   */
  private void uncertainty(StringBuilder md) {
    md.append("\n## How sure: the Sharpe ratios' uncertainty\n\n")
        .append("Per run, on the test bars: the Sharpe ratio's 95 % interval and the difference to")
        .append(" buy-and-hold's over the same bars with its two-sided p-value, and the per-bar")
        .append(" Sharpe in standard errors. Stationary bootstrap over bars, ")
        .append(buyAndHoldInterval.resamples())
        .append(" resamples, seed ")
        .append(buyAndHoldInterval.seed())
        .append(", each series' mean block length by the Politis–White rule (buy-and-hold's: ")
        .append(String.format(Locale.ROOT, "%.1f", buyAndHoldInterval.blockLength()))
        .append(" bars).\n\n")
        .append(
            "| model | seed | Sharpe | 95 % CI | Sharpe − buy and hold (95 % CI) | p | in standard errors |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (SeedRun run : runs) {
      md.append("| ")
          .append(run.configuration().label())
          .append(" | ")
          .append(run.seed())
          .append(" | ")
          .append(PerformanceMetrics.format(run.strategy().sharpe()))
          .append(" | ")
          .append(run.sharpeInterval().map(SharpeInterval::formatInterval).orElse("undefined"))
          .append(" | ")
          .append(
              run.versusBuyAndHold()
                  .map(d -> String.format(Locale.ROOT, "%.2f ", d.estimate()) + d.formatInterval())
                  .orElse("undefined"))
          .append(" | ")
          .append(run.versusBuyAndHold().map(SharpeDifference::formatPValue).orElse(""))
          .append(" | ")
          .append(run.sharpeError().map(SharpeStandardError::describe).orElse(""))
          .append(" |\n");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| buy-and-hold | | %s | %s | | | |%n",
            PerformanceMetrics.format(buyAndHold.sharpe()),
            buyAndHoldInterval.formatInterval()));
    md.append("\nThe study's check, for its published default (Sharpe 4.2660 over 401 test bars): ")
        .append(
            SharpeStandardError.ofPublished(4.2660, 401, PerformanceMetrics.PERIODS_PER_YEAR_4H)
                .describe())
        .append(
            ". The study's 1.83σ is SR·√n (standard error 1/√n); the skew/kurtosis-corrected error"
                + " needs the returns, which it did not publish, so that column is the normal case"
                + " there.\n");
    deflated().ifPresent(line -> md.append("\n").append(line).append("\n"));
  }

  /**
   * The deflated Sharpe ratio of the best run, given every run tried (configurations × seeds) and
   * the variance of their per-bar Sharpe ratios; empty with fewer than two defined runs.
   */
  Optional<String> deflated() {
    List<SeedRun> defined = runs.stream().filter(run -> run.sharpeError().isPresent()).toList();
    if (defined.size() < 2) {
      return Optional.empty();
    }
    double[] sharpes =
        defined.stream()
            .mapToDouble(run -> run.sharpeError().orElseThrow().perBarSharpe())
            .toArray();
    double mean = Arrays.stream(sharpes).average().orElseThrow();
    double variance = 0;
    for (double s : sharpes) {
      variance += (s - mean) * (s - mean);
    }
    variance /= sharpes.length - 1;
    SeedRun best =
        defined.stream()
            .max(Comparator.comparingDouble(run -> run.sharpeError().orElseThrow().perBarSharpe()))
            .orElseThrow();
    SharpeStandardError error = best.sharpeError().orElseThrow();
    DeflatedSharpe dsr =
        DeflatedSharpe.of(
            error.perBarSharpe(),
            error.bars(),
            error.skewness(),
            error.kurtosis(),
            runs.size(),
            variance);
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Deflated Sharpe ratio (Bailey & López de Prado 2014) of the best run, %s seed %d"
                + " (Sharpe %s): %.3f, given %d runs tried and their per-bar Sharpe variance %.3g"
                + " (expected best by luck alone: %.2f annualized). Near 1: unlikely to be luck;"
                + " 0.5 or less: what that many tries give anyway.",
            best.configuration().label(),
            best.seed(),
            PerformanceMetrics.format(best.strategy().sharpe()),
            dsr.probability(),
            runs.size(),
            variance,
            dsr.expectedMaximum() * Math.sqrt(PerformanceMetrics.PERIODS_PER_YEAR_4H)));
  }

  private static final List<String> CSV_COLUMNS =
      List.of(
          "model",
          "runs",
          "mae_mean",
          "mae_std",
          "rmse_mean",
          "rmse_std",
          "mape_pct_mean",
          "mape_pct_std",
          "dir_acc_mean",
          "dir_acc_std",
          "cum_return_mean",
          "cum_return_std",
          "sharpe_mean",
          "sharpe_std",
          "sharpe_undefined_runs",
          "never_long_runs",
          "published_mae",
          "published_rmse",
          "published_mape_pct",
          "published_dir_acc",
          "published_cum_return",
          "published_sharpe");

  /**
   * One line per model with our mean and std and the published value of each metric (empty: not
   * applicable).
   */
  public String csv() {
    StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    csvLine(
        csv,
        "naive",
        "1",
        Double.toString(naive.mae()),
        "",
        Double.toString(naive.rmse()),
        "",
        Double.toString(naive.mapePercent()),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "518.36",
        "784.09",
        "0.6701",
        "",
        "",
        "");
    csvLine(
        csv,
        "arima_1_1_1",
        "0",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "517.16",
        "",
        "",
        "0.5547",
        "",
        "6.06");
    for (Summary s : summaries()) {
      PublishedResult p = s.configuration().published();
      csvLine(
          csv,
          s.configuration().id(),
          Integer.toString(s.runs()),
          value(s.mae().mean()),
          value(s.mae().std()),
          value(s.rmse().mean()),
          value(s.rmse().std()),
          value(s.mapePercent().mean()),
          value(s.mapePercent().std()),
          value(s.directionalAccuracy().mean()),
          value(s.directionalAccuracy().std()),
          value(s.cumulativeReturn().mean()),
          value(s.cumulativeReturn().std()),
          value(s.sharpe().mean()),
          value(s.sharpe().std()),
          Integer.toString(s.sharpe().runs() - s.sharpe().defined()),
          Integer.toString(s.neverLong()),
          value(p.mae()),
          value(p.rmse()),
          value(p.mapePercent()),
          value(p.directionalAccuracy()),
          value(p.cumulativeReturn()),
          value(p.sharpe()));
    }
    csvLine(
        csv,
        "buy_and_hold",
        "1",
        "",
        "",
        "",
        "",
        "",
        "",
        value(buyAndHoldDirectional),
        "",
        Double.toString(buyAndHold.cumulativeReturn()),
        "",
        value(buyAndHold.sharpe()),
        "",
        "",
        "",
        "",
        "",
        "",
        "0.5362",
        "0.4956",
        "5.0096");
    return csv.toString();
  }

  private static void csvLine(StringBuilder csv, String... cells) {
    if (cells.length != CSV_COLUMNS.size()) {
      throw new IllegalStateException(
          "StudyTable: CSV line has " + cells.length + " cells, expected " + CSV_COLUMNS.size());
    }
    csv.append(String.join(",", cells)).append('\n');
  }

  /** Every run's figures. */
  public String runsCsv() {
    StringBuilder csv =
        new StringBuilder(
            "config,seed,epochs,train_seconds,mae,rmse,mape_pct,dir_acc,cum_return,sharpe,exposure,trades,"
                + "sharpe_ci_low,sharpe_ci_high,sharpe_minus_hold,p_vs_hold\n");
    for (SeedRun run : runs) {
      csv.append(
              String.join(
                  ",",
                  run.configuration().id(),
                  Long.toString(run.seed()),
                  Integer.toString(run.epochs()),
                  String.format(Locale.ROOT, "%.2f", run.seconds()),
                  Double.toString(run.forecast().mae()),
                  Double.toString(run.forecast().rmse()),
                  Double.toString(run.forecast().mapePercent()),
                  value(run.forecast().directionalAccuracy()),
                  Double.toString(run.strategy().cumulativeReturn()),
                  value(run.strategy().sharpe()),
                  Double.toString(run.strategy().exposure()),
                  Long.toString(run.strategy().trades()),
                  run.sharpeInterval().map(i -> Double.toString(i.low())).orElse(""),
                  run.sharpeInterval().map(i -> Double.toString(i.high())).orElse(""),
                  run.versusBuyAndHold().map(d -> Double.toString(d.estimate())).orElse(""),
                  run.versusBuyAndHold().map(d -> Double.toString(d.pValue())).orElse("")))
          .append('\n');
    }
    return csv.toString();
  }

  private static String text(OptionalDouble value, int decimals) {
    return value.isPresent()
        ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble())
        : "";
  }

  private static String value(OptionalDouble value) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : "";
  }
}
