package io.lstmsignals.trainer.app;

import io.lstmsignals.schemas.contract.BarFileName;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.BarRules;
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
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the bars come from: a CSV file or the bars topic; optionally a time range of them. The
 * symbol and interval of a CSV come from its name ({@link BarFileName}) unless given.
 */
final class DataOptions {

  /** The study's data, which {@code train} and {@code study} read unless told otherwise. */
  static final Path STUDY_DATA = Path.of("data/BTCUSDT-4h-2024.csv");

  @Option(
      names = "--data",
      paramLabel = "CSV",
      description =
          "Bar CSV named SYMBOL-INTERVAL[-suffix].csv (header open_time_utc,open,high,low,close,"
              + "volume). Default: ${DEFAULT-VALUE}")
  Path csv;

  @Option(
      names = "--interval",
      description = "Bar interval (15m, 1h, 4h, 1d). Default: from the --data file name")
  String interval;

  @Option(
      names = "--from-kafka",
      description =
          "Read the bars from the bars topic instead of --data (needs --symbol and --interval; the"
              + " broker, the registry and their security settings come from --config, --set,"
              + " --bootstrap-servers and --schema-registry-url)")
  boolean fromKafka;

  /**
   * The keys the trainer takes to reach Kafka and the registry: every service's connection keys.
   */
  static final ConfigSpec KAFKA = CommonKeys.connection(ConfigSpec.forService("trainer")).build();

  @Mixin ServiceOptions connection;

  /** The keys {@code --config}/{@code --set} may name; a command may widen them to its own. */
  ConfigSpec kafkaKeys = KAFKA;

  @Option(names = "--topic", description = "Bars topic. Default: the pipeline's bars topic")
  String topic;

  @Option(
      names = "--symbol",
      description = "Symbol of the bars. Default: from the --data file name")
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

  /** Options whose {@code --data} defaults to the study's data. */
  DataOptions() {
    this(STUDY_DATA);
  }

  private DataOptions(Path defaultCsv) {
    csv = defaultCsv;
  }

  /** Options that read bars only when {@code --data} or {@code --from-kafka} is given. */
  static DataOptions optional() {
    return new DataOptions(null);
  }

  /** Whether any bars were asked for. */
  boolean given() {
    return fromKafka || csv != null;
  }

  BarSource source() {
    if (!fromKafka) {
      return new CsvBarSource(requireCsv(), interval());
    }
    String barsTopic = topic == null ? Topics.BARS.name() : topic;
    Settings settings = connection.settings(kafkaKeys);
    Map<String, Object> clientConfig = CommonKeys.clientConfig(settings);
    Map<String, Object> serdeConfig = CommonKeys.serdeConfig(settings);
    StartupChecks.requireBrokerAndTopics(
        clientConfig, List.of(TopicUse.reads(barsTopic, "--topic")));
    StartupChecks.requireRegistry(serdeConfig);
    return new KafkaBarSource(
        clientConfig, serdeConfig, barsTopic, symbol(), interval(), kafkaTimeout);
  }

  /** Reads the bars and applies the time range. */
  BarSeries read() {
    BarSeries bars = source().read();
    if (from != null || to != null) {
      bars = bars.between(from == null ? Instant.MIN : from, to == null ? Instant.MAX : to);
    }
    return bars;
  }

  /**
   * @throws IllegalArgumentException if neither {@code --symbol} nor the file name says it, or it
   *     is not a valid symbol
   */
  String symbol() {
    String chosen = symbol != null ? symbol : fileName("--symbol").symbol();
    if (!BarRules.isValidSymbol(chosen)) {
      throw new IllegalArgumentException("--symbol " + chosen + ": " + BarRules.SYMBOL_RULE);
    }
    return chosen;
  }

  Duration interval() {
    return (interval != null ? BarInterval.parse(interval) : fileName("--interval").interval())
        .length();
  }

  private BarFileName fileName(String option) {
    if (fromKafka || csv == null) {
      throw new IllegalArgumentException(
          "Give " + option + (fromKafka ? " to read bars from Kafka" : " or --data"));
    }
    try {
      return BarFileName.of(csv);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", or give " + option, e);
    }
  }

  private Path requireCsv() {
    if (csv == null) {
      throw new IllegalArgumentException("Give the bars: --data CSV or --from-kafka");
    }
    return csv;
  }
}
