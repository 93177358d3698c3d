package io.lstmsignals.service.cli;

import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSources;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} and {@code --schema-registry-url}: the same two options, read the
 * same way, on every command. Unset, they fall back to the running stack's environment ({@code
 * LSTM_STACK_BOOTSTRAP_SERVERS}, {@code LSTM_STACK_REGISTRY_URL}), then the local stack's ports.
 */
public final class ConnectionOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      // One line per address: picocli wraps at ':' and '/' too, which would split them.
      description = {
        "Kafka brokers. Default: $" + ConfigSources.STACK_BOOTSTRAP_SERVERS_ENV,
        "(bin/stack up prints it), else " + CommonKeys.LOCAL_BOOTSTRAP_SERVERS + "."
      })
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      description = {
        "Confluent-compatible schema registry. Default:",
        "$" + ConfigSources.STACK_REGISTRY_URL_ENV + ", else",
        CommonKeys.LOCAL_REGISTRY_URL + "."
      })
  String registryUrl;

  /** The brokers: the option, else the stack's environment, else the local stack's. */
  public String bootstrapServers() {
    return resolve(
        bootstrapServers,
        ConfigSources.STACK_BOOTSTRAP_SERVERS_ENV,
        CommonKeys.LOCAL_BOOTSTRAP_SERVERS);
  }

  /** The registry URL: the option, else the stack's environment, else the local stack's. */
  public String registryUrl() {
    return resolve(
        registryUrl, ConfigSources.STACK_REGISTRY_URL_ENV, CommonKeys.LOCAL_REGISTRY_URL);
  }

  /** The options that were given, as configuration keys (for {@link ConfigSources#gather}). */
  public Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    if (bootstrapServers != null) {
      given.put(CommonKeys.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      given.put(CommonKeys.SCHEMA_REGISTRY_URL, registryUrl);
    }
    return given;
  }

  private static String resolve(String option, String environmentVariable, String fallback) {
    if (option != null) {
      return option;
    }
    String fromEnvironment = System.getenv(environmentVariable);
    return fromEnvironment == null || fromEnvironment.isBlank() ? fallback : fromEnvironment;
  }
}
