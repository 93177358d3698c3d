package io.lstmsignals.schemas.topic;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic of the pipeline with its contract: the name and configuration it is created with, its key
 * (a UTF-8 string: the symbol, or the model line) and its value (an Avro record in the Confluent
 * wire format). Every source and sink takes its name and serdes from here, so a topic cannot be
 * read with the wrong serde. Immutable; {@link #named} gives the same contract under another name
 * (a test's or a replay's copy).
 *
 * @param <K> the key's type
 * @param <V> the value's generated Avro class
 */
public final class Topic<K, V extends SpecificRecord> {
  private final TopicSpec spec;
  private final Supplier<Serde<K>> keySerde;
  private final Class<V> valueType;

  private Topic(TopicSpec spec, Supplier<Serde<K>> keySerde, Class<V> valueType) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  /** A topic of Avro {@code valueType} values keyed by UTF-8 strings. */
  public static <V extends SpecificRecord> Topic<String, V> keyedByString(
      TopicSpec spec, Class<V> valueType) {
    return new Topic<>(spec, Serdes::String, valueType);
  }

  public String name() {
    return spec.name();
  }

  public TopicSpec spec() {
    return spec;
  }

  public Class<V> valueType() {
    return valueType;
  }

  /** The same contract under another name. */
  public Topic<K, V> named(String name) {
    return name.equals(spec.name()) ? this : new Topic<>(spec.withName(name), keySerde, valueType);
  }

  /** The same topic with another spec (partitions, replication factor). */
  public Topic<K, V> withSpec(TopicSpec newSpec) {
    return new Topic<>(newSpec, keySerde, valueType);
  }

  /** Its dead-letter topic: {@code <name>.dlq}, keyed like it (see {@link Topics#deadLetterOf}). */
  public Topic<K, DeadLetter> deadLetters() {
    return new Topic<>(Topics.deadLetterSpec(spec), keySerde, DeadLetter.class);
  }

  /** The key serde. */
  public Serde<K> keySerde() {
    return keySerde.get();
  }

  /**
   * The value serde, configured.
   *
   * @param serdeConfig the registry settings ({@code schema.registry.url}, ...)
   */
  public Serde<V> valueSerde(Map<String, ?> serdeConfig) {
    return Serdes.serdeFrom(valueSerializer(serdeConfig), valueDeserializer(serdeConfig));
  }

  /** The value serializer, configured. */
  public Serializer<V> valueSerializer(Map<String, ?> serdeConfig) {
    AvroSerializer<V> serializer = new AvroSerializer<>();
    serializer.configure(serdeConfig, false);
    return serializer;
  }

  /** The value deserializer, configured; it reads older writer schemas into {@code V}. */
  public Deserializer<V> valueDeserializer(Map<String, ?> serdeConfig) {
    AvroDeserializer<V> deserializer = new AvroDeserializer<>(valueType, null);
    deserializer.configure(serdeConfig, false);
    return deserializer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topic<?, ?> other
        && spec.equals(other.spec)
        && valueType.equals(other.valueType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, valueType);
  }

  @Override
  public String toString() {
    return "Topic[" + spec.name() + ", " + valueType.getSimpleName() + "]";
  }
}
