package io.lstmsignals.performance.stats;

/**
 * The mean block length of the stationary bootstrap, chosen from the data by the rule of Politis
 * and White (2004) with the correction of Patton, Politis and White (2009), step for step as the
 * {@code arch} Python package's {@code optimal_block_length} computes it:
 *
 * <ol>
 *   <li>the bandwidth M: the first lag m after which K_N = max(5, ⌊log₁₀ n⌋) consecutive sample
 *       autocorrelations are all below 2·√(log₁₀ n / n); M = min(2·max(m, 1), ⌈√n⌉ + K_N);
 *   <li>with the flat-top lag window λ(t) = 1 for t ≤ ½, 2(1 − t) up to 1: G = Σ_{k=1..M}
 *       2·λ(k/M)·k·γ̂(k) and the long-run variance σ² = γ̂(0) + Σ 2·λ(k/M)·γ̂(k), γ̂ the sample
 *       autocovariances (÷ n);
 *   <li>b = (2G² / (2σ⁴))^{1/3} · n^{1/3}, capped at ⌈min(3√n, n/3)⌉.
 * </ol>
 *
 * The result is at least 1 (a block of one bar: the iid bootstrap, which is what the rule gives for
 * returns without dependence).
 */
public final class BlockLength {

  private BlockLength() {}

  /** The stationary bootstrap's mean block length for {@code x}; 1 when x is too short to tell. */
  public static double politisWhite(double[] x) {
    int n = x.length;
    if (n < 4) {
      return 1.0;
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double[] eps = new double[n];
    for (int i = 0; i < n; i++) {
      eps[i] = x[i] - mean;
    }
    double bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3.0));
    int kn = Math.max(5, (int) Math.log10(n));
    int mMax = (int) Math.ceil(Math.sqrt(n)) + kn;
    double critical = 2 * Math.sqrt(Math.log10(n) / n);
    double[] acv = new double[mMax + 1];
    double[] absAcorr = new double[mMax + 1];
    int optM = -1;
    for (int i = 0; i <= mMax && i < n - 1; i++) {
      double v1 = 0;
      double v2 = 0;
      for (int t = i + 1; t < n; t++) {
        v1 += eps[t] * eps[t];
      }
      for (int t = 0; t < n - (i + 1); t++) {
        v2 += eps[t] * eps[t];
      }
      double cross = 0;
      for (int t = i; t < n; t++) {
        cross += eps[t] * eps[t - i];
      }
      acv[i] = cross / n;
      absAcorr[i] = v1 * v2 > 0 ? Math.abs(cross) / Math.sqrt(v1 * v2) : 0;
      if (i >= kn && optM < 0) {
        boolean allSmall = true;
        for (int k = i - kn; k < i; k++) {
          allSmall &= absAcorr[k] < critical;
        }
        if (allSmall) {
          optM = i - kn;
        }
      }
    }
    int m = optM >= 0 ? 2 * Math.max(optM, 1) : mMax;
    m = Math.min(m, Math.min(mMax, n - 2));
    double g = 0;
    double longRun = acv[0];
    for (int k = 1; k <= m; k++) {
      double t = (double) k / m;
      double lambda = t <= 0.5 ? 1 : 2 * (1 - t);
      g += 2 * lambda * k * acv[k];
      longRun += 2 * lambda * acv[k];
    }
    double d = 2 * longRun * longRun;
    if (!(d > 0)) {
      return 1.0;
    }
    double b = Math.cbrt(2 * g * g / d) * Math.cbrt(n);
    return Math.max(1.0, Math.min(b, bMax));
  }
}
