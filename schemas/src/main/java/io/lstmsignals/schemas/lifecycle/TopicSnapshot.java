package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A compacted topic read once, whole: what the lifecycle's writers check against. */
public final class TopicSnapshot {

  private static final Duration MISSING_TOPIC_GRACE = Duration.ofSeconds(5);

  private TopicSnapshot() {}

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a topic", e);
    }
  }

  /**
   * Every value of {@code topic}, from the beginning to the end offsets it has when reading starts
   * (committed records only), in partition then offset order.
   *
   * @throws IllegalStateException when the topic is missing or its end is not reached in time
   */
  public static <V extends SpecificRecord> List<V> read(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      Topic<String, V> topic,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lifecycle-history-" + UUID.randomUUID());
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + (1 << 20));
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + (1 << 20));
    List<V> values = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueDeserializer(serdeConfig))) {
      var partitions = consumer.partitionsFor(topic.name(), timeout);
      // A topic created a moment ago may not be in every broker's metadata yet.
      long missingUntil = System.nanoTime() + MISSING_TOPIC_GRACE.toNanos();
      while ((partitions == null || partitions.isEmpty()) && System.nanoTime() < missingUntil) {
        sleep();
        partitions = consumer.partitionsFor(topic.name(), timeout);
      }
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException(
            "Topic " + topic.name() + " does not exist; create the catalogue's topics first");
      }
      List<TopicPartition> assigned =
          partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading " + topic.name() + " did not reach its end " + end + " within " + timeout);
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) {
            values.add(record.value());
          }
        }
      }
    }
    return values;
  }
}
