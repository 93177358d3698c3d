package io.lstmsignals.performance.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The stationary bootstrap of Politis and Romano (1994) over bars, for the Sharpe ratio: each
 * resample has the series' length n and is made of blocks of consecutive bars (wrapping from the
 * last bar to the first) whose lengths are geometric with mean L — each next bar starts a new block
 * at a uniformly drawn bar with probability 1/L, else continues the block. Blocks keep the
 * short-range dependence of returns (volatility clustering) that an iid resample would destroy.
 *
 * <p>L is {@link BlockLength#politisWhite} of the returns and of the squared returns, whichever is
 * larger (a Sharpe ratio depends on both moments), unless given. Intervals are percentile intervals
 * of the resampled statistic. Resamples whose Sharpe is undefined (no variation) are left out and
 * counted.
 *
 * <p>Seeded: the same seed, data and number of resamples give the same result on every machine
 * ({@link SplittableRandom} is specified bit for bit). Not thread-safe; cheap to create.
 */
public final class StationaryBootstrap {

  /** Resamples used when the caller does not say. */
  public static final int DEFAULT_RESAMPLES = 2000;

  /** The seed used when the caller does not say. */
  public static final long DEFAULT_SEED = 42;

  private final long seed;
  private final int resamples;

  /**
   * @param seed seeds the resampling
   * @param resamples resamples drawn, ≥ 100
   */
  public StationaryBootstrap(long seed, int resamples) {
    if (resamples < 100) {
      throw new IllegalArgumentException(
          "StationaryBootstrap: resamples " + resamples + " must be >= 100");
    }
    this.seed = seed;
    this.resamples = resamples;
  }

  /** {@value #DEFAULT_RESAMPLES} resamples, seed {@value #DEFAULT_SEED}. */
  public static StationaryBootstrap standard() {
    return new StationaryBootstrap(DEFAULT_SEED, DEFAULT_RESAMPLES);
  }

  /** The block length the bootstrap uses for these series (see the class comment). */
  public static double blockLength(double[]... series) {
    double length = 1.0;
    for (double[] returns : series) {
      double[] squares = new double[returns.length];
      for (int i = 0; i < returns.length; i++) {
        squares[i] = returns[i] * returns[i];
      }
      length =
          Math.max(
              length,
              Math.max(BlockLength.politisWhite(returns), BlockLength.politisWhite(squares)));
    }
    return length;
  }

  /**
   * A 95 % confidence interval for the annualized Sharpe ratio √P · mean / std of the returns.
   *
   * @throws IllegalArgumentException when the Sharpe ratio of the returns is undefined
   */
  public SharpeInterval sharpe(double[] returns, int periodsPerYear) {
    return sharpe(returns, periodsPerYear, blockLength(returns));
  }

  /** As {@link #sharpe(double[], int)}, with a given mean block length (≥ 1). */
  public SharpeInterval sharpe(double[] returns, int periodsPerYear, double blockLength) {
    double annualize = Math.sqrt(periodsPerYear);
    double estimate = ReturnMoments.of(returns).requirePerBarSharpe("the series") * annualize;
    SplittableRandom random = new SplittableRandom(seed);
    int[] indices = new int[returns.length];
    double[] statistics = new double[resamples];
    int defined = 0;
    for (int b = 0; b < resamples; b++) {
      resample(random, blockLength, indices);
      double s = ReturnMoments.perBarSharpe(returns, indices);
      if (!Double.isNaN(s)) {
        statistics[defined++] = s * annualize;
      }
    }
    double[] kept = Arrays.copyOf(statistics, defined);
    Arrays.sort(kept);
    return new SharpeInterval(
        estimate,
        quantile(kept, 0.025),
        quantile(kept, 0.975),
        blockLength,
        resamples,
        resamples - defined,
        seed);
  }

  /**
   * The paired bootstrap of the difference of annualized Sharpe ratios, a − b, of two strategies
   * over the same bars (each resample takes the same bars from both), with a 95 % interval and the
   * two-sided p-value of "no difference": the share of resampled differences at least as far from
   * the estimate as the estimate is from 0, {@code (1 + #{|d* − d| ≥ |d|}) / (1 + B)}. Identical
   * series give p = 1.
   *
   * @throws IllegalArgumentException when the lengths differ or either Sharpe ratio is undefined
   */
  public SharpeDifference difference(double[] a, double[] b, int periodsPerYear) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "StationaryBootstrap: paired series have "
              + a.length
              + " and "
              + b.length
              + " bars; they must cover the same bars");
    }
    double annualize = Math.sqrt(periodsPerYear);
    double sharpeA = ReturnMoments.of(a).requirePerBarSharpe("the first series") * annualize;
    double sharpeB = ReturnMoments.of(b).requirePerBarSharpe("the second series") * annualize;
    double estimate = sharpeA - sharpeB;
    double blockLength = blockLength(a, b);
    SplittableRandom random = new SplittableRandom(seed);
    int[] indices = new int[a.length];
    double[] differences = new double[resamples];
    int defined = 0;
    int extreme = 0;
    for (int r = 0; r < resamples; r++) {
      resample(random, blockLength, indices);
      double d =
          (ReturnMoments.perBarSharpe(a, indices) - ReturnMoments.perBarSharpe(b, indices))
              * annualize;
      if (!Double.isNaN(d)) {
        differences[defined++] = d;
        if (Math.abs(d - estimate) >= Math.abs(estimate)) {
          extreme++;
        }
      }
    }
    double[] kept = Arrays.copyOf(differences, defined);
    Arrays.sort(kept);
    return new SharpeDifference(
        sharpeA,
        sharpeB,
        estimate,
        quantile(kept, 0.025),
        quantile(kept, 0.975),
        (1.0 + extreme) / (1.0 + defined),
        blockLength,
        resamples,
        resamples - defined,
        seed);
  }

  /**
   * Fills {@code indices} with one resample: a uniform start, then each next bar continues the
   * block (the next bar, wrapping around) or, with probability 1/L, starts a new one at a uniform
   * bar.
   */
  static void resample(RandomGenerator random, double blockLength, int[] indices) {
    int n = indices.length;
    double restart = 1.0 / blockLength;
    int i = random.nextInt(n);
    indices[0] = i;
    for (int t = 1; t < n; t++) {
      if (random.nextDouble() < restart) {
        i = random.nextInt(n);
      } else {
        i = i + 1 == n ? 0 : i + 1;
      }
      indices[t] = i;
    }
  }

  /**
   * The q-quantile of sorted values, interpolated linearly between order statistics (numpy's
   * default): position q·(m − 1).
   */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double weight = position - below;
    return sorted[below] + weight * (sorted[above] - sorted[below]);
  }
}
