package io.lstmsignals.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lstmsignals.scorer.onnx.ExecutionProvider;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScorerConfigTest {

  private static Properties minimal() {
    Properties props = new Properties();
    props.put("bootstrap.servers", "localhost:9092");
    props.put("schema.registry.url", "http://localhost:8081/apis/ccompat/v7");
    return props;
  }

  @Test
  void shouldApplyTheDefaults() {
    ScorerConfig config = ScorerConfig.from(minimal());

    assertThat(config.windowCapacity()).isEqualTo(49);
    assertThat(config.barInterval()).isEqualTo(Duration.ofHours(4));
    assertThat(config.barIntervalName()).isEqualTo("4h");
    assertThat(config.onnx().provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(config.onnx().intraOpThreads()).isEqualTo(1);
    assertThat(config.barsTopic()).isEqualTo("lstm.bars.4h");
    assertThat(config.barsDeadLetterTopic()).isEqualTo("lstm.bars.4h.dlq");
    assertThat(config.modelsDeadLetterTopic()).isEqualTo("lstm.models.dlq");
  }

  @Test
  void shouldCollectEveryProblemInOneException() {
    Properties props = new Properties();
    props.put("schema.registry.url", "localhost:8081");
    props.put("scorer.window.capacity", "-5");
    props.put("scorer.onnx.provider", "tpu");
    props.put("scorer.bar.interval", "3h");
    props.put("scorer.onnx.intra.op.threads", "many");
    props.put("scorer.windw.capacity", "10");
    props.put("streams.replication.factor", "1");

    ScorerConfigException error =
        catchThrowableOfType(ScorerConfigException.class, () -> ScorerConfig.from(props));

    assertThat(error.problems())
        .containsExactlyInAnyOrder(
            "Missing value for bootstrap.servers: it is required",
            "Invalid value localhost:8081 for schema.registry.url: must start with http://, https:// or mock://",
            "Invalid value -5 for scorer.window.capacity: must be >= 2 and <= 4096",
            "Invalid value tpu for scorer.onnx.provider: must be one of cpu, cuda, cuda-or-cpu, got 'tpu'",
            "Invalid value 3h for scorer.bar.interval: must be one of [15m, 1d, 1h, 1m, 2h, 30m, 4h, 5m]",
            "Invalid value many for scorer.onnx.intra.op.threads: must be an integer",
            "Unknown key scorer.windw.capacity: not a scorer setting (Streams settings take the prefix streams.)");
    assertThat(error.getMessage()).startsWith("Invalid scorer configuration:\n  ");
  }

  @Test
  void shouldPassStreamsPrefixedKeysThrough() {
    Properties props = minimal();
    props.put("streams.replication.factor", "1");

    assertThat(ScorerConfig.from(props).streamsOverrides())
        .containsEntry("replication.factor", "1");
  }
}
