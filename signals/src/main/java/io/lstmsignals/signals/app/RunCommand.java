package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.signals.stream.SignalsTopology;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the P&amp;L processor until stopped (SIGTERM / Ctrl-C); exits non-zero if Kafka Streams fails. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the paper-trading P&L processor (Kafka Streams, exactly-once v2).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Option(names = "--no-create-topics", description = "Do not create missing input/output topics at startup.")
  boolean noCreateTopics;

  @Override
  public Integer call() throws Exception {
    SignalsConfig config = options.load();
    if (!noCreateTopics) {
      Properties adminProps = new Properties();
      adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
      try (Admin admin = Admin.create(adminProps)) {
        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(config.topics());
      }
    }
    KafkaStreams streams = new KafkaStreams(SignalsTopology.build(config), config.streamsProperties());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    streams.setUncaughtExceptionHandler(e -> {
      log.error("Kafka Streams failed; shutting the processor down application.id={}", config.applicationId(), e);
      failed.set(true);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams state {} -> {} application.id={}", before, now, config.applicationId());
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        stopped.countDown();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      stopped.countDown();
    }, "signals-shutdown"));
    log.info("Starting application.id={} signals={} bars={} fills={} pnl={} fillMode={} feeBps={} slippageBps={}",
        config.applicationId(), config.signalsTopic(), config.barsTopic(), config.fillsTopic(), config.pnlTopic(),
        config.ledger().fillConvention(), config.ledger().feeBps(), config.ledger().slippageBps());
    streams.start();
    stopped.await();
    streams.close(Duration.ofSeconds(30));
    return failed.get() ? 1 : 0;
  }
}
