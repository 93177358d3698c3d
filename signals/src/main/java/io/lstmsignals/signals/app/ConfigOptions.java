package io.lstmsignals.signals.app;

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

/** The configuration options every subcommand shares: a properties file and key=value overrides. */
final class ConfigOptions {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Properties file (keys: see SignalsConfig; bootstrap.servers and schema.registry.url required).")
  Path file;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
      description = "Sets one key, over the file; repeatable, e.g. --set bootstrap.servers=localhost:9092.")
  Map<String, String> overrides = new LinkedHashMap<>();

  SignalsConfig load() throws IOException {
    Properties properties = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    }
    properties.putAll(overrides);
    return SignalsConfig.from(properties);
  }
}
