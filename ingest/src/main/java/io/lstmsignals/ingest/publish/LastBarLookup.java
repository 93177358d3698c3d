package io.lstmsignals.ingest.publish;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the last bar of each wanted symbol already in a bars topic: where a replay or a resumed
 * poller must start so that it neither duplicates nor skips a bar.
 *
 * <p>A symbol's bars all sit in one partition (the producer's default partitioner hashes the key),
 * so only those partitions are read, backwards from the end in growing chunks until every wanted
 * symbol was seen or the partition's start is reached. On a topic with many symbols the last bars
 * are near the end: the cost is a few fetches, not a scan of history. A record that is no bar (a
 * tombstone, bytes of another schema) is skipped with a warning naming its offset: the bar before
 * it is the last one.
 */
public final class LastBarLookup {
  private static final Logger log = LoggerFactory.getLogger(LastBarLookup.class);
  private static final int FIRST_CHUNK = 2_048;

  private LastBarLookup() {}

  /**
   * @param consumerConfig from {@link KafkaEndpoints#consumer}
   * @return the last bar per symbol, for the symbols the topic holds; none when the topic does not
   *     exist
   * @throws IllegalStateException when the topic cannot be read within the timeout
   */
  public static Map<String, OhlcvBar> lastBars(
      Map<String, Object> consumerConfig, String topic, Set<String> symbols, Duration timeout) {
    Map<String, OhlcvBar> found = new TreeMap<>();
    AvroDeserializer<Bar> values = new AvroDeserializer<>(Bar.class, null);
    values.configure(consumerConfig, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      Map<String, List<PartitionInfo>> topics = consumer.listTopics(timeout);
      List<PartitionInfo> partitions = topics.get(topic);
      if (partitions == null) {
        return found;
      }
      Map<Integer, Set<String>> byPartition = new HashMap<>();
      for (String symbol : symbols) {
        int partition =
            Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8)))
                % partitions.size();
        byPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(symbol);
      }
      Instant deadline = Instant.now().plus(timeout);
      // One assignment, one partition fetching at a time: re-assigning would drop in-flight fetches
      // noisily.
      List<TopicPartition> assigned =
          byPartition.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(assigned);
      for (TopicPartition tp : assigned) {
        consumer.pause(assigned);
        consumer.resume(List.of(tp));
        scanBackwards(consumer, values, tp, byPartition.get(tp.partition()), found, deadline);
      }
    }
    log.info(
        "Last bars in topic={}: {}", topic, found.values().stream().map(OhlcvBar::label).toList());
    return found;
  }

  private static void scanBackwards(
      KafkaConsumer<String, byte[]> consumer,
      AvroDeserializer<Bar> values,
      TopicPartition tp,
      Set<String> wanted,
      Map<String, OhlcvBar> found,
      Instant deadline) {
    long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
    long high = consumer.endOffsets(List.of(tp)).get(tp);
    Set<String> missing = new HashSet<>(wanted);
    long chunk = FIRST_CHUNK;
    while (high > begin && !missing.isEmpty()) {
      long low = Math.max(begin, high - chunk);
      consumer.seek(tp, low);
      Map<String, Bar> lastInChunk = new HashMap<>();
      while (consumer.position(tp) < high) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "Could not read "
                  + tp
                  + " offsets "
                  + low
                  + ".."
                  + high
                  + " in time to find the last bars of "
                  + missing);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < high && record.key() != null && missing.contains(record.key())) {
            decoded(values, record).ifPresent(bar -> lastInChunk.put(record.key(), bar));
          }
        }
      }
      lastInChunk.forEach(
          (symbol, bar) -> {
            found.put(symbol, BarRecords.fromAvro(bar));
            missing.remove(symbol);
          });
      high = low;
      chunk *= 2;
    }
  }

  private static Optional<Bar> decoded(
      AvroDeserializer<Bar> values, ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      log.warn(
          "Skipped a tombstone at {}-{}@{} key={}: not a bar",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key());
      return Optional.empty();
    }
    try {
      return Optional.of(values.deserialize(record.topic(), record.headers(), record.value()));
    } catch (RuntimeException e) {
      log.warn(
          "Skipped {}-{}@{} key={}: not a bar ({})",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          e.getMessage());
      return Optional.empty();
    }
  }
}
