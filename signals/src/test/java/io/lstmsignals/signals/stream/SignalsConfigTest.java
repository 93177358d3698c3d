package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.service.config.InvalidConfigurationException;
import io.lstmsignals.signals.book.FillConvention;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SignalsConfigTest {

  private static Map<String, Object> minimal() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", "localhost:9092");
    props.put("schema.registry.url", "http://localhost:8080/apis/ccompat/v7");
    return props;
  }

  @Test
  void shouldDefaultToTheStudysSettings() {
    SignalsConfig config = SignalsConfig.from(minimal());

    assertThat(config.ledger().feeBps()).isZero();
    assertThat(config.ledger().slippageBps()).isZero();
    assertThat(config.ledger().fillConvention()).isEqualTo(FillConvention.REFERENCE_CLOSE);
    assertThat(config.signals().name()).isEqualTo("lstm.signals");
    assertThat(config.signalsDeadLetters().name()).isEqualTo("lstm.signals.dlq");
    assertThat(config.streamsProperties())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.topics()).hasSize(6);
  }

  @Test
  void shouldCollectEveryProblemInOneMessage() {
    Map<String, Object> props = new HashMap<>();
    props.put("signals.fee.bps", "-5");
    props.put("signals.fill.mode", "midpoint");
    props.put("signals.portfolio.symbols", "btc usdt");
    props.put("signals.starting.capital", "zero");
    props.put("streams.processing.guarantee", "at_least_once");
    props.put("streams.no.such.thing", "1");
    props.put("signal.fee.bps", "1");

    assertThatThrownBy(() -> SignalsConfig.from(props))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Invalid signals configuration (7 problems):")
        .hasMessageContaining(
            "Invalid value 1 for configuration signal.fee.bps: unknown key: not a signals"
                + " setting; did you mean signals.fee.bps?")
        .hasMessageContaining(
            "Invalid value -5 for configuration signals.fee.bps: must be >= 0 and < 10000")
        .hasMessageContaining(
            "Invalid value midpoint for configuration signals.fill.mode: must be one of"
                + " REFERENCE_CLOSE, NEXT_OPEN")
        .hasMessageContaining(
            "for configuration signals.portfolio.symbols: symbol 'btc usdt' must be 2-30"
                + " upper-case letters or digits")
        .hasMessageContaining(
            "Invalid value zero for configuration signals.starting.capital: Not a number of type"
                + " DOUBLE")
        .hasMessageContaining(
            "Invalid value at_least_once for configuration streams.processing.guarantee: set by"
                + " the signals service itself; it always runs exactly_once_v2")
        .hasMessageContaining(
            "Invalid value 1 for configuration streams.no.such.thing: 'no.such.thing' is not a"
                + " Kafka Streams key");
  }

  @Test
  void shouldPassStreamsOverridesWithoutThePrefix() {
    Map<String, Object> props = minimal();
    props.put("streams.commit.interval.ms", "50");
    props.put("signals.fill.mode", "next_open");

    SignalsConfig config = SignalsConfig.from(props);

    assertThat(config.streamsProperties()).containsEntry("commit.interval.ms", "50");
    assertThat(config.ledger().fillConvention()).isEqualTo(FillConvention.NEXT_OPEN);
  }
}
