package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.fail;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Per-test topics, configuration, producing and reading against the real stack. */
public final class StackFixture {

  private final StackEndpoints stack;
  private final String prefix;
  private final Path stateDir;

  public StackFixture(StackEndpoints stack, String testName, Path stateDir) {
    this.stack = stack;
    this.prefix = "signals-it-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.stateDir = stateDir;
  }

  /** A configuration with this test's own topics (2 partitions) and application id. */
  /** The settings as a properties file holds them, to write one. */
  public static Properties asProperties(Map<String, Object> settings) {
    Properties file = new Properties();
    settings.forEach((key, value) -> file.setProperty(key, String.valueOf(value)));
    return file;
  }

  public Map<String, Object> properties(String run) {
    Map<String, Object> props = new HashMap<>();
    props.put(SignalsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    props.put(SignalsConfig.REGISTRY_URL, stack.registryUrl());
    props.put(SignalsConfig.APPLICATION_ID, prefix + "-" + run);
    props.put(SignalsConfig.STATE_DIR, stateDir.resolve(run).toString());
    props.put(SignalsConfig.SIGNALS_TOPIC, prefix + "-" + run + "-signals");
    props.put(SignalsConfig.BARS_TOPIC, prefix + "-" + run + "-bars");
    props.put(SignalsConfig.FILLS_TOPIC, prefix + "-" + run + "-fills");
    props.put(SignalsConfig.PNL_TOPIC, prefix + "-" + run + "-pnl");
    props.put(SignalsConfig.REPLICATION_FACTOR, "1");
    // `signals run` serves its dashboard: on any free port, so that test runs never collide
    props.put(SignalsConfig.DASHBOARD_PORT, "0");
    props.put("streams.commit.interval.ms", "100");
    props.put("streams.consumer.session.timeout.ms", "6000");
    props.put("streams.consumer.heartbeat.interval.ms", "1000");
    return props;
  }

  /** Creates the configuration's topics as the catalogue specifies them, with 2 partitions. */
  public void createTopics(SignalsConfig config) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(
              config.topics().stream()
                  .map(topic -> topic.withPartitions(topic.partitions() > 1 ? 2 : 1))
                  .toList());
    }
  }

  /** Sends records keyed by symbol, in order, and waits for the broker to have them. */
  public <T extends SpecificRecord> void produce(
      String topic, List<T> records, Function<T, String> key, ToLongFunction<T> timestamp) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    AvroSerializer<T> values = new AvroSerializer<>();
    values.configure(Map.of(SignalsConfig.REGISTRY_URL, stack.registryUrl()), false);
    try (KafkaProducer<String, T> producer =
        new KafkaProducer<>(props, new StringSerializer(), values)) {
      for (T record : records) {
        producer.send(
            new ProducerRecord<>(
                topic, null, timestamp.applyAsLong(record), key.apply(record), record));
      }
      producer.flush();
    }
  }

  /**
   * Checks {@code condition} every 50 ms until it holds; fails naming {@code reason} after the
   * timeout.
   */
  static void pollUntil(BooleanSupplier condition, Duration timeout, String reason) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out after " + timeout + " waiting until " + reason);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  /**
   * Reads committed P&amp;L records from the start until {@code done} holds, or fails after the
   * timeout.
   */
  public List<PnlSnapshot> readPnlUntil(
      String topic, Predicate<List<PnlSnapshot>> done, Duration timeout, String reason) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    AvroDeserializer<PnlSnapshot> values = new AvroDeserializer<>(PnlSnapshot.class, null);
    values.configure(Map.of(SignalsConfig.REGISTRY_URL, stack.registryUrl()), false);
    List<PnlSnapshot> read = new ArrayList<>();
    try (KafkaConsumer<String, PnlSnapshot> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(read)) {
        if (System.nanoTime() > deadline) {
          fail(
              "Timed out after "
                  + timeout
                  + " waiting until "
                  + reason
                  + "; read "
                  + read.size()
                  + " records");
        }
        // poll() blocks until records arrive or 200 ms pass: the wait between checks
        for (ConsumerRecord<String, PnlSnapshot> record : consumer.poll(Duration.ofMillis(200))) {
          read.add(record.value());
        }
      }
    }
    return read;
  }
}
