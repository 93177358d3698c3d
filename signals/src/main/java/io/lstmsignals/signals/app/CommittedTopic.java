package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic's committed records from the beginning up to its end at the time of the call, with
 * a fresh assignment of every partition (no consumer group is joined or disturbed).
 */
final class CommittedTopic {

  private CommittedTopic() {}

  /** The consumer settings every reader of this package uses: committed records, no group. */
  static Properties consumerProperties(SignalsConfig config, String clientPrefix) {
    Properties props = new Properties();
    props.putAll(config.clientConfig());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Reading a missing topic must not create it (the model-events topic is the retrainer's).
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientPrefix + "-" + UUID.randomUUID());
    return props;
  }

  /**
   * Hands every record of {@code topic} to {@code each}, in partition order.
   *
   * @return false when the topic does not exist
   */
  static <V extends SpecificRecord> boolean readToEnd(
      SignalsConfig config, String topic, Class<V> type, Consumer<ConsumerRecord<String, V>> each) {
    AvroDeserializer<V> values = new AvroDeserializer<>(type, null);
    values.configure(config.serdeConfig(), false);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            consumerProperties(config, "signals-report"), new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return false;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
          each.accept(record);
        }
      }
      return true;
    }
  }
}
