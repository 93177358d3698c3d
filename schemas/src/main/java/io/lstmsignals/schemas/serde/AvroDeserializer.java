package io.lstmsignals.schemas.serde;

import io.lstmsignals.schemas.registry.SchemaRegistryClient;
import io.lstmsignals.schemas.registry.SchemaRegistryClients;
import io.lstmsignals.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro: looks the writer schema up by the id in the header and decodes
 * with it. A drop-in for Confluent's {@code KafkaAvroDeserializer}. With {@code
 * specific.avro.reader=true} (or a target class) it returns generated classes, resolving the writer
 * schema to the class's schema, so a consumer built against a newer contract reads older data;
 * otherwise GenericRecords in the writer's schema.
 *
 * <p>Every failure is a {@link SerializationException} naming the topic, the schema id and what is
 * wrong.
 *
 * @param <T> the record type
 */
public class AvroDeserializer<T> implements Deserializer<T> {
  private final Class<? extends SpecificRecord> targetType;
  private SchemaRegistryClient registry;
  private boolean specific;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public AvroDeserializer() {
    this(null, null);
  }

  /**
   * @param targetType the generated class to read into, or null for the config's choice
   * @param registry a registry client to use, or null to create one from the config
   */
  public AvroDeserializer(
      Class<? extends SpecificRecord> targetType, SchemaRegistryClient registry) {
    this.targetType = targetType;
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    this.specific = targetType != null || config.specificAvroReader();
    if (registry == null) {
      registry = SchemaRegistryClients.create(config.registry());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    int id = WireFormat.schemaId(payload, topic);
    DatumReader<Object> reader;
    try {
      reader = readers.computeIfAbsent(id, this::readerFor);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot read record from topic '"
              + topic
              + "' written with schema id "
              + id
              + ": "
              + e.getMessage(),
          e);
    }
    int bodyLength = payload.length - WireFormat.HEADER_LENGTH;
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_LENGTH, bodyLength, null);
    try {
      Object value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "Record from topic '"
                + topic
                + "' (schema id "
                + id
                + ") has trailing"
                + " bytes after its Avro body: it is corrupt or framed with the wrong schema id");
      }
      return (T) value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException(
          "Cannot decode record from topic '"
              + topic
              + "' with schema id "
              + id
              + " ("
              + bodyLength
              + " body bytes): "
              + describe(e)
              + "; the payload is truncated or not written with that schema",
          e);
    }
  }

  private DatumReader<Object> readerFor(int id) {
    Schema writer = registry.schemaById(id);
    if (!specific) {
      return new GenericDatumReader<>(writer);
    }
    Schema reader =
        targetType != null
            ? SpecificData.get().getSchema(targetType)
            : specificSchemaOf(writer, id);
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  private Schema specificSchemaOf(Schema writer, int id) {
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
      throw new SchemaRegistryException(
          "specific.avro.reader is true but no generated class "
              + writer.getFullName()
              + " (schema id "
              + id
              + ") is on the classpath",
          null);
    }
    return SpecificData.get().getSchema(generated);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }
}
