package io.lstmsignals.trainer.kafka;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.trainer.data.BarDataException;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.BarSource;
import io.lstmsignals.trainer.data.OhlcvBar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of one symbol from the bars topic: every {@code Bar} record keyed by the symbol at
 * the given interval, from the beginning of every partition up to the end offsets seen when reading
 * starts. No consumer group: partitions are assigned directly, nothing is committed. A bar
 * published more than once (a replay or a correction) counts once, the last write winning.
 */
public final class KafkaBarSource implements BarSource {

  private static final Logger log = LoggerFactory.getLogger(KafkaBarSource.class);

  private final Map<String, Object> clientConfig;
  private final Map<String, Object> serdeConfig;
  private final String topic;
  private final String symbol;
  private final Duration interval;
  private final Duration timeout;

  /**
   * @param clientConfig the brokers ({@code bootstrap.servers}) and any security settings
   * @param serdeConfig the schema registry ({@code schema.registry.url}) and any access settings
   * @param timeout how long reading the whole history may take
   */
  public KafkaBarSource(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      String topic,
      String symbol,
      Duration interval,
      Duration timeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.serdeConfig = Map.copyOf(serdeConfig);
    this.topic = Objects.requireNonNull(topic, "topic");
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public BarSeries read() {
    Map<String, Object> config = new HashMap<>(serdeConfig);
    config.putAll(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    String expectedInterval = BarInterval.of(interval).name();
    TreeMap<Instant, OhlcvBar> bars = new TreeMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, Bar> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new BarDataException("Topic " + topic + " does not exist or has no partitions");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new BarDataException(
              "Reading "
                  + describe()
                  + " did not reach the end offsets "
                  + end
                  + " within "
                  + timeout);
        }
        try {
          for (ConsumerRecord<String, Bar> record : consumer.poll(Duration.ofMillis(200))) {
            accept(record, expectedInterval, bars);
          }
        } catch (RecordDeserializationException e) {
          throw new BarDataException(
              topic
                  + "-"
                  + e.topicPartition().partition()
                  + "@"
                  + e.offset()
                  + ": record cannot be decoded as a Bar: "
                  + e.getMessage(),
              e);
        }
      }
    }
    log.info("Read bars source={} bars={}", describe(), bars.size());
    return new BarSeries(describe(), interval, new ArrayList<>(bars.values()));
  }

  private void accept(
      ConsumerRecord<String, Bar> record,
      String expectedInterval,
      TreeMap<Instant, OhlcvBar> bars) {
    Bar bar = record.value();
    if (!symbol.equals(record.key())
        || bar == null
        || !expectedInterval.equals(bar.getInterval())) {
      return;
    }
    try {
      OhlcvBar converted =
          new OhlcvBar(
              bar.getOpenTime(),
              bar.getOpen(),
              bar.getHigh(),
              bar.getLow(),
              bar.getClose(),
              bar.getVolume());
      bars.put(converted.openTime(), converted);
    } catch (IllegalArgumentException e) {
      throw new BarDataException(
          record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, Bar> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe() {
    return "kafka:" + topic + "/" + symbol + "/" + BarInterval.of(interval).name();
  }
}
