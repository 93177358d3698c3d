package io.lstmsignals.performance.stats;

import java.util.Locale;

/**
 * A bootstrap 95 % confidence interval for an annualized Sharpe ratio.
 *
 * @param estimate the Sharpe ratio of the series itself
 * @param low the 2.5 % percentile of the resampled Sharpe ratios
 * @param high the 97.5 % percentile
 * @param blockLength the stationary bootstrap's mean block length, in bars
 * @param resamples resamples drawn
 * @param undefinedResamples resamples left out because their Sharpe was undefined
 * @param seed the bootstrap's seed
 */
public record SharpeInterval(
    double estimate,
    double low,
    double high,
    double blockLength,
    int resamples,
    int undefinedResamples,
    long seed) {

  /** Whether the interval contains {@code value}. */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }

  /** {@code [low, high]} with 2 decimals. */
  public String formatInterval() {
    return String.format(Locale.ROOT, "[%.2f, %.2f]", low, high);
  }

  /** How it was computed, for a report's footnote. */
  public String method() {
    return String.format(
        Locale.ROOT,
        "stationary bootstrap over bars, %d resamples, mean block %.1f bars, seed %d",
        resamples,
        blockLength,
        seed);
  }
}
