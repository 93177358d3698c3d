package io.lstmsignals.schemas.serde;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Configured Avro serdes for Kafka Streams, built from a config map holding at least {@code
 * schema.registry.url}. Topologies take their serdes from here explicitly; nothing sets default
 * serdes.
 */
public final class AvroSerdes {
  private AvroSerdes() {}

  /**
   * A serde of a generated record class; it reads older writer schemas into the class's current
   * schema.
   */
  public static <T extends SpecificRecord> Serde<T> specific(
      Class<T> type, Map<String, ?> config, boolean isKey) {
    AvroSerializer<T> serializer = new AvroSerializer<>();
    AvroDeserializer<T> deserializer = new AvroDeserializer<>(type, null);
    Serde<T> serde = Serdes.serdeFrom(serializer, deserializer);
    serde.configure(config, isKey);
    return serde;
  }

  /** A serde of GenericRecords in the writer's schema. */
  public static Serde<GenericRecord> generic(Map<String, ?> config, boolean isKey) {
    Serde<GenericRecord> serde = Serdes.serdeFrom(new AvroSerializer<>(), new AvroDeserializer<>());
    serde.configure(config, isKey);
    return serde;
  }
}
