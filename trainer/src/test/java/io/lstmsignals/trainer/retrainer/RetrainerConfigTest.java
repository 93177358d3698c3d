package io.lstmsignals.trainer.retrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.service.config.ConfigDocs;
import io.lstmsignals.service.config.InvalidConfigurationException;
import io.lstmsignals.trainer.retrain.GateCriterion;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainerConfigTest {

  @Test
  void readmeTableAndSampleFileShouldMatchTheDeclarations() {
    assertThat(ConfigDocs.check(RetrainerConfig.SPEC, "trainer/README.md")).isEmpty();
  }

  @Test
  void everyLineGetsTheSharedPolicy() {
    RetrainerConfig config =
        RetrainerConfig.from(
            Map.of(
                RetrainerConfig.LINES, "btc-4h:BTCUSDT, eth-4h:ETHUSDT",
                RetrainerConfig.EVERY_BARS, "90",
                RetrainerConfig.WINDOW, "expanding",
                RetrainerConfig.GATE_METRIC, "directional_accuracy",
                RetrainerConfig.TRAIN_SEED, "7"));

    assertThat(config.policies())
        .extracting(RetrainPolicy::line, RetrainPolicy::symbol)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("btc-4h", "BTCUSDT"),
            org.assertj.core.groups.Tuple.tuple("eth-4h", "ETHUSDT"));
    RetrainPolicy policy = config.policies().getFirst();
    assertThat(policy.everyBars()).isEqualTo(90);
    assertThat(policy.interval()).isEqualTo(Duration.ofHours(4));
    assertThat(policy.window()).isEqualTo(RetrainPolicy.Window.EXPANDING);
    assertThat(policy.criterion()).isEqualTo(GateCriterion.DIRECTIONAL_ACCURACY);
    assertThat(policy.training().seed()).isEqualTo(7);
  }

  @Test
  void everyProblemIsReportedAtOnceNamingTheKey() {
    assertThatThrownBy(
            () ->
                RetrainerConfig.from(
                    Map.of(
                        RetrainerConfig.LINES, "btc-4h:BTCUSDT,eth-4h",
                        RetrainerConfig.EVERY_BARS, "0",
                        RetrainerConfig.GATE_METRIC, "profit",
                        RetrainerConfig.ANCHOR, "monday")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(RetrainerConfig.LINES)
        .hasMessageContaining("'eth-4h' must be line:SYMBOL")
        .hasMessageContaining(RetrainerConfig.EVERY_BARS)
        .hasMessageContaining(RetrainerConfig.GATE_METRIC)
        .hasMessageContaining(RetrainerConfig.ANCHOR);
  }
}
