package io.lstmsignals.performance.stats;

/**
 * The standard normal distribution: {@link #cdf} to about 1e-15 absolute, {@link #inverseCdf} by
 * bisection on it. Written out because the performance code is pure {@code java.*}.
 */
public final class Normal {

  private static final double SQRT_PI = Math.sqrt(Math.PI);

  private Normal() {}

  /** Φ(x), the probability that a standard normal variable is ≤ x. */
  public static double cdf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double z = x / Math.sqrt(2.0);
    return z < 0 ? 0.5 * erfc(-z) : 1.0 - 0.5 * erfc(z);
  }

  /**
   * Φ⁻¹(p), the x with Φ(x) = p.
   *
   * @throws IllegalArgumentException unless 0 &lt; p &lt; 1
   */
  public static double inverseCdf(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("Normal.inverseCdf: p " + p + " must be in (0, 1)");
    }
    double low = -40;
    double high = 40;
    // 200 halvings of [−40, 40] reach the spacing of doubles long before they run out.
    for (int i = 0;
        i < 200 && high - low > Math.ulp(Math.max(Math.abs(low), Math.abs(high)));
        i++) {
      double mid = 0.5 * (low + high);
      if (cdf(mid) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }

  /** erfc(z) for z ≥ 0: the Taylor series of erf below 2.5, a continued fraction above. */
  private static double erfc(double z) {
    if (z < 2.5) {
      double term = z;
      double sum = z;
      for (int n = 1; n < 200; n++) {
        term *= -z * z / n;
        double next = term / (2 * n + 1);
        sum += next;
        if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      return 1.0 - 2.0 / SQRT_PI * sum;
    }
    // erfc(z) = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), by Lentz's method.
    double tiny = 1e-300;
    double f = z;
    double c = z;
    double d = 0;
    for (int k = 1; k < 500; k++) {
      double a = k / 2.0;
      d = z + a * d;
      d = d == 0 ? tiny : d;
      c = z + a / c;
      c = c == 0 ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return Math.exp(-z * z) / SQRT_PI / f;
  }
}
