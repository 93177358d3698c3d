package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.signal.FlatCause;
import io.lstmsignals.scorer.signal.SignalCall;
import io.lstmsignals.scorer.signal.SignalPolicy;
import io.lstmsignals.scorer.signal.Verdict;
import io.lstmsignals.scorer.window.Admission;
import io.lstmsignals.scorer.window.SymbolState;
import io.lstmsignals.scorer.window.WindowBar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scorer does with one symbol's bars, apart from Kafka: {@link #accept} checks an arriving
 * bar and queues it in the symbol's state; {@link #decide} decides the queued bars oldest first,
 * each under the model view's verdict for its own time, and stops at the first bar that must wait
 * (no model in force for it yet). {@link ScoringProcessor} runs it inside the topology.
 *
 * <p>Not thread-safe: one per processor.
 */
public final class BarScoring {
  private static final Logger log = LoggerFactory.getLogger(BarScoring.class);

  /** What became of an arriving bar. */
  public sealed interface Arrival {}

  /** The bar waits in the state to be decided. */
  public record Queued() implements Arrival {}

  /** The bar repeats the newest bar known: nothing to do. */
  public record Duplicate() implements Arrival {}

  /** The bar was refused; the reason names the bar and the rule. */
  public record Rejected(String reason) implements Arrival {}

  /**
   * The bars decided in one call, in bar order, and why the rest (if any) still wait.
   *
   * @param holding what the oldest undecided bar waits for; empty when none waits
   */
  public record Decided(List<Signal> signals, Optional<String> holding) {}

  private final int capacity;
  private final Duration interval;
  private final String intervalName;
  private final ModelSlot models;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final SignalPolicy policy = new SignalPolicy();
  private final Set<String> warned = new HashSet<>();

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

  /** A symbol's state from its stored bytes, or a fresh one. */
  public SymbolState state(byte[] stored) {
    return stored == null
        ? SymbolState.empty(capacity, interval)
        : SymbolState.fromBytes(stored, capacity, interval);
  }

  /** Checks an arriving bar keyed by {@code symbol} and queues it in {@code state}. */
  public Arrival accept(String symbol, Bar bar, SymbolState state) {
    if (bar == null) {
      return new Rejected(
          "record of key " + symbol + " has no value (a tombstone): bars are never deleted");
    }
    String problem = malformation(symbol, bar);
    if (problem != null) {
      return new Rejected(problem);
    }
    long newestBefore = state.newestOpenTime();
    WindowBar arriving =
        new WindowBar(
            bar.getOpenTime().toEpochMilli(),
            bar.getOpen(),
            bar.getHigh(),
            bar.getLow(),
            bar.getClose(),
            bar.getVolume());
    return switch (state.offer(arriving)) {
      case QUEUED -> new Queued();
      case DUPLICATE -> {
        log.debug("Ignoring duplicate bar symbol={} barTime={}", symbol, bar.getOpenTime());
        yield new Duplicate();
      }
      case OUT_OF_ORDER ->
          new Rejected(
              "Bar "
                  + symbol
                  + "@"
                  + bar.getOpenTime()
                  + " opens before the newest bar known ("
                  + Instant.ofEpochMilli(newestBefore)
                  + "): out of order, not scored");
    };
  }

  /** Decides the symbol's queued bars, oldest first, until one must wait. */
  public Decided decide(String symbol, SymbolState state) {
    List<Signal> signals = new ArrayList<>();
    try (ModelSlot.Lease lease = models.lease()) {
      ModelView view = lease.state();
      while (state.head().isPresent()) {
        WindowBar head = state.head().get();
        Instant open = Instant.ofEpochMilli(head.openTimeMillis());
        Verdict verdict = view.verdict(symbol, open, interval);
        if (verdict instanceof Verdict.Hold hold) {
          return new Decided(signals, Optional.of(hold.waitingFor()));
        }
        if (state.admitHead() == Admission.RESTARTED_AFTER_GAP) {
          log.info("Gap before bar symbol={} barTime={}: window restarts", symbol, open);
        }
        SignalCall call = policy.decide(state.window(), head.close(), verdict);
        metrics.signalEmitted(call);
        warnOnce(symbol, call);
        signals.add(toSignal(symbol, head, call));
      }
    }
    return new Decided(signals, Optional.empty());
  }

  /** One WARN per symbol no line serves, and per version that expired, not one per bar. */
  private void warnOnce(String symbol, SignalCall call) {
    if (call.cause() == FlatCause.NO_MODEL_FOR_SYMBOL && warned.add("symbol " + symbol)) {
      log.warn("Symbol {} is decided FLAT (NO_MODEL_FOR_SYMBOL): {}", symbol, call.detail());
    } else if (call.cause() == FlatCause.MODEL_EXPIRED
        && warned.add("version " + call.modelLine() + "@" + call.modelVersion())) {
      log.warn(
          "Line {} is decided FLAT (MODEL_EXPIRED) until a fresh version is in force: {}",
          call.modelLine(),
          call.detail());
    }
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

  private Signal toSignal(String symbol, WindowBar bar, SignalCall call) {
    Instant open = Instant.ofEpochMilli(bar.openTimeMillis());
    return Signal.newBuilder()
        .setSymbol(symbol)
        .setInterval(intervalName)
        .setBarOpenTime(open)
        .setBarCloseTime(open.plus(interval))
        .setDecision(Decision.valueOf(call.position().name()))
        .setReason(call.cause() == null ? null : FlatReason.valueOf(call.cause().name()))
        .setReasonDetail(call.detail())
        .setPredictedLogReturn(call.predictedLogReturn())
        .setReferenceClose(call.referenceClose())
        .setPredictedClose(call.predictedClose())
        .setModelLine(call.modelLine())
        .setModelVersion(call.modelVersion())
        .setOptInSymbol(call.optIn())
        .setScoredAt(clock.instant())
        .build();
  }
}
