package io.lstmsignals.performance.stats;

import java.util.OptionalDouble;

/**
 * The moments of a per-bar return series that the Sharpe ratio and its inference need: mean, sample
 * standard deviation (ddof 1), and the population skewness m₃/m₂^{3/2} and kurtosis m₄/m₂² (not
 * excess: 3 for a normal series), with {@code m_k} the k-th central moment about the mean divided
 * by n.
 */
public record ReturnMoments(int n, double mean, double std, double skewness, double kurtosis) {

  /** The moments of {@code returns}. */
  public static ReturnMoments of(double[] returns) {
    int n = returns.length;
    double sum = 0;
    for (double r : returns) {
      sum += r;
    }
    double mean = n == 0 ? 0 : sum / n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double r : returns) {
      double d = r - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    double std = n < 2 ? 0 : Math.sqrt(m2 / (n - 1));
    double skewness = m2 == 0 ? 0 : (m3 / n) / Math.pow(m2 / n, 1.5);
    double kurtosis = m2 == 0 ? 0 : (m4 / n) / Math.pow(m2 / n, 2);
    return new ReturnMoments(n, mean, std, skewness, kurtosis);
  }

  /**
   * The per-bar Sharpe ratio mean / std (risk-free 0), not annualized; undefined when n &lt; 2 or
   * the returns do not vary.
   */
  public OptionalDouble perBarSharpe() {
    return n < 2 || !(std > 0) ? OptionalDouble.empty() : OptionalDouble.of(mean / std);
  }

  /**
   * The per-bar Sharpe ratio, which the caller needs defined.
   *
   * @param what names the series in the message
   * @throws IllegalArgumentException naming it when the Sharpe ratio is undefined
   */
  public double requirePerBarSharpe(String what) {
    return perBarSharpe()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "The Sharpe ratio of "
                        + what
                        + " ("
                        + n
                        + " returns) is undefined: fewer than 2 bars, or no variation"));
  }

  /**
   * The per-bar Sharpe ratio of {@code returns[indices[0]], returns[indices[1]], …}: what a
   * bootstrap computes for each resample, NaN when undefined. Same definition as {@link
   * #perBarSharpe}.
   */
  static double perBarSharpe(double[] returns, int[] indices) {
    int n = indices.length;
    double sum = 0;
    for (int i : indices) {
      sum += returns[i];
    }
    double mean = sum / n;
    double squares = 0;
    for (int i : indices) {
      double d = returns[i] - mean;
      squares += d * d;
    }
    double std = Math.sqrt(squares / (n - 1));
    return n < 2 || !(std > 0) ? Double.NaN : mean / std;
  }
}
