package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.signal.FlatCause;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.ScoringException;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

  /** A symbol whose queued bars are to be decided, with its state (changed in place). */
  public record Pending(String symbol, SymbolState state) {}

  private final int capacity;
  private final Duration interval;
  private final String intervalName;
  private final ModelSlot models;
  private final ScorerMetrics metrics;
  private final Clock clock;
  private final int maxBatch;
  private final SignalPolicy policy = new SignalPolicy();
  private final Set<String> warned = new HashSet<>();

  public BarScoring(
      int capacity,
      Duration interval,
      String intervalName,
      ModelSlot models,
      ScorerMetrics metrics,
      Clock clock,
      int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
    }
    this.capacity = capacity;
    this.maxBatch = maxBatch;
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
    return decide(List.of(new Pending(symbol, state))).getFirst();
  }

  /**
   * Decides several symbols' queued bars as {@link #decide(String, SymbolState)} decides each, with
   * every window that needs a model run scored together: at most {@code maxBatch} windows of the
   * same model per runtime call. A batch the runtime fails on is scored again one window at a time,
   * so a failure is the failing bar's alone, as without batching. With {@code maxBatch} 1 a model
   * that throws anything but a {@link ScoringException} fails the call (the processor's record is
   * dead-lettered); batched, that bar is decided FLAT (SCORING_FAILED) instead, since it is decided
   * in a punctuation, not while its record is processed.
   *
   * @return one result per symbol, in the order given
   */
  public List<Decided> decide(List<Pending> symbols) {
    List<List<SignalPolicy.Step>> steps = new ArrayList<>(symbols.size());
    List<List<WindowBar>> heads = new ArrayList<>(symbols.size());
    List<Optional<String>> holdings = new ArrayList<>(symbols.size());
    Map<Scorer, List<SignalPolicy.Infer>> runs = new IdentityHashMap<>();
    try (ModelSlot.Lease lease = models.lease()) {
      ModelView view = lease.state();
      for (Pending pending : symbols) {
        List<SignalPolicy.Step> symbolSteps = new ArrayList<>();
        List<WindowBar> symbolHeads = new ArrayList<>();
        holdings.add(admit(pending, view, symbolSteps, symbolHeads));
        for (SignalPolicy.Step step : symbolSteps) {
          if (step instanceof SignalPolicy.Infer infer) {
            runs.computeIfAbsent(infer.score().scorer(), s -> new ArrayList<>()).add(infer);
          }
        }
        steps.add(symbolSteps);
        heads.add(symbolHeads);
      }
      Map<SignalPolicy.Infer, SignalCall> inferred = new IdentityHashMap<>();
      runs.forEach((scorer, infers) -> infer(scorer, infers, inferred));
      List<Decided> decided = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        String symbol = symbols.get(i).symbol();
        List<Signal> signals = new ArrayList<>();
        for (int b = 0; b < steps.get(i).size(); b++) {
          SignalCall call =
              switch (steps.get(i).get(b)) {
                case SignalPolicy.Decided done -> done.call();
                case SignalPolicy.Infer infer -> inferred.get(infer);
              };
          metrics.signalEmitted(call);
          warnOnce(symbol, call);
          signals.add(toSignal(symbol, heads.get(i).get(b), call));
        }
        decided.add(new Decided(signals, holdings.get(i)));
      }
      return decided;
    }
  }

  /** Admits the symbol's queued bars to its window until one must wait; says what it waits for. */
  private Optional<String> admit(
      Pending pending, ModelView view, List<SignalPolicy.Step> steps, List<WindowBar> heads) {
    SymbolState state = pending.state();
    while (state.head().isPresent()) {
      WindowBar head = state.head().get();
      Instant open = Instant.ofEpochMilli(head.openTimeMillis());
      Verdict verdict = view.verdict(pending.symbol(), open, interval);
      if (verdict instanceof Verdict.Hold hold) {
        return Optional.of(hold.waitingFor());
      }
      if (state.admitHead() == Admission.RESTARTED_AFTER_GAP) {
        log.info("Gap before bar symbol={} barTime={}: window restarts", pending.symbol(), open);
      }
      steps.add(policy.prepare(state.window(), head.close(), verdict));
      heads.add(head);
    }
    return Optional.empty();
  }

  private void infer(
      Scorer scorer,
      List<SignalPolicy.Infer> infers,
      Map<SignalPolicy.Infer, SignalCall> inferred) {
    for (int from = 0; from < infers.size(); from += maxBatch) {
      List<SignalPolicy.Infer> batch =
          infers.subList(from, Math.min(infers.size(), from + maxBatch));
      double[] predicted = null;
      if (batch.size() > 1) {
        try {
          predicted =
              scorer.predictLogReturns(batch.stream().map(SignalPolicy.Infer::window).toList());
        } catch (RuntimeException e) {
          log.warn(
              "Scoring a batch of {} windows failed, scoring them one by one: {}",
              batch.size(),
              e.toString());
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        SignalPolicy.Infer infer = batch.get(i);
        if (predicted != null) {
          inferred.put(infer, SignalPolicy.finish(infer, predicted[i]));
        } else {
          try {
            inferred.put(
                infer, SignalPolicy.finish(infer, scorer.predictLogReturn(infer.window())));
          } catch (ScoringException e) {
            inferred.put(infer, SignalPolicy.failed(infer, e));
          } catch (RuntimeException e) {
            if (maxBatch == 1) {
              throw e;
            }
            // Batched, the bars are decided in a punctuation: there is no one record to
            // dead-letter, so the bar is decided FLAT as for a runtime failure.
            inferred.put(
                infer,
                SignalPolicy.failed(
                    infer, new ScoringException("model failed on a window: " + e, e)));
          }
        }
      }
    }
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
