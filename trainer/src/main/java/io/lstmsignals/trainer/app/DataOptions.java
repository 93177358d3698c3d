package io.lstmsignals.trainer.app;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.BarSource;
import io.lstmsignals.trainer.data.CsvBarSource;
import io.lstmsignals.trainer.kafka.KafkaBarSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the bars come from: a CSV file (default) or the bars topic; optionally a time range of
 * them.
 */
final class DataOptions {

  @Option(
      names = "--data",
      defaultValue = "data/BTCUSDT-4h-2024.csv",
      description =
          "Bar CSV (header open_time_utc,open,high,low,close,volume). Default: ${DEFAULT-VALUE}")
  Path csv;

  @Option(
      names = "--interval",
      defaultValue = "4h",
      description = "Bar interval (15m, 1h, 4h, 1d). Default: 4h")
  String interval;

  @Option(
      names = "--from-kafka",
      description =
          "Read the bars from the bars topic instead of --data (needs --symbol; the broker, the"
              + " registry and their security settings come from --config, --set,"
              + " --bootstrap-servers and --schema-registry-url)")
  boolean fromKafka;

  /**
   * The keys the trainer takes to reach Kafka and the registry: every service's connection keys.
   */
  static final ConfigSpec KAFKA = CommonKeys.connection(ConfigSpec.forService("trainer")).build();

  @Mixin ServiceOptions connection;

  @Option(names = "--topic", description = "Bars topic. Default: the pipeline's bars topic")
  String topic;

  @Option(
      names = "--symbol",
      description =
          "Symbol of the bars (required with Kafka; for a CSV, default: the file name up to its first '-')")
  String symbol;

  @Option(names = "--from", description = "Only bars opening at or after this ISO-8601 instant")
  Instant from;

  @Option(names = "--to", description = "Only bars opening before this ISO-8601 instant")
  Instant to;

  @Option(
      names = "--kafka-timeout",
      defaultValue = "PT2M",
      description = "How long reading Kafka may take")
  Duration kafkaTimeout;

  BarSource source() {
    Duration barInterval = BarInterval.parse(interval).length();
    if (!fromKafka) {
      return new CsvBarSource(csv, barInterval);
    }
    if (symbol == null) {
      throw new IllegalArgumentException("Reading bars from Kafka needs --symbol");
    }
    String barsTopic = topic == null ? Topics.BARS.name() : topic;
    Settings settings = connection.settings(KAFKA);
    Map<String, Object> clientConfig = CommonKeys.clientConfig(settings);
    Map<String, Object> serdeConfig = CommonKeys.serdeConfig(settings);
    StartupChecks.requireBrokerAndTopics(
        clientConfig, List.of(TopicUse.reads(barsTopic, "--topic")));
    StartupChecks.requireRegistry(serdeConfig);
    return new KafkaBarSource(
        clientConfig, serdeConfig, barsTopic, symbol, barInterval, kafkaTimeout);
  }

  /** Reads the bars and applies the time range. */
  BarSeries read() {
    BarSeries bars = source().read();
    if (from != null || to != null) {
      bars = bars.between(from == null ? Instant.MIN : from, to == null ? Instant.MAX : to);
    }
    return bars;
  }

  String symbol() {
    if (symbol != null) {
      return symbol;
    }
    String name = csv.getFileName().toString();
    int dash = name.indexOf('-');
    String prefix =
        (dash > 0 ? name.substring(0, dash) : name.replaceFirst("\\.csv$", ""))
            .toUpperCase(Locale.ROOT);
    return prefix.matches("[A-Z0-9]+") ? prefix : "UNKNOWN";
  }

  Duration interval() {
    return BarInterval.parse(interval).length();
  }
}
