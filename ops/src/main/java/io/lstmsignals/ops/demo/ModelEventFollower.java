package io.lstmsignals.ops.demo;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/** Prints each committed model event, one line each, as the retrainer writes it. */
final class ModelEventFollower implements AutoCloseable {
  private final KafkaConsumer<String, ModelEvent> consumer;
  private final String topic;
  private final Consumer<String> out;
  private final Thread thread;

  ModelEventFollower(
      StackEndpoints endpoints, Topic<String, ModelEvent> events, Consumer<String> out) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(
            config,
            events.keySerde().deserializer(),
            events.valueDeserializer(AvroSerdeConfig.specificRecords(endpoints.registryUrl())));
    this.topic = events.name();
    this.out = out;
    this.thread = new Thread(this::run, "model-events");
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, ModelEvent> record : consumer.poll(Duration.ofMillis(500))) {
          out.accept(describe(record.value()));
        }
      }
    } catch (WakeupException stopping) {
      // closed
    }
  }

  static String describe(ModelEvent event) {
    return String.format(
        Locale.ROOT,
        "model event: %s at %s: %s, in force for bars %s..%s: %s — %s",
        event.getModelLine(),
        event.getBoundary(),
        event.getOutcome(),
        event.getEffectiveFrom(),
        event.getValidUntil(),
        event.getVersionInForce() == null ? "no version" : event.getVersionInForce(),
        event.getReason());
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
    consumer.close();
  }
}
