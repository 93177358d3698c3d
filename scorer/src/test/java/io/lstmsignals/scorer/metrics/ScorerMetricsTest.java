package io.lstmsignals.scorer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.scorer.model.ModelState;
import io.lstmsignals.scorer.model.Scorer;
import io.lstmsignals.scorer.signal.SignalPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
  void shouldShowOnlyTheVersionInForceAsInUse() {
    metrics.modelInForce(new ModelState.Serving(constant("v1", 0)));
    metrics.modelInForce(new ModelState.Serving(constant("v2", 0)));

    assertThat(registry.get("scorer.model.in.use").tag("version", "v1").gauge().value()).isZero();
    assertThat(registry.get("scorer.model.in.use").tag("version", "v2").gauge().value())
        .isEqualTo(1.0);
  }

  @Test
  void shouldTimeInferenceAndCountSignalsByDecisionAndReason() {
    Scorer timed = metrics.timed(constant("v1", 0.5));

    assertThat(timed.predictLogReturn(new float[10])).isEqualTo(0.5);
    metrics.signalEmitted(SignalPolicy.fromPrediction(100, 0.5, "v1"));
    metrics.signalEmitted(SignalPolicy.fromPrediction(100, -0.5, "v1"));
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
