package io.lstmsignals.trainer.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.trainer.train.TrainingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RetrainPolicyTest {
  private static final Duration H4 = Duration.ofHours(4);

  private static RetrainPolicy policy(int every, int window, int lag) {
    return new RetrainPolicy(
        "lstm-4h",
        "BTCUSDT",
        H4,
        every,
        Instant.EPOCH,
        RetrainPolicy.Window.ROLLING,
        window,
        lag,
        GateCriterion.SHARPE,
        0.0,
        true,
        TrainingConfig.STUDY_DEFAULT);
  }

  @Test
  void boundariesFallOnAGridAnchoredInEventTime() {
    RetrainPolicy policy = policy(180, 1000, 2);
    // 180 bars of 4 h = 30 days; the grid starts at the epoch.
    assertThat(policy.boundary(0)).isEqualTo(Instant.EPOCH);
    assertThat(policy.next(Instant.parse("2024-06-16T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-07-16T00:00:00Z"));
    assertThat(policy.indexAtOrBefore(Instant.parse("2024-06-16T03:59:59Z")))
        .isEqualTo(policy.indexAtOrBefore(Instant.parse("2024-06-16T00:00:00Z")));
    assertThat(policy.effectiveFrom(Instant.parse("2024-06-16T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-06-16T08:00:00Z"));
  }

  @Test
  void theFirstBoundaryIsTheFirstWithAWholeWindowBeforeIt() {
    RetrainPolicy policy = policy(180, 1000, 0);
    Instant first = policy.firstBoundary(Instant.parse("2024-01-01T00:00:00Z"));
    // 1000 bars after Jan 1 is 2024-06-15T16:00Z; the grid's next point is June 16.
    assertThat(first).isEqualTo(Instant.parse("2024-06-16T00:00:00Z"));
    assertThat(policy.windowStart(first)).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
  }

  @Test
  void aBoundaryIsReachedByTheBarClosingAtIt() {
    RetrainPolicy policy = policy(180, 1000, 0);
    Instant boundary = Instant.parse("2024-06-16T00:00:00Z");
    assertThat(policy.reached(boundary, boundary.minus(H4))).isTrue();
    assertThat(policy.reached(boundary, boundary.minus(H4.multipliedBy(2)))).isFalse();
  }

  @Test
  void aBadPolicyIsRefusedWithEveryProblem() {
    assertThatThrownBy(
            () ->
                new RetrainPolicy(
                    "Bad Line",
                    "btc",
                    H4,
                    0,
                    Instant.EPOCH,
                    RetrainPolicy.Window.ROLLING,
                    0,
                    -1,
                    GateCriterion.MAE,
                    -1,
                    true,
                    TrainingConfig.STUDY_DEFAULT))
        .hasMessageContaining("line 'Bad Line'")
        .hasMessageContaining("symbol 'btc'")
        .hasMessageContaining("everyBars 0")
        .hasMessageContaining("windowBars 0")
        .hasMessageContaining("lagBars -1")
        .hasMessageContaining("margin -1.0");
  }

  @Test
  void theGateComparesInTheMetricsDirectionAndUndefinedIsWorst() {
    assertThat(GateCriterion.SHARPE.beats(OptionalDouble.of(1.2), OptionalDouble.of(1.0), 0.1))
        .isTrue();
    assertThat(GateCriterion.SHARPE.beats(OptionalDouble.of(1.05), OptionalDouble.of(1.0), 0.1))
        .isFalse();
    assertThat(GateCriterion.MAE.beats(OptionalDouble.of(90), OptionalDouble.of(100), 5)).isTrue();
    assertThat(GateCriterion.MAE.beats(OptionalDouble.of(97), OptionalDouble.of(100), 5)).isFalse();
    assertThat(GateCriterion.SHARPE.beats(OptionalDouble.of(-3), OptionalDouble.empty(), 0))
        .isTrue();
    assertThat(GateCriterion.SHARPE.beats(OptionalDouble.empty(), OptionalDouble.of(-3), 0))
        .isFalse();
  }
}
