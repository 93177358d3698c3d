package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.window.SymbolState;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BarScoring} on each bar against the per-symbol state store and forwards exactly one
 * {@code Signal} per decided bar, stamped with the bar's close time; a {@code DeadLetter} with
 * topic-partition@offset for a bar that is malformed or out of order.
 *
 * <p>A bar whose model is not in force yet is not decided: it waits in the store (so a restart
 * keeps it), and a wall-clock punctuation decides the waiting symbols again whenever the model view
 * changed. Everything forwarded, from {@code process} or from the punctuation, is in the task's
 * transaction with the store's changelog and the input offsets.
 */
final class ScoringProcessor implements Processor<String, Bar, String, SpecificRecord> {
  private static final Logger log = LoggerFactory.getLogger(ScoringProcessor.class);
  private static final Duration HOLD_REPORT_INTERVAL = Duration.ofSeconds(30);

  private final BarScoring scoring;
  private final ModelSlot models;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final Duration recheck;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> store;
  private final Map<String, String> waiting = new HashMap<>();
  private long decidedAtGeneration = -1;
  private long lastHoldReport;

  ScoringProcessor(
      BarScoring scoring, ModelSlot models, ScorerMetrics metrics, Clock clock, Duration recheck) {
    this.scoring = scoring;
    this.models = models;
    this.metrics = metrics;
    this.clock = clock;
    this.recheck = recheck;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(StoreNames.WINDOW_STORE);
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        if (scoring.state(entry.value).pendingCount() > 0) {
          waiting.put(entry.key, "a model (bars restored from the changelog)");
        }
      }
    }
    metrics.symbolsWaiting(context.taskId().toString(), waiting::size);
    context.schedule(recheck, PunctuationType.WALL_CLOCK_TIME, now -> decideWaiting());
  }

  @Override
  public void process(Record<String, Bar> record) {
    String symbol = record.key();
    SymbolState state = scoring.state(symbol == null ? null : store.get(symbol));
    switch (scoring.accept(symbol, record.value(), state)) {
      case BarScoring.Rejected rejected -> deadLetter(record, rejected.reason());
      case BarScoring.Duplicate duplicate ->
          log.trace("No signal for a repeat of the newest bar key={}", symbol);
      case BarScoring.Queued queued -> decide(symbol, state);
    }
  }

  private void decide(String symbol, SymbolState state) {
    BarScoring.Decided decided = scoring.decide(symbol, state);
    store.put(symbol, state.toBytes());
    for (Signal signal : decided.signals()) {
      context.forward(
          new Record<String, SpecificRecord>(
              symbol, signal, signal.getBarCloseTime().toEpochMilli()));
    }
    if (decided.holding().isPresent()) {
      waiting.put(symbol, decided.holding().get());
    } else {
      waiting.remove(symbol);
    }
  }

  private void decideWaiting() {
    long generation = models.current().generation();
    if (!waiting.isEmpty() && generation != decidedAtGeneration) {
      decidedAtGeneration = generation;
      for (String symbol : new TreeMap<>(waiting).keySet()) {
        decide(symbol, scoring.state(store.get(symbol)));
      }
    }
    reportHolds();
  }

  /** One WARN line every so often while bars wait, saying for what. */
  private void reportHolds() {
    long now = clock.millis();
    if (waiting.isEmpty() || now - lastHoldReport < HOLD_REPORT_INTERVAL.toMillis()) {
      return;
    }
    lastHoldReport = now;
    Map<String, Integer> symbolsByReason = new TreeMap<>();
    waiting.values().forEach(reason -> symbolsByReason.merge(reason, 1, Integer::sum));
    symbolsByReason.forEach(
        (reason, symbols) ->
            log.warn(
                "{} symbol(s) have bars waiting, not scored yet, for {} (task {}); e.g. {}",
                symbols,
                reason,
                context.taskId(),
                waiting.entrySet().stream()
                    .filter(e -> e.getValue().equals(reason))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .limit(5)
                    .toList()));
  }

  private void deadLetter(Record<String, Bar> record, String reason) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "unknown" : source.topic();
    int partition = source == null ? -1 : source.partition();
    long offset = source == null ? -1 : source.offset();
    log.warn("Dead-lettering bar tp={}-{}@{}: {}", topic, partition, offset, reason);
    metrics.deadLettered(topic);
    context.forward(
        new Record<String, SpecificRecord>(
            record.key(),
            DeadLetters.rejected(
                ScorerConfig.DEAD_LETTER_STAGE,
                topic,
                source == null ? null : DeadLetters.location(partition, offset),
                record.key(),
                null,
                String.valueOf(record.value()),
                reason,
                null,
                clock.instant()),
            record.timestamp()));
  }
}
