package io.lstmsignals.signals.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the signals, P&amp;L, dead-letter and model-events topics from their beginning, committed
 * records only ({@code read_committed}, no consumer group), and feeds {@link DashboardState}.
 * Topics that do not exist yet (the model-events topic until the retrainer creates it) are looked
 * for again every few seconds. A record that cannot be decoded is logged and skipped.
 */
final class DashboardFeed implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
  private static final Duration TOPIC_CHECK = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignalsConfig config;
  private final DashboardState state;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AvroDeserializer<Signal> signals;
  private final AvroDeserializer<PnlSnapshot> pnl;
  private final AvroDeserializer<ModelEvent> modelEvents;
  private final Set<String> assigned = new HashSet<>();
  private volatile boolean stopped;

  DashboardFeed(SignalsConfig config, DashboardState state) {
    this.config = config;
    this.state = state;
    Properties props = new Properties();
    props.putAll(config.clientConfig());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Reading a missing topic must not create it (the model-events topic is the retrainer's).
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "signals-dashboard-" + UUID.randomUUID());
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.signals = new AvroDeserializer<>(Signal.class, null);
    signals.configure(config.serdeConfig(), false);
    this.pnl = new AvroDeserializer<>(PnlSnapshot.class, null);
    pnl.configure(config.serdeConfig(), false);
    this.modelEvents = new AvroDeserializer<>(ModelEvent.class, null);
    modelEvents.configure(config.serdeConfig(), false);
  }

  /** The dead-letter topics whose records the dashboard counts. */
  static List<String> deadLetterTopics(SignalsConfig config) {
    return List.of(
        config.bars().deadLetters().name(),
        config.signals().deadLetters().name(),
        config.models().deadLetters().name());
  }

  private List<String> topics() {
    List<String> topics = new ArrayList<>();
    topics.add(config.signals().name());
    topics.add(config.pnl().name());
    topics.addAll(deadLetterTopics(config));
    topics.add(config.modelEvents().name());
    return topics;
  }

  @Override
  public void run() {
    long nextCheck = 0;
    try {
      while (!stopped) {
        if (System.nanoTime() >= nextCheck) {
          assignNewTopics();
          nextCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
        }
        if (assigned.isEmpty()) {
          Thread.sleep(200);
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Dashboard feed stopped: {}", e.toString(), e);
    } finally {
      consumer.close();
    }
  }

  private void assignNewTopics() {
    Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
    List<TopicPartition> fresh = new ArrayList<>();
    for (String topic : topics()) {
      List<PartitionInfo> partitions = existing.get(topic);
      if (partitions != null && !partitions.isEmpty() && assigned.add(topic)) {
        partitions.forEach(p -> fresh.add(new TopicPartition(topic, p.partition())));
        log.info("Dashboard follows topic={} partitions={}", topic, partitions.size());
      }
    }
    state.onModelEventsTopic(assigned.contains(config.modelEvents().name()));
    if (!fresh.isEmpty()) {
      List<TopicPartition> all = new ArrayList<>(consumer.assignment());
      all.addAll(fresh);
      consumer.assign(all);
      consumer.seekToBeginning(fresh);
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    try {
      if (topic.equals(config.signals().name())) {
        Signal s = signals.deserialize(topic, record.value());
        if (s != null) {
          state.onSignal(
              s.getSymbol(),
              s.getBarCloseTime().toEpochMilli(),
              s.getDecision().name(),
              s.getReason() == null ? null : s.getReason().name(),
              s.getReasonDetail(),
              s.getPredictedClose(),
              s.getReferenceClose(),
              s.getModelVersion());
        }
      } else if (topic.equals(config.pnl().name())) {
        PnlSnapshot p = pnl.deserialize(topic, record.value());
        if (p != null) {
          String name =
              p.getScope() == PnlScope.PORTFOLIO
                  ? p.getSymbol() + PerformanceReport.PORTFOLIO_SUFFIX
                  : p.getSymbol();
          state.onBar(
              name,
              p.getBarCloseTime().toEpochMilli(),
              1 + p.getCumulativeReturn(),
              p.getDrawdown(),
              p.getBarReturn());
        }
      } else if (topic.equals(config.modelEvents().name())) {
        ModelEvent event = modelEvents.deserialize(topic, record.value());
        if (event != null) {
          state.onModelEvent(record.key(), record.timestamp(), json(event));
        }
      } else {
        state.onDeadLetter(topic);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Dashboard skipped an unreadable record tp={}-{}@{}: {}",
          topic,
          record.partition(),
          record.offset(),
          e.toString());
    }
  }

  /** What the panel shows of a retrain decision. */
  static JsonNode json(ModelEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("line", event.getModelLine());
    node.put("symbol", event.getSymbol());
    node.put("boundary", event.getBoundary().toString());
    node.put("outcome", event.getOutcome().name());
    node.put("effectiveFrom", event.getEffectiveFrom().toString());
    node.put("versionInForce", event.getVersionInForce());
    node.put("challenger", event.getChallengerVersion());
    node.put("champion", event.getChampionVersion());
    node.put("reason", event.getReason());
    return node;
  }

  void stop() {
    stopped = true;
    consumer.wakeup();
  }
}
