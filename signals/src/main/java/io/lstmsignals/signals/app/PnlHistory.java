package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the committed P&amp;L topic back into per-series points, for reports. */
public final class PnlHistory {
  private PnlHistory() {}

  /**
   * Every P&amp;L series in the topic, up to its end when called: symbols by name, then portfolios
   * as {@code "<name> (portfolio)"}, each sorted by bar close time.
   */
  public static SequencedMap<String, List<PnlPoint>> read(SignalsConfig config) {
    Map<String, Object> props = config.clientConfig();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "signals-report-" + UUID.randomUUID());
    AvroDeserializer<PnlSnapshot> values = new AvroDeserializer<>(PnlSnapshot.class, null);
    values.configure(config.serdeConfig(), false);
    Map<String, List<PnlSnapshot>> symbols = new TreeMap<>();
    Map<String, List<PnlSnapshot>> portfolios = new TreeMap<>();
    try (KafkaConsumer<String, PnlSnapshot> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      String topic = config.pnl().name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<String, PnlSnapshot> record : consumer.poll(Duration.ofMillis(500))) {
          PnlSnapshot snapshot = record.value();
          (snapshot.getScope() == PnlScope.PORTFOLIO ? portfolios : symbols)
              .computeIfAbsent(snapshot.getSymbol(), k -> new ArrayList<>())
              .add(snapshot);
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
        .map(
            s ->
                new PnlPoint(
                    s.getBarCloseTime().toEpochMilli(),
                    s.getPosition(),
                    s.getBarReturn(),
                    s.getStrategyReturn()))
        .toList();
  }
}
