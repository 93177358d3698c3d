package io.lstmsignals.schemas.serde;

import java.util.Arrays;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a serializer names the registry subject of a schema. Configured, like Confluent's, with
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy}; Confluent's class names
 * are accepted.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one schema line per topic (the default). */
  TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
  /** The record's full name: one schema line per record type, across topics. */
  RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
  /** {@code <topic>-<record full name>}: several record types in one topic. */
  TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

  private final String confluentClassName;

  SubjectNameStrategy(String confluentClassName) {
    this.confluentClassName = confluentClassName;
  }

  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /** Parses a config value: a Confluent class name, its simple name, or this enum's name. */
  public static SubjectNameStrategy parse(String key, Object value) {
    if (value == null) {
      return TOPIC_NAME;
    }
    String text = value instanceof Class<?> c ? c.getName() : value.toString().trim();
    for (SubjectNameStrategy strategy : values()) {
      String simpleName =
          strategy.confluentClassName.substring(strategy.confluentClassName.lastIndexOf('.') + 1);
      if (text.equals(strategy.confluentClassName)
          || text.equals(simpleName)
          || text.toUpperCase(Locale.ROOT).equals(strategy.name())) {
        return strategy;
      }
    }
    throw new ConfigException(
        key,
        text,
        "must be one of " + Arrays.stream(values()).map(s -> s.confluentClassName).toList());
  }
}
