package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads the whole P&amp;L topic (committed records, up to its end at the start of the command) and writes the report
 * of every symbol and the portfolio for a time range: {@code report.md} plus one equity SVG per series.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a Markdown + SVG performance report (per symbol and portfolio) from the P&L topic.")
final class ReportCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "signals-report", paramLabel = "DIR",
      description = "Directory for report.md and the charts (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--from", paramLabel = "INSTANT", description = "First bar close time, e.g. 2024-09-25T00:00:00Z.")
  Instant from = Instant.EPOCH;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Bars closing before this instant (default: all).")
  Instant to = Instant.parse("9999-12-31T00:00:00Z");

  @Override
  public Integer call() throws Exception {
    SignalsConfig config = options.load();
    SequencedMap<String, List<PnlPoint>> series = readSeries(config);
    Path file = new PerformanceReport(series, from, to).write(out);
    spec.commandLine().getOut().println("Wrote " + file.toAbsolutePath() + " (" + series.size() + " series)");
    return 0;
  }

  private static SequencedMap<String, List<PnlPoint>> readSeries(SignalsConfig config) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "signals-report-" + UUID.randomUUID());
    AvroDeserializer<PnlSnapshot> values = new AvroDeserializer<>(PnlSnapshot.class, null);
    values.configure(config.serdeConfig(), false);
    Map<String, List<PnlSnapshot>> symbols = new TreeMap<>();
    Map<String, List<PnlSnapshot>> portfolios = new TreeMap<>();
    try (KafkaConsumer<String, PnlSnapshot> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      String topic = config.pnlTopic();
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, PnlSnapshot> record : consumer.poll(Duration.ofMillis(500))) {
          PnlSnapshot snapshot = record.value();
          (snapshot.getScope() == PnlScope.PORTFOLIO ? portfolios : symbols)
              .computeIfAbsent(snapshot.getSymbol(), k -> new ArrayList<>()).add(snapshot);
        }
      }
    }
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    symbols.forEach((name, list) -> series.put(name, points(list)));
    portfolios.forEach((name, list) -> series.put(name + " (portfolio)", points(list)));
    return series;
  }

  private static List<PnlPoint> points(List<PnlSnapshot> snapshots) {
    return snapshots.stream()
        .sorted(Comparator.comparing(PnlSnapshot::getBarCloseTime))
        .map(s -> new PnlPoint(s.getBarCloseTime().toEpochMilli(), s.getPosition(), s.getBarReturn(),
            s.getStrategyReturn()))
        .toList();
  }
}
