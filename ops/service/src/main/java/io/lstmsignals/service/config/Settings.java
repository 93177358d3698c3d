package io.lstmsignals.service.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;

/**
 * A parsed, valid configuration of one service (see {@link ConfigSpec#parse}): every declared key
 * with its typed value, and the pass-through keys per prefix. Immutable.
 */
public final class Settings {
  private final ConfigSpec spec;
  private final Map<String, Object> values;
  private final Map<String, Map<String, Object>> passThrough;
  private final Set<String> given;

  Settings(
      ConfigSpec spec,
      Map<String, Object> values,
      Map<String, Map<String, Object>> passThrough,
      Set<String> given) {
    this.spec = spec;
    this.given = Set.copyOf(given);
    this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    passThrough.forEach((prefix, keys) -> copy.put(prefix, Map.copyOf(keys)));
    this.passThrough = java.util.Collections.unmodifiableMap(copy);
  }

  public String string(String key) {
    return (String) value(key);
  }

  public int integer(String key) {
    return (Integer) value(key);
  }

  public short shortValue(String key) {
    return (Short) value(key);
  }

  public long longValue(String key) {
    return (Long) value(key);
  }

  public double decimal(String key) {
    return (Double) value(key);
  }

  public boolean bool(String key) {
    return (Boolean) value(key);
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String key) {
    return (List<String>) value(key);
  }

  /** A secret's value; never log it (see {@link #describe()}). */
  public String secret(String key) {
    Password password = (Password) value(key);
    return password == null ? null : password.value();
  }

  /**
   * The Kafka client security settings to give every client: {@code security.protocol}, and each
   * {@code ssl.*} / {@code sasl.*} key that was set (secrets stay {@link Password}s, which Kafka
   * clients take and never print).
   */
  public Map<String, Object> kafkaSecurity() {
    Map<String, Object> security = new LinkedHashMap<>();
    for (String key : spec.kafkaSecurityKeys()) {
      Object value = values.get(key);
      if (value != null && (given.contains(key) || key.equals("security.protocol"))) {
        security.put(key, value);
      }
    }
    return security;
  }

  /** Whether the configuration set {@code key}, rather than leaving it at its default. */
  public boolean isGiven(String key) {
    return given.contains(key);
  }

  /** The keys given under a pass-through prefix, without the prefix, e.g. {@code streams.}. */
  public Map<String, Object> passThrough(String prefix) {
    Map<String, Object> keys = passThrough.get(prefix);
    if (keys == null) {
      throw new IllegalArgumentException(
          "No pass-through prefix " + prefix + " in the " + spec.service() + " configuration");
    }
    return keys;
  }

  private Object value(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException(
          "No key " + key + " in the " + spec.service() + " configuration");
    }
    return values.get(key);
  }

  /** Every key and value, secrets masked; for the start-up log line. */
  public String describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((key, value) -> shown.put(key, spec.isSecret(key) ? "[hidden]" : text(value)));
    passThrough.forEach(
        (prefix, keys) ->
            keys.forEach(
                (key, value) ->
                    shown.put(
                        prefix + key, spec.isSecret(prefix + key) ? "[hidden]" : text(value))));
    return shown.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return value instanceof Password ? "[hidden]" : String.valueOf(value);
  }

  @Override
  public String toString() {
    return spec.service() + " settings [" + describe() + "]";
  }
}
