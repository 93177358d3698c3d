package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.signal.SignalCall;
import io.lstmsignals.scorer.signal.SignalPolicy;
import io.lstmsignals.scorer.window.Admission;
import io.lstmsignals.scorer.window.BarWindow;
import io.lstmsignals.scorer.window.WindowBar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scorer does with one bar, apart from Kafka: read the symbol's window, offer the bar,
 * write the window back, and decide with the model state read once for this bar. {@link
 * WindowProcessor} runs it inside the topology; the benchmark runs it over an in-memory map to
 * price the per-bar work against bare inference.
 *
 * <p>Not thread-safe: one per processor.
 */
public final class BarScoring {
  private static final Logger log = LoggerFactory.getLogger(BarScoring.class);

  /** The per-symbol window bytes, keyed by symbol. */
  public interface WindowBytes {
    byte[] get(String symbol);

    void put(String symbol, byte[] window);

    /**
     * Window bytes read and written by the given functions, e.g. a state store's or a map's get and
     * put.
     */
    static WindowBytes over(Function<String, byte[]> get, BiConsumer<String, byte[]> put) {
      return new WindowBytes() {
        @Override
        public byte[] get(String symbol) {
          return get.apply(symbol);
        }

        @Override
        public void put(String symbol, byte[] window) {
          put.accept(symbol, window);
        }
      };
    }
  }

  /** What became of one bar. */
  public sealed interface Outcome {}

  /** The bar was accepted and decided on. */
  public record Scored(Signal signal) implements Outcome {}

  /** The bar repeats the newest bar of its window: nothing to emit. */
  public record Duplicate() implements Outcome {}

  /** The bar was refused; the reason names the bar and the rule. */
  public record Rejected(String reason) implements Outcome {}

  private final int capacity;
  private final Duration interval;
  private final String intervalName;
  private final ModelSlot models;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final SignalPolicy policy = new SignalPolicy();

  public BarScoring(
      int capacity,
      Duration interval,
      String intervalName,
      ModelSlot models,
      ScorerMetrics metrics,
      Clock clock) {
    this.capacity = capacity;
    this.interval = interval;
    this.intervalName = intervalName;
    this.models = models;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Scores one bar keyed by {@code symbol} against the windows in {@code store}. */
  public Outcome score(String symbol, Bar bar, WindowBytes store) {
    String problem = malformation(symbol, bar);
    if (problem != null) {
      return new Rejected(problem);
    }
    byte[] stored = store.get(symbol);
    BarWindow window =
        stored == null
            ? BarWindow.empty(capacity, interval)
            : BarWindow.fromBytes(stored, capacity, interval);
    long newestBefore = window.newestOpenTime();
    Admission admission =
        window.offer(
            new WindowBar(
                bar.getOpenTime().toEpochMilli(),
                bar.getOpen(),
                bar.getHigh(),
                bar.getLow(),
                bar.getClose(),
                bar.getVolume()));
    switch (admission) {
      case DUPLICATE -> {
        log.debug("Ignoring duplicate bar symbol={} barTime={}", symbol, bar.getOpenTime());
        return new Duplicate();
      }
      case OUT_OF_ORDER -> {
        return new Rejected(
            "Bar "
                + symbol
                + "@"
                + bar.getOpenTime()
                + " opens before the newest bar of the"
                + " window ("
                + Instant.ofEpochMilli(newestBefore)
                + "): out of order, not scored");
      }
      case RESTARTED_AFTER_GAP ->
          log.info(
              "Gap before bar symbol={} barTime={} previous={}: window restarts",
              symbol,
              bar.getOpenTime(),
              Instant.ofEpochMilli(newestBefore));
      case APPENDED -> log.trace("Appended bar symbol={} barTime={}", symbol, bar.getOpenTime());
    }
    store.put(symbol, window.toBytes());
    SignalCall call;
    try (ModelSlot.Lease lease = models.lease()) {
      call = policy.decide(window, bar.getClose(), lease.state());
    }
    metrics.signalEmitted(call);
    return new Scored(toSignal(bar, call));
  }

  private String malformation(String symbol, Bar bar) {
    String label = "Bar " + bar.getSymbol() + "@" + bar.getOpenTime();
    if (symbol == null) {
      return label + ": record key is null, expected the symbol";
    }
    if (!symbol.equals(bar.getSymbol())) {
      return label + ": record key " + symbol + " differs from the bar's symbol";
    }
    if (!intervalName.equals(bar.getInterval())) {
      return label + ": interval " + bar.getInterval() + ", expected " + intervalName;
    }
    if (!bar.getCloseTime().equals(bar.getOpenTime().plus(interval))) {
      return label + ": close time " + bar.getCloseTime() + " is not open time + " + intervalName;
    }
    if (!Double.isFinite(bar.getOpen())
        || !Double.isFinite(bar.getHigh())
        || !Double.isFinite(bar.getLow())
        || !Double.isFinite(bar.getClose())
        || !Double.isFinite(bar.getVolume())) {
      return label + ": OHLCV must be finite";
    }
    return null;
  }

  private Signal toSignal(Bar bar, SignalCall call) {
    return Signal.newBuilder()
        .setSymbol(bar.getSymbol())
        .setInterval(bar.getInterval())
        .setBarOpenTime(bar.getOpenTime())
        .setBarCloseTime(bar.getCloseTime())
        .setDecision(Decision.valueOf(call.position().name()))
        .setReason(call.cause() == null ? null : FlatReason.valueOf(call.cause().name()))
        .setReasonDetail(call.detail())
        .setPredictedLogReturn(call.predictedLogReturn())
        .setReferenceClose(call.referenceClose())
        .setPredictedClose(call.predictedClose())
        .setModelVersion(call.modelVersion())
        .setScoredAt(clock.instant())
        .build();
  }
}
