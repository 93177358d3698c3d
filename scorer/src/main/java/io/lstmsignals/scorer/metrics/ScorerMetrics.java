package io.lstmsignals.scorer.metrics;

import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.SignalCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The scorer's meters on a registry the caller owns (the HTTP endpoint that exposes them is the ops
 * module's):
 *
 * <ul>
 *   <li>{@code scorer.inference} (Timer): one model run on one window;
 *   <li>{@code scorer.signals} (Counter, tags decision, reason): signals emitted;
 *   <li>{@code scorer.model.in.force} (Gauge, tags line, version): 1 for the version a line's
 *       newest promotion puts in force, 0 for earlier ones;
 *   <li>{@code scorer.symbols.waiting} (Gauge, tag task): symbols whose bars wait for their model;
 *   <li>{@code scorer.model.releases} (Counter, tags line, outcome=loaded|refused): releases seen;
 *   <li>{@code scorer.dead.letters} (Counter, tag topic): records sent to a dead-letter topic.
 * </ul>
 *
 * Thread-safe.
 */
public final class ScorerMetrics {
  private final MeterRegistry registry;
  private final Timer inference;
  private final Map<String, Counter> signalCounters = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<String>> inForce = new ConcurrentHashMap<>();

  public ScorerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.inference =
        Timer.builder("scorer.inference")
            .description("One model run on one window")
            .register(registry);
  }

  /** A view of the scorer that times each prediction. */
  public Scorer timed(Scorer scorer) {
    return new Scorer() {
      @Override
      public String modelName() {
        return scorer.modelName();
      }

      @Override
      public String version() {
        return scorer.version();
      }

      @Override
      public int windowBars() {
        return scorer.windowBars();
      }

      @Override
      public double predictLogReturn(float[] bars) {
        long start = System.nanoTime();
        try {
          return scorer.predictLogReturn(bars);
        } finally {
          inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }
    };
  }

  public void signalEmitted(SignalCall call) {
    String decision = call.position().name();
    String reason = call.cause() == null ? "none" : call.cause().name();
    signalCounters
        .computeIfAbsent(
            decision + "/" + reason,
            k ->
                Counter.builder("scorer.signals")
                    .description("Signals emitted")
                    .tag("decision", decision)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  /**
   * Records, per line, the version its newest promotion puts in force: gauge {@code
   * scorer.model.in.force} (tags line, version) is 1 for it and 0 for versions in force before.
   */
  public void linesInForce(ModelLines lines, Instant now) {
    for (String line : lines.lines()) {
      List<Promotion> history = lines.promotions(line);
      String version =
          history.isEmpty() || !history.getLast().action().servesAVersion()
              ? "none"
              : history.getLast().version();
      AtomicReference<String> current =
          inForce.computeIfAbsent(line, key -> new AtomicReference<>());
      current.set(version);
      Gauge.builder("scorer.model.in.force", current, v -> version.equals(v.get()) ? 1 : 0)
          .description("1 for the version a line's newest promotion puts in force")
          .tag("line", line)
          .tag("version", version)
          .register(registry);
    }
  }

  /** Gauge {@code scorer.symbols.waiting} (tag task): symbols whose bars wait for their model. */
  public void symbolsWaiting(String task, Supplier<Integer> count) {
    Gauge.builder("scorer.symbols.waiting", count, c -> c.get())
        .description("Symbols with bars waiting, unscored, for their model to be in force")
        .tag("task", task)
        .register(registry);
  }

  public void releaseLoaded(String line) {
    registry.counter("scorer.model.releases", "line", line, "outcome", "loaded").increment();
  }

  public void releaseRefused(String line) {
    registry.counter("scorer.model.releases", "line", line, "outcome", "refused").increment();
  }

  public void deadLettered(String topic) {
    registry.counter("scorer.dead.letters", "topic", topic).increment();
  }

  /** Mean inference time so far, in microseconds; for the benchmark's report. */
  public double meanInferenceMicros() {
    return inference.mean(TimeUnit.MICROSECONDS);
  }

  public long inferenceCount() {
    return inference.count();
  }
}
