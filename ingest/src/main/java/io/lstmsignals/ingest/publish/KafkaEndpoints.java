package io.lstmsignals.ingest.publish;

import io.lstmsignals.schemas.registry.RegistryClientConfig;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.service.cli.ConnectionOptions;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the broker and the schema registry are, and the client settings ingest uses with them.
 *
 * @param bootstrapServers e.g. {@code localhost:9092}
 * @param registryUrl Confluent-compatible registry, e.g. {@code
 *     http://localhost:8081/apis/ccompat/v7}
 * @param producerOverrides settings laid over the producer's (from {@code producer.*} keys)
 * @param security Kafka client security settings given to every client (empty for PLAINTEXT)
 * @param registryAccess the registry's basic-auth and TLS settings (empty for an open registry)
 */
public record KafkaEndpoints(
    String bootstrapServers,
    String registryUrl,
    Map<String, Object> producerOverrides,
    Map<String, Object> security,
    Map<String, Object> registryAccess) {

  public KafkaEndpoints {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(registryUrl, "registryUrl");
    producerOverrides = Map.copyOf(producerOverrides);
    security = Map.copyOf(security);
    registryAccess = Map.copyOf(registryAccess);
  }

  /** A broker and an open registry, without security. */
  public KafkaEndpoints(String bootstrapServers, String registryUrl) {
    this(bootstrapServers, registryUrl, Map.of(), Map.of(), Map.of());
  }

  /** The endpoints the command line names (or the stack's defaults). */
  public static KafkaEndpoints of(ConnectionOptions connection) {
    return new KafkaEndpoints(connection.bootstrapServers(), connection.registryUrl());
  }

  /**
   * Checks that the broker answers, that the bars topic and its dead-letter topic exist, and that
   * the registry speaks the Confluent API.
   *
   * @throws io.lstmsignals.service.preflight.StartupCheckException naming what is missing
   */
  public void requireReachable(String barsTopic) {
    StartupChecks.requireBrokerAndTopics(
        admin(),
        List.of(
            TopicUse.reads(barsTopic, "ingest.topic.bars"),
            TopicUse.writes(barsTopic, "ingest.topic.bars"),
            TopicUse.writes(BarTopics.deadLetters(barsTopic).name(), "ingest.topic.bars + .dlq")));
    StartupChecks.requireRegistry(common());
  }

  /** Admin client settings: the broker and security. */
  public Map<String, Object> admin() {
    Map<String, Object> config = new HashMap<>(security);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Producer and consumer basics: the broker, the registry, and the access to both. */
  public Map<String, Object> common() {
    Map<String, Object> config = admin();
    config.put(RegistryClientConfig.URL, registryUrl);
    config.putAll(registryAccess);
    return config;
  }

  /**
   * A producer that never duplicates or drops a bar on a retry ({@code enable.idempotence}, {@code
   * acks=all}) and batches for throughput. {@code idempotent=false} gives {@code acks=1} without
   * idempotence: only for the benchmark's comparison.
   */
  public Map<String, Object> producer(boolean idempotent) {
    Map<String, Object> config = common();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.putAll(producerOverrides);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
    config.put(ProducerConfig.ACKS_CONFIG, idempotent ? "all" : "1");
    config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    return config;
  }

  /**
   * A consumer that reads generated classes and fetches in large chunks; no group (partitions are
   * assigned).
   */
  public Map<String, Object> consumer() {
    Map<String, Object> config = common();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    return config;
  }
}
