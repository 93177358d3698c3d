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
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * Where a service's configuration values come from, in rising precedence: the running stack's
 * environment for the two connection keys ({@code LSTM_STACK_BOOTSTRAP_SERVERS}, {@code
 * LSTM_STACK_REGISTRY_URL}, as {@code bin/stack up} prints them), a properties file, environment
 * variables {@code LSTM_CONF_<KEY>} (the key upper-cased, dots as underscores, e.g. {@code
 * LSTM_CONF_SCORER_MODEL_NAME} for {@code scorer.model.name}: what docker-compose sets), then
 * {@code --set KEY=VALUE} pairs, then dedicated command-line options. Any value may refer to a
 * secret kept elsewhere: {@code ${env:NAME}}, {@code ${file:/path/file.properties:key}}, {@code
 * ${dir:/path:file}} ({@link #resolved}).
 */
public final class ConfigSources {

  /** Prefix of the environment variables that hold configuration keys. */
  public static final String ENV_PREFIX = "LSTM_CONF_";

  /** The running stack's broker, read when no other source names one. */
  public static final String STACK_BOOTSTRAP_SERVERS_ENV = "LSTM_STACK_BOOTSTRAP_SERVERS";

  /** The running stack's Confluent-compatible registry URL, likewise. */
  public static final String STACK_REGISTRY_URL_ENV = "LSTM_STACK_REGISTRY_URL";

  private static final java.util.regex.Pattern UNRESOLVED =
      java.util.regex.Pattern.compile("\\$\\{(env|file|dir):[^}]*}");

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

  /**
   * Replaces every {@code ${env:NAME}}, {@code ${file:/path/file.properties:key}} and {@code
   * ${dir:/path:file}} in the values with what it names (Kafka's {@link EnvVarConfigProvider},
   * {@link FileConfigProvider} and {@link DirectoryConfigProvider}), so that secrets live in the
   * environment or in files of their own rather than in a settings file.
   *
   * @param problems receives, by key, one line per value whose reference names nothing
   */
  static Map<String, Object> resolved(Map<String, ?> values, Map<String, String> problems) {
    Map<String, String> references = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (value instanceof String text && text.contains("${")) {
            references.put(key, text);
          }
        });
    Map<String, Object> resolved = new LinkedHashMap<>(values);
    if (references.isEmpty()) {
      return resolved;
    }
    Map<String, ConfigProvider> providers = new LinkedHashMap<>();
    providers.put("env", new EnvVarConfigProvider());
    providers.put("file", new FileConfigProvider());
    providers.put("dir", new DirectoryConfigProvider());
    providers.values().forEach(provider -> provider.configure(Map.of()));
    Map<String, String> data;
    try {
      data = new ConfigTransformer(providers).transform(references).data();
    } catch (ConfigException e) {
      problems.put(
          references.keySet().iterator().next(),
          "A ${...} reference of the configuration cannot be read: " + e.getMessage());
      return resolved;
    } finally {
      providers.values().forEach(ConfigSources::closeQuietly);
    }
    data.forEach(
        (key, value) -> {
          java.util.regex.Matcher left = UNRESOLVED.matcher(value);
          if (left.find()) {
            problems.put(
                key,
                "Invalid value "
                    + left.group()
                    + " for configuration "
                    + key
                    + ": it names nothing (no such environment variable, file or key)");
          }
          resolved.put(key, value);
        });
    return resolved;
  }

  private static void closeQuietly(ConfigProvider provider) {
    try {
      provider.close();
    } catch (IOException e) {
      // Providers hold nothing open between calls; closing cannot lose anything.
    }
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
