package io.lstmsignals.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  @Test
  void metricsFollowTheStudysDefinitionsAndLeaveOutZeroSigns() {
    // Given: row 1 right direction, row 2 wrong, row 3 flat actual (left out), row 4 flat forecast
    // (left out)
    double[] reference = {100, 100, 100, 100};
    double[] actual = {110, 90, 100, 120};
    double[] predicted = {105, 102, 101, 100};

    ForecastMetrics metrics = ForecastMetrics.of(actual, predicted, reference);

    assertThat(metrics.mae()).isCloseTo((5 + 12 + 1 + 20) / 4.0, within(1e-12));
    assertThat(metrics.rmse()).isCloseTo(Math.sqrt((25 + 144 + 1 + 400) / 4.0), within(1e-12));
    assertThat(metrics.mape())
        .isCloseTo((5 / 110.0 + 12 / 90.0 + 1 / 100.0 + 20 / 120.0) / 4, within(1e-12));
    assertThat(metrics.directionalRows()).isEqualTo(2);
    assertThat(metrics.directionalAccuracy()).hasValue(0.5);
  }

  @Test
  void strategyIsLongOnlyWhenTheForecastCloseIsStrictlyAboveTheReference() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    ForecastRow up = ForecastRow.of(t, t.plusSeconds(14400), 100, 110, 0.01);
    ForecastRow zero = ForecastRow.of(t.plusSeconds(14400), t.plusSeconds(28800), 110, 99, 0.0);

    TestEvaluation evaluation = TestEvaluation.of(List.of(up, zero));

    assertThat(up.isLong()).isTrue();
    assertThat(zero.isLong()).isFalse();
    assertThat(evaluation.strategyMetrics().cumulativeReturn()).isCloseTo(0.1, within(1e-12));
    assertThat(evaluation.buyAndHoldMetrics().cumulativeReturn())
        .isCloseTo(1.1 * 0.9 - 1, within(1e-12));
  }

  @Test
  void strategyThatNeverGoesLongHasAnUndefinedSharpe() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    TestEvaluation evaluation =
        TestEvaluation.of(
            List.of(
                ForecastRow.of(t, t.plusSeconds(14400), 100, 110, -0.01),
                ForecastRow.of(t.plusSeconds(14400), t.plusSeconds(28800), 110, 99, -0.02)));

    assertThat(evaluation.everLong()).isFalse();
    assertThat(evaluation.strategyMetrics().sharpe()).isEmpty();
  }
}
