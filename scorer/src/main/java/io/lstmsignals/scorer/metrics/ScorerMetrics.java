package io.lstmsignals.scorer.metrics;

import io.lstmsignals.scorer.model.ModelState;
import io.lstmsignals.scorer.model.Scorer;
import io.lstmsignals.scorer.signal.SignalCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scorer's meters on a registry the caller owns (the HTTP endpoint that exposes them is the ops
 * module's):
 *
 * <ul>
 *   <li>{@code scorer.inference} (Timer): one model run on one window;
 *   <li>{@code scorer.signals} (Counter, tags decision, reason): signals emitted;
 *   <li>{@code scorer.model.in.use} (Gauge, tags model, version): 1 for the version serving, 0 for
 *       earlier ones;
 *   <li>{@code scorer.model.releases} (Counter, tags model, outcome=loaded|refused): releases seen;
 *   <li>{@code scorer.dead.letters} (Counter, tag topic): records sent to a dead-letter topic.
 * </ul>
 *
 * Thread-safe.
 */
public final class ScorerMetrics {
  private final MeterRegistry registry;
  private final Timer inference;
  private final Map<String, Counter> signalCounters = new ConcurrentHashMap<>();
  private final AtomicReference<String> versionInUse = new AtomicReference<>();

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

  /** Records the model state now in force. */
  public void modelInForce(ModelState state) {
    if (state instanceof ModelState.Serving serving) {
      Scorer scorer = serving.scorer();
      versionInUse.set(scorer.version());
      String version = scorer.version();
      Gauge.builder("scorer.model.in.use", versionInUse, v -> version.equals(v.get()) ? 1 : 0)
          .description("1 for the model version serving, 0 for versions served before")
          .tag("model", scorer.modelName())
          .tag("version", version)
          .register(registry);
    }
  }

  public void releaseLoaded(String modelName) {
    registry.counter("scorer.model.releases", "model", modelName, "outcome", "loaded").increment();
  }

  public void releaseRefused(String modelName) {
    registry.counter("scorer.model.releases", "model", modelName, "outcome", "refused").increment();
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
