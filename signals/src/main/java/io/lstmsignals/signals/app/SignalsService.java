package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.service.streams.ManagedStreams;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.signals.stream.SignalsTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running paper-trading processor: its topics, then its Kafka Streams client. Used by {@code
 * run} and the demo.
 */
public final class SignalsService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignalsService.class);

  private final SignalsConfig config;
  private final ManagedStreams streams;

  public SignalsService(SignalsConfig config) {
    this.config = config;
    this.streams =
        new ManagedStreams(
            config.applicationId(), SignalsTopology.build(config), config.streamsProperties());
  }

  /** Creates the input and output topics that do not exist yet. */
  public void createTopics() {
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (Admin admin = Admin.create(adminProps)) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(config.topics());
    }
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

  @Override
  public void close() {
    streams.close();
  }
}
