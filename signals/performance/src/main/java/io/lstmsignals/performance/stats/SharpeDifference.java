package io.lstmsignals.performance.stats;

import java.util.Locale;

/**
 * The paired bootstrap of the difference of two annualized Sharpe ratios on the same bars.
 *
 * @param sharpeA the first series' Sharpe ratio
 * @param sharpeB the second series' Sharpe ratio
 * @param estimate sharpeA − sharpeB
 * @param low the 2.5 % percentile of the resampled differences
 * @param high the 97.5 % percentile
 * @param pValue two-sided p-value of "no difference" (see {@link StationaryBootstrap#difference})
 * @param blockLength the mean block length, in bars
 * @param resamples resamples drawn
 * @param undefinedResamples resamples left out because a Sharpe was undefined
 * @param seed the bootstrap's seed
 */
public record SharpeDifference(
    double sharpeA,
    double sharpeB,
    double estimate,
    double low,
    double high,
    double pValue,
    double blockLength,
    int resamples,
    int undefinedResamples,
    long seed) {

  /** {@code [low, high]} with 2 decimals. */
  public String formatInterval() {
    return String.format(Locale.ROOT, "[%.2f, %.2f]", low, high);
  }

  /** The p-value with 3 decimals. */
  public String formatPValue() {
    return String.format(Locale.ROOT, "%.3f", pValue);
  }
}
