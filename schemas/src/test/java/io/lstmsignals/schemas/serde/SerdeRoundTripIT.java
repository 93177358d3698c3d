package io.lstmsignals.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every contract through the serde, a real broker and a real registry, read back three ways. */
@WithStack
@Timeout(180)
class SerdeRoundTripIT {

  @Test
  void shouldRoundTripEveryContractThroughBrokerAndRegistry(StackEndpoints stack) throws Exception {
    // Given one fresh topic per contract
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<SpecificRecord> records = SampleRecords.all();
    List<String> topics =
        records.stream().map(r -> "roundtrip-" + r.getSchema().getName() + "-" + run).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      List<TopicSpec> specs = new ArrayList<>();
      topics.forEach(
          t ->
              specs.add(
                  Topics.BARS.named(t).spec().withPartitions(1).withReplicationFactor((short) 1)));
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
    }

    // When each record is produced with our serializer
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            AvroSerializer.class,
            ProducerConfig.ACKS_CONFIG,
            "all",
            "schema.registry.url",
            stack.registryUrl());
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig)) {
      for (int i = 0; i < records.size(); i++) {
        producer.send(new ProducerRecord<>(topics.get(i), "BTCUSDT", records.get(i))).get();
      }
    }

    // Then the raw bytes are Confluent-framed with an id the registry resolves to the writer
    // schema,
    // and both a generic and a specific consumer decode them.
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < records.size(); i++) {
      SpecificRecord expected = records.get(i);
      byte[] raw =
          SerdeRoundTripIT.<byte[]>readOne(
                  stack, topics.get(i), ByteArrayDeserializer.class, Map.of())
              .value();

      assertThat(raw[0]).as("magic byte").isEqualTo((byte) 0);
      int id = ByteBuffer.wrap(raw, 1, 4).getInt();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      Schema registered =
          new Schema.Parser().parse(json.readTree(answer.body()).path("schema").asText());
      assertThat(registered)
          .as("schema id %d of %s", id, topics.get(i))
          .isEqualTo(expected.getSchema());

      Object generic =
          readOne(
                  stack,
                  topics.get(i),
                  AvroDeserializer.class,
                  Map.of("schema.registry.url", stack.registryUrl()))
              .value();
      assertThat(generic).isInstanceOf(GenericRecord.class);
      assertThat(generic.toString()).isEqualTo(GenericRecordText.of(expected));

      Object specific =
          readOne(
                  stack,
                  topics.get(i),
                  AvroDeserializer.class,
                  Map.of("schema.registry.url", stack.registryUrl(), "specific.avro.reader", true))
              .value();
      assertThat(specific).isEqualTo(expected);
    }
  }

  private static <V> ConsumerRecord<String, V> readOne(
      StackEndpoints stack, String topic, Class<?> valueDeserializer, Map<String, Object> extra) {
    Map<String, Object> config =
        new java.util.HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "roundtrip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                valueDeserializer));
    config.putAll(extra);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          return record;
        }
      }
    }
    throw new AssertionError("No record arrived on " + topic + " within 60 s");
  }
}
