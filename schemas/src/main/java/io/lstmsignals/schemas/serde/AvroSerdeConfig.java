package io.lstmsignals.schemas.serde;

import io.lstmsignals.schemas.registry.RegistryClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's settings, read from Confluent's keys: {@code auto.register.schemas} (default true),
 * {@code specific.avro.reader} (default false), {@code key.subject.name.strategy} / {@code
 * value.subject.name.strategy} (default TopicNameStrategy), plus the registry keys of {@link
 * RegistryClientConfig}.
 */
public record AvroSerdeConfig(
    RegistryClientConfig registry,
    boolean autoRegisterSchemas,
    boolean specificAvroReader,
    SubjectNameStrategy keySubjectNameStrategy,
    SubjectNameStrategy valueSubjectNameStrategy) {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /**
   * The settings of serdes that read generated classes from the registry at {@code registryUrl}:
   * how every stage configures its serdes.
   */
  public static Map<String, Object> specificRecords(String registryUrl) {
    Map<String, Object> config = new HashMap<>();
    config.put(RegistryClientConfig.URL, registryUrl);
    config.put(SPECIFIC_AVRO_READER, true);
    return config;
  }

  public static AvroSerdeConfig from(Map<String, ?> configs) {
    return new AvroSerdeConfig(
        RegistryClientConfig.from(configs),
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, SPECIFIC_AVRO_READER, false),
        SubjectNameStrategy.parse(
            KEY_SUBJECT_NAME_STRATEGY, configs.get(KEY_SUBJECT_NAME_STRATEGY)),
        SubjectNameStrategy.parse(
            VALUE_SUBJECT_NAME_STRATEGY, configs.get(VALUE_SUBJECT_NAME_STRATEGY)));
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key, value, "must be true or false");
  }
}
