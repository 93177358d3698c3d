package io.lstmsignals.schemas.serde;

import io.lstmsignals.schemas.registry.SchemaRegistryClient;
import io.lstmsignals.schemas.registry.SchemaRegistryClients;
import io.lstmsignals.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated SpecificRecords or GenericRecords) in the Confluent wire format,
 * registering their schema under the configured subject on first use. A drop-in for Confluent's
 * {@code KafkaAvroSerializer}: the same config keys. Thread-safe, as a producer's serializer must
 * be.
 *
 * @param <T> the record type
 */
public class AvroSerializer<T> implements Serializer<T> {
  private AvroSerdeConfig config;
  private SchemaRegistryClient registry;
  private boolean isKey;
  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public AvroSerializer() {}

  /**
   * With a given registry client (e.g. shared by several serdes); {@link #configure} must follow.
   */
  public AvroSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs);
    this.isKey = isKey;
    if (registry == null) {
      registry = SchemaRegistryClients.create(config.registry());
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    if (!(record instanceof GenericContainer container)) {
      throw new SerializationException(
          "Cannot serialize a "
              + record.getClass().getName()
              + " for topic '"
              + topic
              + "': only Avro records (SpecificRecord or GenericRecord) are supported");
    }
    Schema schema = container.getSchema();
    String subject = config.subjectNameStrategy(isKey).subject(topic, isKey, schema);
    int id;
    try {
      id =
          config.autoRegisterSchemas()
              ? registry.register(subject, schema)
              : registry.idOf(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot serialize "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "' (subject '"
              + subject
              + "'): "
              + e.getMessage(),
          e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_LENGTH);
    WireFormat.writeHeader(header, id);
    out.writeBytes(header.array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      DatumWriter<Object> writer =
          record instanceof SpecificRecord
              ? specificWriters.computeIfAbsent(schema, AvroSerializer::specificWriter)
              : genericWriters.computeIfAbsent(schema, GenericDatumWriter::new);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + schema.getFullName() + " for topic '" + topic + "': " + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  private static DatumWriter<Object> specificWriter(Schema schema) {
    // The generated class's model carries its logical-type conversions (Instant for
    // timestamp-millis).
    return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }
}
