package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.schemas.registry.SchemaRegistryUnavailableException;
import io.lstmsignals.signals.book.LedgerCodec;
import io.lstmsignals.signals.book.LedgerOutcome;
import io.lstmsignals.signals.book.LedgerSettings;
import io.lstmsignals.signals.book.PaperLedger;
import io.lstmsignals.signals.book.PositionDecision;
import io.lstmsignals.signals.book.PriceBar;
import io.lstmsignals.signals.book.Realization;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds signals and bars (raw bytes, keyed by symbol, from two co-partitioned topics) into each
 * symbol's {@link PaperLedger}, kept in a key-value store, and forwards what it realizes: {@code
 * Fill}s (timestamp = fill time) and {@code PnlSnapshot}s (timestamp = bar close). Records it
 * cannot read, and inputs the ledger rejects, are forwarded as {@code DeadLetter}s whose origin is
 * the input topic; processing goes on.
 */
final class LedgerProcessor implements Processor<String, byte[], String, SpecificRecord> {
  private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);

  /** The stage name written into this processor's dead letters. */
  private static final String DEAD_LETTER_STAGE = "signals";

  private final SignalsConfig config;
  private final Deserializer<Signal> signals;
  private final Deserializer<Bar> bars;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> store;

  LedgerProcessor(SignalsConfig config, Deserializer<Signal> signals, Deserializer<Bar> bars) {
    this.config = config;
    this.signals = signals;
    this.bars = bars;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(SignalsTopology.LEDGER_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata origin =
        context
            .recordMetadata()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "LedgerProcessor: a record without topic metadata; it reads topics only"));
    boolean isSignal = origin.topic().equals(config.signals().name());
    String symbol = record.key();
    if (symbol == null || symbol.isBlank()) {
      reject(record, origin, "record has no key; inputs are keyed by symbol", null);
      return;
    }
    // Reading is per record: undeserializable bytes, a key that disagrees with the value or
    // impossible prices reject
    // this record only. The ledger itself runs outside the try, so a bug there fails loudly instead
    // of dead-lettering.
    PositionDecision decision = null;
    PriceBar bar = null;
    try {
      if (isSignal) {
        Signal signal = signals.deserialize(origin.topic(), record.value());
        if (signal == null) {
          reject(record, origin, "signal is null (tombstone); signals are never deleted", null);
          return;
        }
        checkSymbol(symbol, signal.getSymbol());
        decision = LedgerRecords.decision(signal);
      } else {
        Bar value = bars.deserialize(origin.topic(), record.value());
        if (value == null) {
          reject(record, origin, "bar is null (tombstone); bars are never deleted", null);
          return;
        }
        checkSymbol(symbol, value.getSymbol());
        bar = LedgerRecords.priceBar(value);
      }
    } catch (RuntimeException e) {
      if (SchemaRegistryUnavailableException.causes(e)) {
        throw e; // the record is fine, the registry is down: the thread restarts from the commit
      }
      reject(
          record,
          origin,
          (isSignal ? "signal" : "bar")
              + " of "
              + symbol
              + " is unreadable or invalid: "
              + e.getMessage(),
          e);
      return;
    }
    LedgerSettings settings = config.ledger();
    PaperLedger ledger = load(symbol, settings);
    LedgerOutcome outcome =
        isSignal ? ledger.onSignal(decision, settings) : ledger.onBar(bar, settings);
    if (outcome.rejection().isPresent()) {
      reject(
          record,
          origin,
          (isSignal ? "signal" : "bar")
              + " of "
              + symbol
              + " rejected: "
              + outcome.rejection().get(),
          null);
      return;
    }
    store.put(symbol, LedgerCodec.encode(ledger));
    for (Realization realization : outcome.realized()) {
      realization
          .fill()
          .ifPresent(
              fill ->
                  context.forward(
                      new Record<String, SpecificRecord>(
                          symbol, LedgerRecords.fill(symbol, fill), fill.fillTime())));
      if (realization.bar().signalMissing()) {
        log.warn(
            "Realized flat without a signal symbol={} barTime={}: a later bar's signal came first, so the"
                + " deciding signal is lost",
            symbol,
            Instant.ofEpochMilli(realization.bar().barOpenTime()));
      }
      context.forward(
          new Record<String, SpecificRecord>(
              symbol,
              LedgerRecords.snapshot(symbol, realization.bar()),
              realization.bar().barCloseTime()));
    }
  }

  private PaperLedger load(String symbol, LedgerSettings settings) {
    byte[] saved = store.get(symbol);
    return saved == null ? new PaperLedger(settings.startingCapital()) : LedgerCodec.decode(saved);
  }

  private static void checkSymbol(String key, String symbol) {
    if (!key.equals(symbol)) {
      throw new IllegalArgumentException(
          "key " + key + " differs from the record's symbol " + symbol);
    }
  }

  private void reject(
      Record<String, byte[]> record, RecordMetadata origin, String reason, Exception cause) {
    log.warn(
        "Dead-lettered input tp={}-{}@{} key={} reason={}",
        origin.topic(),
        origin.partition(),
        origin.offset(),
        record.key(),
        reason);
    context.forward(
        new Record<String, SpecificRecord>(
            record.key(),
            DeadLetters.rejected(
                DEAD_LETTER_STAGE,
                origin.topic(),
                DeadLetters.location(origin.partition(), origin.offset()),
                record.key(),
                record.value(),
                null,
                reason,
                cause == null ? null : cause.getClass().getName(),
                Instant.now()),
            record.timestamp()));
  }
}
