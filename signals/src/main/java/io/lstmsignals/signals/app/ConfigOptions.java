package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.cli.StackConnectionDefaults;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The configuration options every subcommand shares: a properties file and key=value overrides. The
 * broker and the registry, when neither names them, are those of the running stack ({@code
 * LSTM_STACK_*}, as {@code bin/stack up} prints), else the local stack's default ports, like every
 * other command of the project.
 */
final class ConfigOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Properties file (keys: see SignalsConfig). bootstrap.servers and schema.registry.url default to"
              + " $LSTM_STACK_BOOTSTRAP_SERVERS / $LSTM_STACK_REGISTRY_URL, else localhost:9092 and"
              + " http://localhost:8081/apis/ccompat/v7.")
  Path file;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description =
          "Sets one key, over the file; repeatable, e.g. --set bootstrap.servers=localhost:9092.")
  Map<String, String> overrides = new LinkedHashMap<>();

  SignalsConfig load() throws IOException {
    Properties properties = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    }
    properties.putAll(overrides);
    properties.putIfAbsent(
        SignalsConfig.BOOTSTRAP_SERVERS,
        fromEnvironment(
            StackConnectionDefaults.BOOTSTRAP_SERVERS_ENV,
            StackConnectionDefaults.LOCAL_BOOTSTRAP_SERVERS));
    properties.putIfAbsent(
        SignalsConfig.REGISTRY_URL,
        fromEnvironment(
            StackConnectionDefaults.REGISTRY_URL_ENV, StackConnectionDefaults.LOCAL_REGISTRY_URL));
    return SignalsConfig.from(properties);
  }

  private static String fromEnvironment(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : value;
  }
}
