package io.lstmsignals.service.cli;

import io.lstmsignals.service.config.ConfigSources;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.Settings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a command that runs a service: {@code --config FILE}, {@code --set KEY=VALUE} and
 * the connection options; {@link #settings} reads them with the environment into the service's
 * {@link ConfigSpec} (precedence in {@link ConfigSources}).
 */
public final class ServiceOptions {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A properties file of settings (samples: ops/config/).")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A setting, over the file and the LSTM_CONF_* environment; repeatable.")
  Map<String, String> sets = new LinkedHashMap<>();

  /** The {@code --set} pairs, in the order given. */
  public Map<String, String> sets() {
    return Collections.unmodifiableMap(sets);
  }

  /**
   * The service's settings from every source.
   *
   * @throws io.lstmsignals.service.config.InvalidConfigurationException listing every problem
   */
  public Settings settings(ConfigSpec spec) {
    return settings(spec, Map.of());
  }

  /**
   * The service's settings from every source, with the values of the command's own options on top
   * (keys the options set; absent ones left out).
   */
  public Settings settings(ConfigSpec spec, Map<String, String> options) {
    Map<String, String> explicit = new LinkedHashMap<>(options);
    explicit.putAll(connection.given());
    return spec.parse(ConfigSources.gather(file, System.getenv(), sets, explicit));
  }
}
