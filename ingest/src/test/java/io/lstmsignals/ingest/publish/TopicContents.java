package io.lstmsignals.ingest.publish;

import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything a topic holds, read once with one consumer and large fetches. */
public final class TopicContents {
  private TopicContents() {}

  /**
   * Creates a bars topic and its dead-letter topic from the catalogue's specs, as {@code bin/stack
   * topics create} would; returns the name.
   */
  public static String created(KafkaEndpoints endpoints, String topic) {
    try (Admin admin = Admin.create(endpoints.admin())) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(List.of(BarTopics.bars(topic).spec(), BarTopics.deadLetters(topic).spec()));
    }
    return topic;
  }

  /** All records of {@code topic}, partition by partition, each in offset order. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(
      KafkaEndpoints endpoints, String topic) {
    Map<String, Object> config = endpoints.consumer();
    AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
    values.configure(config, false);
    List<ConsumerRecord<String, T>> records = new ArrayList<>();
    try (KafkaConsumer<String, SpecificRecord> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "Could not read " + topic + " to its end offsets " + end + " within 60 s");
        }
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(r -> records.add((ConsumerRecord<String, T>) (Object) r));
      }
    }
    return records;
  }

  /** The sum of the end offsets of every partition of {@code topic}. */
  public static long endOffsetSum(KafkaEndpoints endpoints, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            endpoints.admin(), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
