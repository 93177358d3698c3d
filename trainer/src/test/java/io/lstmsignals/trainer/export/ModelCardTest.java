package io.lstmsignals.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.MinMaxScaler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCardTest {

  private final FeatureScaling scaling =
      new FeatureScaling(
          2,
          List.of(Feature.LOG_RETURN, Feature.HIGH_MINUS_LOW),
          new MinMaxScaler(new double[] {-0.1, 1.0}, new double[] {0.1, 50.0}),
          new MinMaxScaler(new double[] {-0.1}, new double[] {0.1}));

  @Test
  void describesTheContractWindowFeaturesAndScalers() {
    ModelCard card = ModelCard.describing("v1", "trained", "BTCUSDT", Duration.ofHours(4), scaling);

    assertThat(card.entries())
        .containsEntry("lstm.format_version", "1")
        .containsEntry("lstm.interval", "4h")
        .containsEntry("lstm.window_bars", "2")
        .containsEntry("lstm.features", "log_return,high_minus_low")
        .containsEntry("lstm.feature_min", "-0.1,1.0")
        .containsEntry("lstm.feature_max", "0.1,50.0")
        .containsEntry("lstm.target_min", "-0.1")
        .containsEntry(
            "lstm.input_layout",
            "float32 [N, 3, 5]: open,high,low,close,volume of consecutive bars," + " oldest first");
  }

  @Test
  void keysOutsideTheProjectPrefixAreRejected() {
    assertThatThrownBy(() -> new ModelCard(Map.of("version", "1")))
        .hasMessage("ModelCard: key 'version' must start with lstm.");
  }
}
