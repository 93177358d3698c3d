package io.lstmsignals.performance.stats;

/**
 * The deflated Sharpe ratio of Bailey and López de Prado (2014): the probability that the best of N
 * trials has a true Sharpe ratio above the one the best of N would show by luck alone. All Sharpe
 * ratios here are per bar (not annualized).
 *
 * <ul>
 *   <li>expected maximum under the null, SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), V
 *       the variance of the trials' Sharpe ratios, γ the Euler–Mascheroni constant;
 *   <li>DSR = Φ((SR − SR₀)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²)), T the best trial's bars, γ₃
 *       and γ₄ its returns' skewness and kurtosis (not excess).
 * </ul>
 *
 * DSR near 1: the best trial is unlikely to be luck; 0.5 or less: it is what N tries give anyway.
 *
 * @param sharpe SR, the best trial's per-bar Sharpe ratio
 * @param expectedMaximum SR₀
 * @param probability DSR
 * @param trials N
 */
public record DeflatedSharpe(
    double sharpe, double expectedMaximum, double probability, int trials) {

  private static final double EULER_GAMMA = 0.5772156649015329;

  /**
   * @param perBarSharpe SR of the best trial
   * @param bars T, its bars
   * @param skewness γ₃ of its returns
   * @param kurtosis γ₄ of its returns (not excess)
   * @param trials N ≥ 1, every configuration tried (not only the reported ones)
   * @param trialSharpeVariance V, the variance of the N trials' per-bar Sharpe ratios
   */
  public static DeflatedSharpe of(
      double perBarSharpe,
      int bars,
      double skewness,
      double kurtosis,
      int trials,
      double trialSharpeVariance) {
    if (trials < 1 || bars < 2 || !(trialSharpeVariance >= 0)) {
      throw new IllegalArgumentException(
          "DeflatedSharpe: trials "
              + trials
              + " must be >= 1, bars "
              + bars
              + " >= 2 and the trials' Sharpe variance "
              + trialSharpeVariance
              + " >= 0");
    }
    double expectedMaximum = expectedMaximum(trials, trialSharpeVariance);
    double sr = perBarSharpe;
    double denominator = Math.sqrt(1 - skewness * sr + (kurtosis - 1) / 4 * sr * sr);
    double z = (sr - expectedMaximum) * Math.sqrt(bars - 1) / denominator;
    return new DeflatedSharpe(sr, expectedMaximum, Normal.cdf(z), trials);
  }

  /** The best trial's returns, with the trials' count and Sharpe variance. */
  public static DeflatedSharpe of(double[] bestReturns, int trials, double trialSharpeVariance) {
    ReturnMoments m = ReturnMoments.of(bestReturns);
    double sr = m.requirePerBarSharpe("the best trial");
    return of(sr, m.n(), m.skewness(), m.kurtosis(), trials, trialSharpeVariance);
  }

  /** SR₀, the expected maximum per-bar Sharpe ratio of N trials whose true Sharpe is 0. */
  public static double expectedMaximum(int trials, double trialSharpeVariance) {
    if (trials == 1) {
      return 0;
    }
    return Math.sqrt(trialSharpeVariance)
        * ((1 - EULER_GAMMA) * Normal.inverseCdf(1 - 1.0 / trials)
            + EULER_GAMMA * Normal.inverseCdf(1 - 1.0 / (trials * Math.E)));
  }
}
