package io.lstmsignals.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnSeriesTest {

  @Test
  void shouldChargeTheCostRateOnTheEquityAtTheFill() {
    // Given flat → long at 10 bps over a bar that rises 2 %
    // Then (1 − 0.001)(1 + 0.02) − 1 = 0.01898
    assertThat(ReturnSeries.filledAtClose(0, 1, 0.02, 10)).isCloseTo(0.01898, within(1e-12));
    // long → flat pays the same rate and earns nothing
    assertThat(ReturnSeries.filledAtClose(1, 0, 0.02, 10)).isCloseTo(-0.001, within(1e-12));
    // no change: no cost, exactly p·R
    assertThat(ReturnSeries.filledAtClose(1, 1, 0.02, 10)).isEqualTo(0.02);
    assertThat(ReturnSeries.filledAtClose(0, 1, 0.02, 0)).isEqualTo(0.02);
  }

  @Test
  void shouldChargeEveryPositionChangeOfALongFlatSeriesFromFlat() {
    // Given long, long, flat, long over returns 1 %, −1 %, 3 %, 2 % at 10 bps
    ReturnSeries series =
        ReturnSeries.longFlat(
            new long[] {1, 2, 3, 4},
            new double[] {1, 1, 0, 1},
            new double[] {0.01, -0.01, 0.03, 0.02},
            10);

    // Then the first bar buys, the third sells, the fourth buys again: three charges
    assertThat(series.returns())
        .containsExactly(
            new double[] {0.999 * 1.01 - 1, -0.01, -0.001, 0.999 * 1.02 - 1}, within(1e-12));
    assertThat(series.trades()).containsExactly(1, 0, 1, 1);
    // and without costs it is the study's p·R
    assertThat(
            ReturnSeries.longFlat(new long[] {1, 2}, new double[] {1, 0}, new double[] {0.01, 0.03})
                .returns())
        .containsExactly(0.01, 0.0);
  }
}
