package io.lstmsignals.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PerformanceMetricsTest {

  private static final long H4 = 4 * 3600_000L;
  private static final long T0 = Instant.parse("2024-09-25T04:00:00Z").toEpochMilli();
  private static final double EPS = 1e-12;

  /** r = [0.10, -0.05, 0, 0.02] under positions [1, 1, 0, 1], starting flat. */
  private static ReturnSeries handSeries() {
    return ReturnSeries.startingFlat(
        times(4), new double[] {1, 1, 0, 1}, new double[] {0.10, -0.05, 0, 0.02});
  }

  private static long[] times(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * H4;
    }
    return t;
  }

  @Test
  void shouldComputeEveryMetricOnAHandCheckedSeries() {
    PerformanceMetrics m = PerformanceMetrics.of4h(handSeries());

    // equity 1.1, 1.045, 1.045, 1.0659
    assertThat(m.bars()).isEqualTo(4);
    assertThat(m.cumulativeReturn()).isCloseTo(0.0659, within(EPS));
    // mean 0.0175; squared deviations 0.00680625 + 0.00455625 + 0.00030625 + 0.00000625 = 0.011675,
    // ddof 1
    assertThat(m.sharpe().getAsDouble())
        .isCloseTo(Math.sqrt(2190) * 0.0175 / Math.sqrt(0.011675 / 3), within(EPS));
    // downside: only -0.05 → sqrt(0.0025 / 4) = 0.025
    assertThat(m.sortino().getAsDouble()).isCloseTo(Math.sqrt(2190) * 0.0175 / 0.025, within(1e-9));
    // peak 1.1 then 1.045: -5 %
    assertThat(m.maxDrawdown()).isCloseTo(-0.05, within(EPS));
    double annualized = Math.pow(1.0659, 2190 / 4.0) - 1;
    assertThat(m.annualizedReturn().getAsDouble())
        .isCloseTo(annualized, within(annualized * 1e-12));
    assertThat(m.calmar().getAsDouble()).isCloseTo(annualized / 0.05, within(annualized * 1e-11));
    // 0→1 on bar 0, 1→0 on bar 2, 0→1 on bar 3
    assertThat(m.trades()).isEqualTo(3);
    assertThat(m.exposure()).isEqualTo(0.75);
    // long bars: +0.10, -0.05, +0.02
    assertThat(m.winRate().getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
  }

  @Test
  void sharpeMustBeUndefinedWhenTheStrategyNeverGoesLong() {
    ReturnSeries flat =
        ReturnSeries.longFlat(times(5), new double[5], new double[] {0.01, -0.02, 0.03, 0, 0.01});

    PerformanceMetrics m = PerformanceMetrics.of4h(flat);

    assertThat(m.sharpe()).isEmpty();
    assertThat(m.sortino()).isEmpty();
    assertThat(m.winRate()).isEmpty();
    assertThat(m.calmar()).isEmpty();
    assertThat(m.cumulativeReturn()).isZero();
    assertThat(m.trades()).isZero();
    assertThat(m.exposure()).isZero();
    assertThat(m.asRows()).containsEntry("Sharpe (annualized)", "undefined");
    assertThat(m.toString()).contains("Sharpe (annualized)=undefined").doesNotContain("NaN");
  }

  @Test
  void sharpeMustBeUndefinedWhenReturnsDoNotVary() {
    ReturnSeries constant = ReturnSeries.buyAndHold(times(3), new double[] {0.01, 0.01, 0.01});

    PerformanceMetrics m = PerformanceMetrics.of4h(constant);

    assertThat(m.sharpe()).isEmpty();
    assertThat(m.sortino()).isEmpty();
    assertThat(m.maxDrawdown()).isZero();
    assertThat(m.calmar()).isEmpty();
    assertThat(m.trades()).isEqualTo(1);
  }

  @Test
  void shouldCountFlatBarsInTheSharpeAsTheStudyDoes() {
    // buy-and-hold market returns vs the same with the middle bar flat: the flat bar is a 0 in mean
    // and std
    ReturnSeries strategy =
        ReturnSeries.longFlat(times(3), new double[] {1, 0, 1}, new double[] {0.02, 0.5, -0.01});

    PerformanceMetrics m = PerformanceMetrics.of4h(strategy);

    double mean = 0.01 / 3;
    double var = (Math.pow(0.02 - mean, 2) + Math.pow(mean, 2) + Math.pow(-0.01 - mean, 2)) / 2;
    assertThat(m.sharpe().getAsDouble())
        .isCloseTo(Math.sqrt(2190) * mean / Math.sqrt(var), within(EPS));
    assertThat(m.cumulativeReturn()).isCloseTo(1.02 * 0.99 - 1, within(EPS));
  }

  @Test
  void shouldMeasureAnySubRangeWithThePositionBeforeIt() {
    ReturnSeries tail = handSeries().slice(2, 4);

    PerformanceMetrics m = PerformanceMetrics.of4h(tail);

    assertThat(tail.positionBefore()).isEqualTo(1.0);
    assertThat(m.trades()).isEqualTo(2);
    assertThat(m.cumulativeReturn()).isCloseTo(0.02, within(EPS));
    assertThat(
            handSeries()
                .between(Instant.ofEpochMilli(T0 + 2 * H4), Instant.ofEpochMilli(T0 + 10 * H4)))
        .isEqualTo(tail);
    assertThat(
            handSeries()
                .between(Instant.ofEpochMilli(T0 + 10 * H4), Instant.ofEpochMilli(T0 + 20 * H4))
                .size())
        .isZero();
    assertThat(handSeries().between(Instant.MIN, Instant.MAX))
        .as("unbounded")
        .isEqualTo(handSeries());
  }

  @Test
  void emptySeriesMustHaveNoAnnualizedFigures() {
    ReturnSeries empty = ReturnSeries.startingFlat(new long[0], new double[0], new double[0]);

    PerformanceMetrics m = PerformanceMetrics.of4h(empty);

    assertThat(m.bars()).isZero();
    assertThat(m.annualizedReturn()).isEmpty();
    assertThat(m.sharpe()).isEmpty();
    assertThat(m.exposure()).isZero();
  }

  @Test
  void formatMustPrintUndefinedNotNaN() {
    assertThat(PerformanceMetrics.format(OptionalDouble.empty())).isEqualTo("undefined");
    assertThat(PerformanceMetrics.format(OptionalDouble.of(4.26604))).isEqualTo("4.2660");
  }

  @Test
  void seriesMustRejectTimesOutOfOrder() {
    assertThatThrownBy(
            () -> ReturnSeries.startingFlat(new long[] {2, 1}, new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
  }

  @Test
  void equityCurveMustCompoundReturns() {
    assertThat(handSeries().equityCurve())
        .containsExactly(new double[] {1.1, 1.045, 1.045, 1.0659}, within(EPS));
  }
}
