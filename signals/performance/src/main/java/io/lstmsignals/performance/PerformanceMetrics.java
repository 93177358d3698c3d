package io.lstmsignals.performance;

import io.lstmsignals.performance.stats.ReturnMoments;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Performance of a strategy over a {@link ReturnSeries}, with the reference study's definitions
 * where it has them. Let {@code r_1..r_n} be the strategy's per-bar simple returns (flat bars
 * included, as 0 without costs), {@code p_i} the position over bar i and {@code P} the periods per
 * year (2190 for 4h bars).
 *
 * <ul>
 *   <li>{@code cumulativeReturn} = ∏(1 + r_i) − 1 (the study's).
 *   <li>{@code sharpe} = √P · mean(r) / std(r), sample std (ddof 1) over all n bars, risk-free 0
 *       (the study's). Undefined when the strategy never holds a non-zero position, when n &lt; 2,
 *       or when std(r) = 0.
 *   <li>{@code sortino} = √P · mean(r) / DD with the downside deviation DD = √(Σ min(r_i, 0)² / n):
 *       target 0, over all n bars (bars above the target count as 0, the population form).
 *       Undefined when the strategy never trades, or DD = 0 (no losing bar).
 *   <li>{@code maxDrawdown}: the most negative {@code E_k / max_{j≤k} E_j − 1} on the equity curve
 *       {@code E_k = ∏_{i≤k}(1 + r_i)}, {@code E_0 = 1} counting as a peak. A fraction ≤ 0 (−0.25 =
 *       a 25 % fall), the sign convention of {@code PnlSnapshot.maxDrawdown}; 0 when equity never
 *       fell.
 *   <li>{@code annualizedReturn} = (1 + cumulativeReturn)^(P/n) − 1 (geometric); undefined when n =
 *       0.
 *   <li>{@code calmar} = annualizedReturn / |maxDrawdown|; undefined when maxDrawdown = 0 or n = 0.
 *   <li>{@code trades}: position changes (fills), the sum of the series' per-bar {@link
 *       ReturnSeries#trades}; for one book the bars i with {@code p_i ≠ p_{i−1}}, where {@code p_0}
 *       is the series' {@code positionBefore} (0 for a fresh strategy, so entering on the first bar
 *       is a trade).
 *   <li>{@code exposure}: share of bars with a non-zero position; 0 for an empty series.
 *   <li>{@code winRate}: among bars held long ({@code p_i > 0}), the share with {@code r_i > 0};
 *       undefined when never long.
 * </ul>
 *
 * <p>Undefined values are {@link OptionalDouble#empty()}; {@link #format(OptionalDouble)} prints
 * them as {@code undefined}, never as 0 or NaN.
 *
 * @param bars n, the number of bars measured
 */
public record PerformanceMetrics(
    int bars,
    double cumulativeReturn,
    OptionalDouble annualizedReturn,
    OptionalDouble sharpe,
    OptionalDouble sortino,
    double maxDrawdown,
    OptionalDouble calmar,
    long trades,
    double exposure,
    OptionalDouble winRate) {

  /** Periods per year of 4h bars: 6 a day × 365, the study's annualization. */
  public static final int PERIODS_PER_YEAR_4H = 2190;

  public PerformanceMetrics {
    if (bars < 0) {
      throw new IllegalArgumentException("PerformanceMetrics: bars " + bars + " must be >= 0");
    }
    if (maxDrawdown > 0) {
      throw new IllegalArgumentException(
          "PerformanceMetrics: maxDrawdown " + maxDrawdown + " must be <= 0");
    }
  }

  /** Metrics of 4h bars (periods per year 2190). */
  public static PerformanceMetrics of4h(ReturnSeries series) {
    return of(series, PERIODS_PER_YEAR_4H);
  }

  /**
   * Computes every metric over the whole series; pass {@link ReturnSeries#between} or {@link
   * ReturnSeries#slice} for a time range.
   *
   * @param periodsPerYear bars per year, for annualization (2190 for 4h bars)
   */
  public static PerformanceMetrics of(ReturnSeries series, int periodsPerYear) {
    if (periodsPerYear < 1) {
      throw new IllegalArgumentException(
          "PerformanceMetrics: periodsPerYear " + periodsPerYear + " must be >= 1");
    }
    int n = series.size();
    double equity = 1.0;
    Drawdown drawdown = Drawdown.start(equity);
    double sum = 0.0;
    double downsideSquares = 0.0;
    long trades = 0;
    int exposed = 0;
    int barsHeldLong = 0;
    int longWins = 0;
    for (int i = 0; i < n; i++) {
      double r = series.returnAt(i);
      double p = series.positionAt(i);
      equity *= 1.0 + r;
      drawdown = drawdown.after(equity);
      sum += r;
      if (r < 0) {
        downsideSquares += r * r;
      }
      trades += series.tradesAt(i);
      if (p != 0) {
        exposed++;
      }
      if (p > 0) {
        barsHeldLong++;
        if (r > 0) {
          longWins++;
        }
      }
    }
    double cumulative = equity - 1.0;
    double maxDrawdown = drawdown.maximum();
    boolean traded = exposed > 0;
    double mean = n == 0 ? 0.0 : sum / n;
    double sqrtP = Math.sqrt(periodsPerYear);

    OptionalDouble sharpe = OptionalDouble.empty();
    if (traded) {
      OptionalDouble perBar = ReturnMoments.of(series.returns()).perBarSharpe();
      if (perBar.isPresent()) {
        sharpe = OptionalDouble.of(sqrtP * perBar.getAsDouble());
      }
    }
    OptionalDouble sortino = OptionalDouble.empty();
    double downside = n == 0 ? 0.0 : Math.sqrt(downsideSquares / n);
    if (traded && downside > 0) {
      sortino = OptionalDouble.of(sqrtP * mean / downside);
    }
    OptionalDouble annualized =
        n == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of(Math.pow(1.0 + cumulative, (double) periodsPerYear / n) - 1.0);
    OptionalDouble calmar =
        annualized.isPresent() && maxDrawdown < 0
            ? OptionalDouble.of(annualized.getAsDouble() / -maxDrawdown)
            : OptionalDouble.empty();
    double exposure = n == 0 ? 0.0 : (double) exposed / n;
    OptionalDouble winRate =
        barsHeldLong == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of((double) longWins / barsHeldLong);
    return new PerformanceMetrics(
        n, cumulative, annualized, sharpe, sortino, maxDrawdown, calmar, trades, exposure, winRate);
  }

  /** A value with 4 decimals, or {@code undefined}. */
  public static String format(OptionalDouble value) {
    return value.isPresent() ? format(value.getAsDouble()) : "undefined";
  }

  /** A value with 4 decimals, locale-independent. */
  public static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /**
   * The metrics as ordered (name, formatted value) rows, for a report table; fractions are printed
   * as fractions (0.2596, not 25.96 %).
   */
  public Map<String, String> asRows() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("bars", Integer.toString(bars));
    rows.put("cumulative return", format(cumulativeReturn));
    rows.put("annualized return", format(annualizedReturn));
    rows.put("Sharpe (annualized)", format(sharpe));
    rows.put("Sortino (annualized)", format(sortino));
    rows.put("max drawdown", format(maxDrawdown));
    rows.put("Calmar", format(calmar));
    rows.put("trades", Long.toString(trades));
    rows.put("exposure", format(exposure));
    rows.put("win rate (long bars)", format(winRate));
    return rows;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("PerformanceMetrics[");
    asRows().forEach((name, value) -> text.append(name).append('=').append(value).append(", "));
    text.setLength(text.length() - 2);
    return text.append(']').toString();
  }
}
