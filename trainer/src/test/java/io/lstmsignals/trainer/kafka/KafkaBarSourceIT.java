package io.lstmsignals.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.OhlcvBar;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.testing.StudyData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retraining reads history from the bars topic with the same code: the Kafka source must equal the
 * CSV source.
 */
@WithStack
@Timeout(300)
class KafkaBarSourceIT {

  private static final Duration FOUR_HOURS = Duration.ofHours(4);

  @Test
  void shouldReadBackExactlyTheStudyBarsFromTheBarsTopic(StackEndpoints stack) throws Exception {
    // Given the study CSV's bars on a fresh bars topic, spread over 3 partitions' worth of keys,
    // together with
    // another symbol, another interval and one bar published twice (a replay)
    BarSeries csv = StudyData.bars();
    String topic = "trainer-bars-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(
              List.of(
                  Topics.BARS
                      .named(topic)
                      .spec()
                      .withPartitions(3)
                      .withReplicationFactor((short) 1)));
    }
    Map<String, Object> config =
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
    try (KafkaProducer<String, Bar> producer = new KafkaProducer<>(config)) {
      for (OhlcvBar bar : csv.bars()) {
        producer.send(new ProducerRecord<>(topic, "BTCUSDT", toAvro("BTCUSDT", "4h", bar)));
      }
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", toAvro("BTCUSDT", "4h", csv.bar(10))));
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", toAvro("BTCUSDT", "1h", csv.bar(11))));
      producer.send(new ProducerRecord<>(topic, "ETHUSDT", toAvro("ETHUSDT", "4h", csv.bar(12))));
      producer.flush();
    }

    // When the trainer reads BTCUSDT 4h history through its Kafka source
    BarSeries kafka =
        new KafkaBarSource(
                Map.of("bootstrap.servers", stack.bootstrapServers()),
                AvroSerdeConfig.specificRecords(stack.registryUrl()),
                topic,
                "BTCUSDT",
                FOUR_HOURS,
                Duration.ofMinutes(2))
            .read();

    // Then it returns exactly the CSV's bars, and the prepared training data is identical
    assertThat(kafka.bars()).isEqualTo(csv.bars());
    assertThat(kafka.source()).isEqualTo("kafka:" + topic + "/BTCUSDT/4h");
    StudyDataset fromKafka = StudyDataset.prepare(kafka, Feature.STUDY, 48);
    StudyDataset fromCsv = StudyDataset.prepare(csv, Feature.STUDY, 48);
    assertThat(fromKafka.scaledFeatures()).isDeepEqualTo(fromCsv.scaledFeatures());
    assertThat(fromKafka.featureScaler()).isEqualTo(fromCsv.featureScaler());
  }

  private static Bar toAvro(String symbol, String interval, OhlcvBar bar) {
    return Bar.newBuilder()
        .setSymbol(symbol)
        .setInterval(interval)
        .setOpenTime(bar.openTime())
        .setCloseTime(bar.openTime().plus(FOUR_HOURS))
        .setOpen(bar.open())
        .setHigh(bar.high())
        .setLow(bar.low())
        .setClose(bar.close())
        .setVolume(bar.volume())
        .setSource("replay:BTCUSDT-4h-2024.csv")
        .build();
  }
}
