package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BarScoring} on each bar against the window store: forwards exactly one {@code Signal}
 * per accepted bar, stamped with the bar's close time; nothing for a duplicate of the newest bar; a
 * {@code DeadLetter} with topic-partition@offset for a bar that is older than the window or
 * malformed.
 */
final class WindowProcessor implements FixedKeyProcessor<String, Bar, SpecificRecord> {
  private static final Logger log = LoggerFactory.getLogger(WindowProcessor.class);

  private final BarScoring scoring;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private FixedKeyProcessorContext<String, SpecificRecord> context;
  private BarScoring.WindowBytes windows;

  WindowProcessor(BarScoring scoring, ScorerMetrics metrics, Clock clock) {
    this.scoring = scoring;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    KeyValueStore<String, byte[]> store = context.getStateStore(StoreNames.WINDOW_STORE);
    this.windows = BarScoring.WindowBytes.over(store::get, store::put);
  }

  @Override
  public void process(FixedKeyRecord<String, Bar> record) {
    switch (scoring.score(record.key(), record.value(), windows)) {
      case BarScoring.Scored scored ->
          context.forward(
              record
                  .withValue((SpecificRecord) scored.signal())
                  .withTimestamp(record.value().getCloseTime().toEpochMilli()));
      case BarScoring.Duplicate duplicate ->
          log.trace("No signal for a repeat of the newest bar key={}", record.key());
      case BarScoring.Rejected rejected -> deadLetter(record, rejected.reason());
    }
  }

  private void deadLetter(FixedKeyRecord<String, Bar> record, String reason) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "unknown" : source.topic();
    int partition = source == null ? -1 : source.partition();
    long offset = source == null ? -1 : source.offset();
    log.warn("Dead-lettering bar tp={}-{}@{}: {}", topic, partition, offset, reason);
    metrics.deadLettered(topic);
    context.forward(
        record.withValue(
            (SpecificRecord)
                DeadLetters.rejected(
                    ScorerConfig.DEAD_LETTER_STAGE,
                    topic,
                    source == null ? null : DeadLetters.location(partition, offset),
                    record.key(),
                    null,
                    record.value().toString(),
                    reason,
                    null,
                    clock.instant())));
  }
}
