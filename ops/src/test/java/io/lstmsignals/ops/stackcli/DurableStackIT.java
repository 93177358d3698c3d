package io.lstmsignals.ops.stackcli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.testkit.ChildJvm;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stack up} as a user runs it, stopped and started again on the same data directory (on
 * other ports): every record written before the restart reads back, decoded against the schema its
 * id names, and a schema registered after the restart gets a new id, never an old one.
 */
@Tag("integration")
@Timeout(300)
class DurableStackIT {
  private static final Pattern BOOTSTRAP = Pattern.compile("Kafka bootstrap servers:\\s+(\\S+)");
  private static final Pattern REGISTRY =
      Pattern.compile("Schema registry \\(Confluent API\\): (\\S+)");
  private static final Pattern TOPICS = Pattern.compile("^Topics: (.*)$");
  private static final Duration START = Duration.ofSeconds(150);

  @Test
  void aRestartedStackShouldServeEveryEarlierRecordAndNeverReuseASchemaId(@TempDir Path data)
      throws Exception {
    // Given a stack that holds bars
    List<Bar> bars =
        IntStream.range(0, 20)
            .mapToObj(
                i -> bar(Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(4L * i))))
            .toList();
    int barSchemaId;
    try (ChildJvm first = stackUp(data, "first")) {
      Endpoints endpoints = endpoints(first);
      assertThat(first.awaitLine(TOPICS, START).group(1)).startsWith("created lstm.bars.4h");
      produce(endpoints, Topics.BARS.name(), bars);
      barSchemaId = schemaIdOf(read(endpoints, Topics.BARS.name()).getFirst().value());
      stopCleanly(first);
    }

    // When it is started again on the same data directory
    try (ChildJvm second = stackUp(data, "second")) {
      Endpoints endpoints = endpoints(second);
      assertThat(second.awaitLine(TOPICS, START).group(1)).isEqualTo("the catalogue's all exist");

      // Then the bars read back as they were written
      List<ConsumerRecord<String, byte[]>> records = read(endpoints, Topics.BARS.name());
      AvroDeserializer<Bar> decoder = new AvroDeserializer<>(Bar.class, null);
      decoder.configure(AvroSerdeConfig.specificRecords(endpoints.registry()), false);
      assertThat(records)
          .extracting(r -> decoder.deserialize(r.topic(), r.value()))
          .containsExactlyElementsOf(bars);
      // and a schema registered now gets an id of its own
      produce(
          endpoints,
          Topics.BARS.deadLetters().name(),
          List.of(
              DeadLetter.newBuilder()
                  .setStage("test")
                  .setOrigin(Topics.BARS.name())
                  .setKey("BTCUSDT")
                  .setPayload(ByteBuffer.wrap(new byte[] {1}))
                  .setReason("written after the restart")
                  .setFailedAt(Instant.now())
                  .build()));
      int deadLetterSchemaId =
          schemaIdOf(read(endpoints, Topics.BARS.deadLetters().name()).getFirst().value());
      assertThat(deadLetterSchemaId).isNotEqualTo(barSchemaId);
      stopCleanly(second);
    }
  }

  private record Endpoints(String bootstrap, String registry) {}

  /** SIGTERM, as Ctrl-C or a service manager sends it: the JVM's exit code for it is 143. */
  private static void stopCleanly(ChildJvm stack) throws InterruptedException {
    assertThat(stack.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM").isEqualTo(143);
    assertThat(stack.output()).contains("Local stack stopped");
  }

  private static ChildJvm stackUp(Path data, String name) {
    return ChildJvm.start(
        "bin/stack up (" + name + ")",
        Path.of("target", "durable-stack-it", name + ".log"),
        StackMain.class.getName(),
        List.of("up", "--data", data.toString(), "--kafka-port", "0", "--registry-port", "0"));
  }

  private static Endpoints endpoints(ChildJvm stack) throws InterruptedException {
    Matcher bootstrap = stack.awaitLine(BOOTSTRAP, START);
    return new Endpoints(bootstrap.group(1), stack.awaitLine(REGISTRY, START).group(1));
  }

  private static Bar bar(Instant open) {
    return Bar.newBuilder()
        .setSymbol("BTCUSDT")
        .setInterval("4h")
        .setOpenTime(open)
        .setCloseTime(open.plus(Duration.ofHours(4)))
        .setOpen(100)
        .setHigh(110)
        .setLow(90)
        .setClose(105)
        .setVolume(12.5)
        .setSource("durable-stack-it")
        .build();
  }

  private static <T extends SpecificRecord> void produce(
      Endpoints endpoints, String topic, List<T> records) {
    AvroSerializer<T> values = new AvroSerializer<>();
    values.configure(AvroSerdeConfig.specificRecords(endpoints.registry()), false);
    try (KafkaProducer<String, T> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            values)) {
      records.forEach(record -> producer.send(new ProducerRecord<>(topic, "BTCUSDT", record)));
      producer.flush();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> read(Endpoints endpoints, String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrap()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  /** The schema id of a Confluent-framed value: the 4 bytes after the magic byte. */
  private static int schemaIdOf(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
