package io.lstmsignals.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Framing and decoding through the in-memory registry; the real registry is exercised by
 * SerdeRoundTripIT.
 */
class AvroSerdeTest {
  private static final String SCOPE = "avro-serde-test";
  private static final Map<String, Object> CONFIG =
      Map.of("schema.registry.url", "mock://" + SCOPE);

  private AvroSerializer<SpecificRecord> serializer;
  private AvroDeserializer<Object> specificReader;
  private AvroDeserializer<Object> genericReader;

  @BeforeEach
  void setUp() {
    serializer = new AvroSerializer<>();
    serializer.configure(CONFIG, false);
    specificReader = new AvroDeserializer<>();
    specificReader.configure(
        Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", "true"), false);
    genericReader = new AvroDeserializer<>();
    genericReader.configure(CONFIG, false);
  }

  @AfterEach
  void tearDown() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldRoundTripEveryContractAsSpecificAndGeneric() {
    for (SpecificRecord record : SampleRecords.all()) {
      String topic = record.getSchema().getName();
      byte[] bytes = serializer.serialize(topic, record);

      assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
      assertThat(specificReader.deserialize(topic, bytes)).isEqualTo(record);
      GenericRecord generic = (GenericRecord) genericReader.deserialize(topic, bytes);
      assertThat(generic.getSchema()).isEqualTo(record.getSchema());
      assertThat(generic.toString()).isEqualTo(GenericRecordText.of(record));
    }
  }

  @Test
  void shouldWriteTheRegisteredIdBigEndianAfterTheMagicByte() {
    byte[] bytes = serializer.serialize("bars", SampleRecords.bar());

    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(InMemorySchemaRegistry.forScope(SCOPE).schemaById(id))
        .isEqualTo(Bar.getClassSchema());
    assertThat(InMemorySchemaRegistry.forScope(SCOPE).idOf("bars-value", Bar.getClassSchema()))
        .isEqualTo(id);
  }

  @Test
  void shouldRejectAWrongMagicByteNamingTopicAndByte() {
    byte[] bytes = serializer.serialize("bars", SampleRecords.bar());
    bytes[0] = 7;

    assertThatThrownBy(() -> specificReader.deserialize("bars", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic 'bars'")
        .hasMessageContaining("0x07")
        .hasMessageContaining("magic byte 0x00");
  }

  @Test
  void shouldRejectAnUnknownSchemaIdNamingIt() {
    byte[] bytes = serializer.serialize("bars", SampleRecords.bar());
    ByteBuffer.wrap(bytes).putInt(1, 4242);

    assertThatThrownBy(() -> specificReader.deserialize("bars", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 4242")
        .hasMessageContaining("mock://" + SCOPE)
        .hasMessageContaining("404");
  }

  @Test
  void shouldRejectATruncatedPayload() {
    byte[] bytes = serializer.serialize("bars", SampleRecords.bar());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 9);

    assertThatThrownBy(() -> specificReader.deserialize("bars", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic 'bars'")
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRejectAPayloadShorterThanTheHeader() {
    assertThatThrownBy(() -> specificReader.deserialize("bars", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes")
        .hasMessageContaining("5-byte header");
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = serializer.serialize("bars", SampleRecords.bar());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

    assertThatThrownBy(() -> specificReader.deserialize("bars", longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void shouldPassNullsThroughAsTombstones() {
    assertThat(serializer.serialize("bars", null)).isNull();
    assertThat(specificReader.deserialize("bars", null)).isNull();
  }

  @Test
  void shouldRefuseToLookUpAnUnregisteredSchemaWhenAutoRegisterIsOff() {
    AvroSerializer<SpecificRecord> strict = new AvroSerializer<>();
    strict.configure(
        Map.of("schema.registry.url", "mock://" + SCOPE, "auto.register.schemas", "false"), false);

    assertThatThrownBy(() -> strict.serialize("fresh-topic", SampleRecords.bar()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("subject 'fresh-topic-value'")
        .hasMessageContaining("not registered");
  }

  @Test
  void shouldNameSubjectsByTheConfiguredStrategy() {
    AvroSerializer<SpecificRecord> byRecord = new AvroSerializer<>();
    byRecord.configure(
        Map.of(
            "schema.registry.url",
            "mock://" + SCOPE,
            "value.subject.name.strategy",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
        false);

    byRecord.serialize("any-topic", SampleRecords.bar());

    assertThat(
            InMemorySchemaRegistry.forScope(SCOPE)
                .idOf("io.lstmsignals.schemas.avro.Bar", Bar.getClassSchema()))
        .isPositive();
  }
}
