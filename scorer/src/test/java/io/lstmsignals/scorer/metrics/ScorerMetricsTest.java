package io.lstmsignals.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.SignalPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScorerMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScorerMetrics metrics = new ScorerMetrics(registry);

  private static Scorer constant(String version, double prediction) {
    return new Scorer() {
      @Override
      public String modelName() {
        return "lstm-4h";
      }

      @Override
      public String version() {
        return version;
      }

      @Override
      public int windowBars() {
        return 1;
      }

      @Override
      public double predictLogReturn(float[] bars) {
        return prediction;
      }
    };
  }

  @Test
  void shouldShowOnlyTheVersionANewestPromotionPutsInForce() {
    Release v1 =
        new Release(
            "lstm-4h",
            "v1",
            "a".repeat(64),
            List.of("BTCUSDT"),
            3,
            BarInterval.FOUR_HOURS,
            null,
            null,
            null);
    Release v2 =
        new Release(
            "lstm-4h",
            "v2",
            "b".repeat(64),
            List.of("BTCUSDT"),
            3,
            BarInterval.FOUR_HOURS,
            null,
            null,
            null);
    ModelLines lines =
        ModelLines.empty().withRelease(v1).withRelease(v2).withPromotion(promote(v1));
    metrics.linesInForce(lines, Instant.EPOCH);
    metrics.linesInForce(lines.withPromotion(promote(v2)), Instant.EPOCH);

    assertThat(registry.get("scorer.model.in.force").tag("version", "v1").gauge().value()).isZero();
    assertThat(registry.get("scorer.model.in.force").tag("version", "v2").gauge().value())
        .isEqualTo(1.0);
  }

  private static Promotion promote(Release release) {
    return new Promotion(
        release.line(),
        Promotion.Action.PROMOTE,
        release.version(),
        release.sha256(),
        null,
        null,
        List.of(),
        OptionalInt.empty(),
        Instant.EPOCH,
        "test",
        "test");
  }

  @Test
  void shouldTimeInferenceAndCountSignalsByDecisionAndReason() {
    Scorer timed = metrics.timed(constant("v1", 0.5));

    assertThat(timed.predictLogReturn(new float[10])).isEqualTo(0.5);
    metrics.signalEmitted(SignalPolicy.fromPrediction(100, 0.5, "line", "v1", false));
    metrics.signalEmitted(SignalPolicy.fromPrediction(100, -0.5, "line", "v1", false));
    metrics.deadLettered("lstm.bars.4h");

    assertThat(metrics.inferenceCount()).isEqualTo(1);
    assertThat(
            registry
                .get("scorer.signals")
                .tags("decision", "LONG", "reason", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("scorer.signals")
                .tags("decision", "FLAT", "reason", "PREDICTED_NOT_UP")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("scorer.dead.letters").tag("topic", "lstm.bars.4h").counter().count())
        .isEqualTo(1.0);
  }
}
