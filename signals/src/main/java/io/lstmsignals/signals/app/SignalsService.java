package io.lstmsignals.signals.app;

import io.lstmsignals.service.preflight.TopicUse;
import io.lstmsignals.service.streams.ManagedStreams;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.signals.stream.SignalsMetrics;
import io.lstmsignals.signals.stream.SignalsTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running paper-trading processor: its Kafka Streams client, with its meters on a registry the
 * caller owns. Used by {@code run} and the demo. It creates no topic: they come from the catalogue
 * ({@code bin/stack topics create}).
 */
public final class SignalsService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignalsService.class);

  private final SignalsConfig config;
  private final ManagedStreams streams;

  public SignalsService(SignalsConfig config, MeterRegistry meters) {
    this.config = config;
    this.streams =
        new ManagedStreams(
            config.applicationId(),
            SignalsTopology.build(config, new SignalsMetrics(meters)),
            config.streamsProperties());
  }

  /** The topics the processor reads and writes, each with the key that names it. */
  public static List<TopicUse> topics(SignalsConfig config) {
    return List.of(
        TopicUse.reads(config.signals().name(), SignalsConfig.SIGNALS_TOPIC),
        TopicUse.reads(config.bars().name(), SignalsConfig.BARS_TOPIC),
        TopicUse.writes(config.fills().name(), SignalsConfig.FILLS_TOPIC),
        TopicUse.writes(config.pnl().name(), SignalsConfig.PNL_TOPIC),
        TopicUse.writes(
            config.signalsDeadLetters().name(), SignalsConfig.SIGNALS_TOPIC + " + .dlq"),
        TopicUse.writes(config.barsDeadLetters().name(), SignalsConfig.BARS_TOPIC + " + .dlq"));
  }

  public void start() {
    log.info(
        "Starting application.id={} signals={} bars={} fills={} pnl={} fillMode={} feeBps={} slippageBps={}",
        config.applicationId(),
        config.signals().name(),
        config.bars().name(),
        config.fills().name(),
        config.pnl().name(),
        config.ledger().fillConvention(),
        config.ledger().feeBps(),
        config.ledger().slippageBps());
    streams.start();
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return streams.awaitRunning(timeout);
  }

  /** Blocks until the processor stops; true if it stopped because it failed. */
  public boolean awaitStop() throws InterruptedException {
    streams.awaitStop();
    return streams.failed();
  }

  /** The Streams client, for health and metrics. */
  public KafkaStreams streams() {
    return streams.client();
  }

  @Override
  public void close() {
    streams.close();
  }
}
