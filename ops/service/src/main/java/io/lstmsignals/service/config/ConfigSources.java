package io.lstmsignals.service.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a service's configuration values come from, in rising precedence: the running stack's
 * environment for the two connection keys ({@code LSTM_STACK_BOOTSTRAP_SERVERS}, {@code
 * LSTM_STACK_REGISTRY_URL}, as {@code bin/stack up} prints them), a properties file, environment
 * variables {@code LSTM_CONF_<KEY>} (the key upper-cased, dots as underscores, e.g. {@code
 * LSTM_CONF_SCORER_MODEL_NAME} for {@code scorer.model.name}: what docker-compose sets), then
 * {@code --set KEY=VALUE} pairs, then dedicated command-line options.
 */
public final class ConfigSources {

  /** Prefix of the environment variables that hold configuration keys. */
  public static final String ENV_PREFIX = "LSTM_CONF_";

  /** The running stack's broker, read when no other source names one. */
  public static final String STACK_BOOTSTRAP_SERVERS_ENV = "LSTM_STACK_BOOTSTRAP_SERVERS";

  /** The running stack's Confluent-compatible registry URL, likewise. */
  public static final String STACK_REGISTRY_URL_ENV = "LSTM_STACK_REGISTRY_URL";

  private ConfigSources() {}

  /**
   * Gathers the values of every source.
   *
   * @param file a properties file, or null
   * @param environment the process environment (System.getenv() in services, a map in tests)
   * @param sets {@code --set} pairs in command-line order
   * @param explicit values of dedicated options that were given (absent ones left out)
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static Map<String, Object> gather(
      Path file,
      Map<String, String> environment,
      Map<String, String> sets,
      Map<String, String> explicit) {
    Map<String, Object> values = new LinkedHashMap<>();
    putIfPresent(
        values, CommonKeys.BOOTSTRAP_SERVERS, environment.get(STACK_BOOTSTRAP_SERVERS_ENV));
    putIfPresent(values, CommonKeys.SCHEMA_REGISTRY_URL, environment.get(STACK_REGISTRY_URL_ENV));
    if (file != null) {
      values.putAll(read(file));
    }
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            values.put(keyOf(name), value);
          }
        });
    values.putAll(sets);
    values.putAll(explicit);
    return values;
  }

  /** The environment variable that sets {@code key}: {@code LSTM_CONF_} + KEY_WITH_UNDERSCORES. */
  public static String environmentVariableOf(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The key an {@code LSTM_CONF_*} environment variable sets. */
  public static String keyOf(String environmentVariable) {
    return environmentVariable
        .substring(ENV_PREFIX.length())
        .toLowerCase(Locale.ROOT)
        .replace('_', '.');
  }

  private static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "Configuration file "
              + file
              + " not found (working directory "
              + Path.of("").toAbsolutePath()
              + ")",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Configuration file " + file + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  private static void putIfPresent(Map<String, Object> values, String key, String value) {
    if (value != null && !value.isBlank()) {
      values.put(key, value);
    }
  }
}
