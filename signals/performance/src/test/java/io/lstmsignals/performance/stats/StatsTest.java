package io.lstmsignals.performance.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The statistics against hand-computed cases. Values marked "scipy" or "arch" were computed
 * independently in Python (scipy.stats.norm; the arch package's optimal_block_length algorithm in
 * numpy) for the same inputs.
 */
class StatsTest {

  @Test
  void normalCdfMustMatchReferenceValues() {
    // scipy
    assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
    assertThat(Normal.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-15));
    assertThat(Normal.cdf(3.2)).isCloseTo(0.9993128620620841, within(1e-15));
    assertThat(Normal.cdf(-6)).isCloseTo(9.865876450376946e-10, within(1e-22));
    assertThat(Normal.cdf(0)).isEqualTo(0.5);
  }

  @Test
  void normalInverseCdfMustInvertIt() {
    // scipy
    assertThat(Normal.inverseCdf(0.99)).isCloseTo(2.3263478740408408, within(1e-12));
    assertThat(Normal.inverseCdf(1e-6)).isCloseTo(-4.753424308822899, within(1e-12));
    assertThat(Normal.inverseCdf(0.3)).isCloseTo(-0.5244005127080409, within(1e-12));
    assertThatThrownBy(() -> Normal.inverseCdf(1)).hasMessageContaining("must be in (0, 1)");
  }

  @Test
  void momentsMustBeTheHandComputedOnes() {
    // r = [0.10, -0.05, 0, 0.02, 0.03]: mean 0.02; deviations 0.08, -0.07, -0.02, 0, 0.01;
    // Σd² = 0.0118 → std (ddof 1) √(0.0118/4); m₂ = 0.00236, m₃ = 3.2e-5 ... (scipy agrees)
    ReturnMoments m = ReturnMoments.of(new double[] {0.10, -0.05, 0, 0.02, 0.03});

    assertThat(m.mean()).isCloseTo(0.02, within(1e-15));
    assertThat(m.std()).isCloseTo(Math.sqrt(0.0118 / 4), within(1e-15));
    double m2 = 0.0118 / 5;
    double m3 = (Math.pow(0.08, 3) + Math.pow(-0.07, 3) + Math.pow(-0.02, 3) + 1e-6) / 5;
    double m4 = (Math.pow(0.08, 4) + Math.pow(0.07, 4) + Math.pow(0.02, 4) + 1e-8) / 5;
    assertThat(m.skewness()).isCloseTo(m3 / Math.pow(m2, 1.5), within(1e-12));
    assertThat(m.skewness()).isCloseTo(0.28260315481780535, within(1e-12));
    assertThat(m.kurtosis()).isCloseTo(m4 / (m2 * m2), within(1e-12));
    assertThat(m.kurtosis()).isCloseTo(2.33912668773341, within(1e-12));
    assertThat(m.perBarSharpe().getAsDouble())
        .isCloseTo(0.02 / Math.sqrt(0.0118 / 4), within(1e-15));
  }

  @Test
  void blockLengthMustFollowPolitisWhiteAsArchComputesIt() {
    // an AR(1) with coefficient 0.8: no lag window found, M = ⌈√200⌉ + 5 = 20 (arch:
    // 16.97596570558511)
    double[] ar = new double[200];
    for (int t = 1; t < ar.length; t++) {
      ar[t] = 0.8 * ar[t - 1] + Math.sin(t * 1.7);
    }
    assertThat(BlockLength.politisWhite(ar)).isCloseTo(16.97596570558511, within(1e-9));

    // an MA(1): the window starts after lag 2, M = 4 (arch: 2.9528869297686513)
    double[] ma = new double[300];
    for (int t = 0; t < ma.length; t++) {
      ma[t] = Math.sin(1.3 * t * t) + 0.5 * Math.sin(1.3 * (t - 1) * (t - 1));
    }
    assertThat(BlockLength.politisWhite(ma)).isCloseTo(2.9528869297686513, within(1e-9));

    // no dependence: arch says 0.72; a block is at least one bar
    double[] white = new double[300];
    for (int t = 0; t < white.length; t++) {
      white[t] = Math.sin(1.3 * t * t);
    }
    assertThat(BlockLength.politisWhite(white)).isEqualTo(1.0);
  }

  /** Scripted randomness: nextInt and nextDouble return the given values in turn. */
  private static RandomGenerator scripted(double... draws) {
    return new RandomGenerator() {
      int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt(int bound) {
        return (int) draws[next++];
      }

      @Override
      public double nextDouble() {
        return draws[next++];
      }
    };
  }

  @Test
  void resampleMustContinueBlocksAndRestartWithProbabilityOneOverL() {
    // n = 5, L = 2 (restart when u < 0.5): start 3; u 0.9 → 4; u 0.7 → wrap to 0; u 0.2 → restart
    // at 2; u 0.6 → 3
    int[] indices = new int[5];

    StationaryBootstrap.resample(scripted(3, 0.9, 0.7, 0.2, 2, 0.6), 2.0, indices);

    assertThat(indices).containsExactly(3, 4, 0, 2, 3);
  }

  @Test
  void quantileMustInterpolateBetweenOrderStatistics() {
    double[] sorted = {1, 2, 4, 8, 16};

    // position 0.025·4 = 0.1 → 1 + 0.1·1; 0.975·4 = 3.9 → 8 + 0.9·8
    assertThat(StationaryBootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
    assertThat(StationaryBootstrap.quantile(sorted, 0.975)).isCloseTo(15.2, within(1e-12));
    assertThat(StationaryBootstrap.quantile(sorted, 0.5)).isEqualTo(4);
  }

  @Test
  void sharpeIntervalMustCoverTheTrueSharpe95PercentOfTheTime() {
    // Given 400 iid normal series of 500 bars with per-bar Sharpe 0.1 (annualized √2190 · 0.1)
    int series = 400;
    int bars = 500;
    double trueSharpe = Math.sqrt(2190) * 0.1;
    SplittableRandom market = new SplittableRandom(7);
    int covered = 0;
    for (int s = 0; s < series; s++) {
      double[] returns = new double[bars];
      for (int i = 0; i < bars; i++) {
        returns[i] = 0.002 + 0.02 * market.nextGaussian();
      }

      // When each gets a 300-resample interval
      SharpeInterval interval = new StationaryBootstrap(s, 300).sharpe(returns, 2190);

      if (interval.contains(trueSharpe)) {
        covered++;
      }
    }

    // Then about 95 % of them contain the true Sharpe
    assertThat(covered / (double) series).isCloseTo(0.95, within(0.03));
  }

  @Test
  void pairedDifferenceOfIdenticalSeriesMustHavePValueOne() {
    double[] returns = new double[300];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < returns.length; i++) {
      returns[i] = 0.001 + 0.02 * random.nextGaussian();
    }

    SharpeDifference d = StationaryBootstrap.standard().difference(returns, returns.clone(), 2190);

    assertThat(d.estimate()).isZero();
    assertThat(d.pValue()).isEqualTo(1.0);
    assertThat(d.low()).isZero();
    assertThat(d.high()).isZero();
  }

  @Test
  void pairedDifferenceMustBeSignificantForAClearlyBetterStrategy() {
    // b is a with a constant 0.01 subtracted per bar: same risk, much lower mean
    double[] a = new double[600];
    double[] b = new double[600];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.002 + 0.02 * random.nextGaussian();
      b[i] = a[i] - 0.01;
    }

    SharpeDifference d = StationaryBootstrap.standard().difference(a, b, 2190);

    assertThat(d.estimate()).isGreaterThan(0);
    assertThat(d.low()).isGreaterThan(0);
    assertThat(d.pValue()).isLessThan(0.01);
    assertThat(d.sharpeA() - d.sharpeB()).isEqualTo(d.estimate());
  }

  @Test
  void bootstrapMustBeReproducibleFromItsSeed() {
    double[] returns = new double[200];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < returns.length; i++) {
      returns[i] = 0.001 + 0.02 * random.nextGaussian();
    }

    assertThat(new StationaryBootstrap(9, 500).sharpe(returns, 2190))
        .isEqualTo(new StationaryBootstrap(9, 500).sharpe(returns, 2190));
    assertThatThrownBy(() -> StationaryBootstrap.standard().sharpe(new double[10], 2190))
        .hasMessageContaining("undefined");
  }

  @Test
  void shouldReproduceTheStudys183SigmaForThePublishedDefault() {
    // Sharpe 4.2660 over 401 test bars: per bar 4.2660/√2190 = 0.091160; × √401 = 1.8255
    SharpeStandardError published = SharpeStandardError.ofPublished(4.2660, 401, 2190);

    assertThat(published.perBarSharpe()).isCloseTo(4.2660 / Math.sqrt(2190), within(1e-15));
    assertThat(published.leadingSigmas()).isCloseTo(1.83, within(0.005));
    // Lo iid: √((1 + 0.091160²/2)/401) = 0.050041 → 1.8217
    assertThat(published.iidSigmas())
        .isCloseTo(
            published.perBarSharpe()
                / Math.sqrt((1 + Math.pow(published.perBarSharpe(), 2) / 2) / 401),
            within(1e-12));
    assertThat(published.iidSigmas()).isCloseTo(1.822, within(0.001));
    assertThat(published.nonNormalSigmas()).isEqualTo(published.iidSigmas());
  }

  @Test
  void nonNormalErrorMustUseSkewAndKurtosis() {
    double[] r = {0.10, -0.05, 0, 0.02, 0.03};
    SharpeStandardError se = SharpeStandardError.of(r);
    double sr = 0.02 / Math.sqrt(0.0118 / 4);

    double expected =
        Math.sqrt(
            (1 + sr * sr / 2 - 0.28260315481780535 * sr + (2.33912668773341 - 3) / 4 * sr * sr)
                / 5);
    assertThat(se.nonNormalError()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void deflatedSharpeMustReproduceBaileyAndLopezDePradosExample() {
    // The paper's example: annualized SR 2.5 over T = 1250 daily bars, skew −3, kurtosis 10, N =
    // 100
    // trials with annualized Sharpe variance 0.5: SR₀ = 0.1132 per day, DSR = 0.9004
    // (scipy: SR₀ 0.11317200186513214, DSR 0.9003968344493903)
    DeflatedSharpe dsr = DeflatedSharpe.of(2.5 / Math.sqrt(250), 1250, -3, 10, 100, 0.5 / 250);

    assertThat(dsr.expectedMaximum()).isCloseTo(0.11317200186513214, within(1e-12));
    assertThat(dsr.probability()).isCloseTo(0.9003968344493903, within(1e-10));
    assertThat(DeflatedSharpe.expectedMaximum(1, 0.5)).isZero();
  }
}
