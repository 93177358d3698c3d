package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.signals.book.FillConvention;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SignalsConfigTest {

  private static Properties minimal() {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", "localhost:9092");
    props.setProperty("schema.registry.url", "http://localhost:8080/apis/ccompat/v7");
    return props;
  }

  @Test
  void shouldDefaultToTheStudysSettings() {
    SignalsConfig config = SignalsConfig.from(minimal());

    assertThat(config.ledger().feeBps()).isZero();
    assertThat(config.ledger().slippageBps()).isZero();
    assertThat(config.ledger().fillConvention()).isEqualTo(FillConvention.REFERENCE_CLOSE);
    assertThat(config.signalsTopic()).isEqualTo("lstm.signals");
    assertThat(config.signalsDeadLetterTopic()).isEqualTo("lstm.signals.dlq");
    assertThat(config.streamsProperties())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.topics()).hasSize(6);
  }

  @Test
  void shouldCollectEveryProblemInOneMessage() {
    Properties props = new Properties();
    props.setProperty("signals.fee.bps", "-5");
    props.setProperty("signals.fill.mode", "midpoint");
    props.setProperty("signals.portfolio.symbols", "btc usdt");
    props.setProperty("signals.starting.capital", "zero");
    props.setProperty("streams.processing.guarantee", "at_least_once");
    props.setProperty("streams.no.such.thing", "1");
    props.setProperty("signal.fee.bps", "1");

    assertThatThrownBy(() -> SignalsConfig.from(props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(9 problems)")
        .hasMessageContaining("Missing value for bootstrap.servers")
        .hasMessageContaining("Missing value for schema.registry.url")
        .hasMessageContaining("Invalid value -5 for signals.fee.bps: must be >= 0")
        .hasMessageContaining("Invalid value midpoint for signals.fill.mode")
        .hasMessageContaining("Invalid value btc usdt for signals.portfolio.symbols")
        .hasMessageContaining("Invalid value zero for signals.starting.capital")
        .hasMessageContaining("streams.processing.guarantee: is set by the processor itself")
        .hasMessageContaining("streams.no.such.thing: is not a Kafka Streams config")
        .hasMessageContaining("signal.fee.bps: unknown key");
  }

  @Test
  void shouldPassStreamsOverridesWithoutThePrefix() {
    Properties props = minimal();
    props.setProperty("streams.commit.interval.ms", "50");
    props.setProperty("signals.fill.mode", "next_open");

    SignalsConfig config = SignalsConfig.from(props);

    assertThat(config.streamsProperties()).containsEntry("commit.interval.ms", "50");
    assertThat(config.ledger().fillConvention()).isEqualTo(FillConvention.NEXT_OPEN);
  }
}
