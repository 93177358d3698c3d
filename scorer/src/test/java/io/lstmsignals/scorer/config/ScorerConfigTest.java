package io.lstmsignals.scorer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.onnx.ExecutionProvider;
import io.lstmsignals.service.config.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerConfigTest {
  @TempDir Path dir;

  @Test
  void shouldApplyTheDefaults() {
    ScorerConfig config = ScorerConfig.from(Map.of(ScorerConfig.ALLOW_UNSIGNED, "true"));

    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.windowCapacity()).isEqualTo(49);
    assertThat(config.barInterval()).isEqualTo(BarInterval.FOUR_HOURS);
    assertThat(config.onnx().provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(config.onnx().intraOpThreads()).isEqualTo(1);
    assertThat(config.bars().name()).isEqualTo("lstm.bars.4h");
    assertThat(config.barsDeadLetters().name()).isEqualTo("lstm.bars.4h.dlq");
    assertThat(config.modelsDeadLetters().name()).isEqualTo("lstm.models.dlq");
    assertThat(config.releaseTrust().allowsUnsigned()).isTrue();
  }

  @Test
  void shouldRefuseToStartTrustingNoKeyUnlessUnsignedReleasesAreAllowed() throws Exception {
    InvalidConfigurationException none =
        catchThrowableOfType(
            InvalidConfigurationException.class, () -> ScorerConfig.from(Map.of()));
    assertThat(none.problems())
        .singleElement()
        .asString()
        .startsWith("Missing value for configuration scorer.release.trusted.keys")
        .contains("scorer.release.allow.unsigned=true");

    SigningKey key = SigningKey.generate(dir, "releaser");
    ScorerConfig trusting =
        ScorerConfig.from(
            Map.of(ScorerConfig.TRUSTED_KEYS, dir.resolve("releaser.pub").toString()));
    assertThat(trusting.releaseTrust().keyIds()).containsExactly(key.id());
    assertThat(trusting.releaseTrust().allowsUnsigned()).isFalse();
  }

  @Test
  void shouldCollectEveryProblemInOneException() {
    Map<String, String> values = new HashMap<>();
    values.put("schema.registry.url", "localhost:8081");
    values.put("scorer.window.capacity", "-5");
    values.put("scorer.onnx.provider", "tpu");
    values.put("scorer.bar.interval", "3h");
    values.put("scorer.onnx.intra.op.threads", "many");
    values.put("scorer.windw.capacity", "10");
    values.put("scorer.topic.bars", "bars with spaces");
    values.put("streams.replication.factr", "1");
    values.put("streams.processing.guarantee", "at_least_once");
    values.put("scorer.release.trusted.keys", "missing.pub");

    InvalidConfigurationException error =
        catchThrowableOfType(InvalidConfigurationException.class, () -> ScorerConfig.from(values));

    assertThat(error.problems())
        .containsExactly(
            "Invalid value localhost:8081 for configuration schema.registry.url: must be an"
                + " http:// or https:// URL (Apicurio: http://host:port/apis/ccompat/v7), or"
                + " mock://scope in tests",
            "Invalid value 3h for configuration scorer.bar.interval: String must be one of: 1m,"
                + " 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d",
            "Invalid value many for configuration scorer.onnx.intra.op.threads: Not a number of"
                + " type INT",
            "Invalid value tpu for configuration scorer.onnx.provider: must be one of cpu, cuda,"
                + " cuda-or-cpu",
            "Invalid value missing.pub for configuration scorer.release.trusted.keys: cannot"
                + " read trusted key missing.pub: java.nio.file.NoSuchFileException: missing.pub",
            "Invalid value bars with spaces for configuration scorer.topic.bars: must be 1-245 of"
                + " [a-zA-Z0-9._-] (the .dlq suffix must fit)",
            "Invalid value -5 for configuration scorer.window.capacity: Value must be at least 2",
            "Invalid value 10 for configuration scorer.windw.capacity: unknown key: not a scorer"
                + " setting; did you mean scorer.window.capacity?; Kafka client keys take the"
                + " prefix streams. (Kafka Streams)",
            "Invalid value at_least_once for configuration streams.processing.guarantee: set by"
                + " the scorer service itself; it always runs exactly_once_v2",
            "Invalid value 1 for configuration streams.replication.factr: 'replication.factr' is"
                + " not a Kafka Streams key; did you mean replication.factor?");
    assertThat(error.getMessage()).startsWith("Invalid scorer configuration (10 problems):\n  ");
  }

  @Test
  void shouldPassCheckedStreamsKeysThrough() {
    ScorerConfig config =
        ScorerConfig.from(
            Map.of(
                "streams.replication.factor",
                "1",
                "streams.producer.linger.ms",
                "5",
                ScorerConfig.ALLOW_UNSIGNED,
                "true"));

    assertThat(config.streamsOverrides())
        .containsEntry("replication.factor", "1")
        .containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldGiveStreamsAShortPollSoADueCommitDoesNotWaitForIt() {
    ScorerConfig config = ScorerConfig.from(Map.of(ScorerConfig.ALLOW_UNSIGNED, "true"));
    Properties props = ScorerService.streamsProperties(config);

    assertThat(props).containsEntry(StreamsConfig.POLL_MS_CONFIG, 5L);
    assertThat(
            ScorerService.streamsProperties(
                ScorerConfig.from(
                    Map.of(ScorerConfig.POLL_MS, "50", ScorerConfig.ALLOW_UNSIGNED, "true"))))
        .containsEntry(StreamsConfig.POLL_MS_CONFIG, 50L);
    assertThatThrownBy(
            () ->
                ScorerConfig.from(
                    Map.of("streams.poll.ms", "50", ScorerConfig.ALLOW_UNSIGNED, "true")))
        .hasMessageContaining("set poll.ms");
  }
}
