package io.lstmsignals.performance.stats;

import java.util.Locale;

/**
 * The per-bar Sharpe ratio SR = mean / std against its standard error: how many standard errors it
 * lies above 0 (the reference study's "1.83σ" check). Three standard errors, over n bars:
 *
 * <ul>
 *   <li>{@code leading}: 1/√n, the leading term of the iid one (what a t-statistic of the mean
 *       uses); SR·√n with the published default figures (Sharpe 4.2660 over 401 bars) is the
 *       study's 1.83σ;
 *   <li>{@code iid}: Lo (2002) for iid normal returns, √((1 + SR²/2) / n);
 *   <li>{@code nonNormal}: Mertens (2002), generalized by Opdyke (2007), for iid returns of any
 *       skewness γ₃ and kurtosis γ₄: √((1 + SR²/2 − γ₃·SR + (γ₄ − 3)/4 · SR²) / n); the one Bailey
 *       and López de Prado's probabilistic Sharpe ratio uses.
 * </ul>
 *
 * @param perBarSharpe SR, not annualized
 * @param bars n
 * @param skewness γ₃ of the returns (0 when only SR and n are known)
 * @param kurtosis γ₄ of the returns, not excess (3 when only SR and n are known)
 */
public record SharpeStandardError(double perBarSharpe, int bars, double skewness, double kurtosis) {

  /**
   * From a return series.
   *
   * @throws IllegalArgumentException when its Sharpe ratio is undefined
   */
  public static SharpeStandardError of(double[] returns) {
    ReturnMoments m = ReturnMoments.of(returns);
    double sharpe = m.requirePerBarSharpe("the series");
    return new SharpeStandardError(sharpe, m.n(), m.skewness(), m.kurtosis());
  }

  /**
   * From a published annualized Sharpe ratio and its bar count alone (normal returns assumed for
   * the moments).
   */
  public static SharpeStandardError ofPublished(
      double annualizedSharpe, int bars, int periodsPerYear) {
    return new SharpeStandardError(annualizedSharpe / Math.sqrt(periodsPerYear), bars, 0, 3);
  }

  public double leadingError() {
    return 1 / Math.sqrt(bars);
  }

  public double iidError() {
    return Math.sqrt((1 + perBarSharpe * perBarSharpe / 2) / bars);
  }

  public double nonNormalError() {
    double sr = perBarSharpe;
    return Math.sqrt((1 + sr * sr / 2 - skewness * sr + (kurtosis - 3) / 4 * sr * sr) / bars);
  }

  /** SR in units of {@link #leadingError}. */
  public double leadingSigmas() {
    return perBarSharpe / leadingError();
  }

  /** SR in units of {@link #iidError}. */
  public double iidSigmas() {
    return perBarSharpe / iidError();
  }

  /** SR in units of {@link #nonNormalError}. */
  public double nonNormalSigmas() {
    return perBarSharpe / nonNormalError();
  }

  /** E.g. {@code 1.83σ (1/√n), 1.82σ (Lo iid), 1.79σ (skew/kurtosis)}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%.2fσ (SE 1/√n), %.2fσ (Lo iid), %.2fσ (Mertens skew/kurtosis)",
        leadingSigmas(),
        iidSigmas(),
        nonNormalSigmas());
  }
}
