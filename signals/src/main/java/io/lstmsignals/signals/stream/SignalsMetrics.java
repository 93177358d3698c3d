package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The P&amp;L processor's meters on a registry the caller owns (served on {@code /metrics} by
 * {@code signals run}):
 *
 * <ul>
 *   <li>{@code signals.equity} (Gauge, tags symbol, scope=SYMBOL|PORTFOLIO): equity after the last
 *       realized bar, in the quote asset;
 *   <li>{@code signals.bars.realized} (Counter, tags symbol, scope): bars realized;
 *   <li>{@code signals.fills} (Counter, tags symbol, side): paper fills;
 *   <li>{@code signals.dead.letters} (Counter, tag topic): input records dead-lettered.
 * </ul>
 *
 * Thread-safe: stream threads of every task update it.
 */
public final class SignalsMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicReference<Double>> equity = new ConcurrentHashMap<>();

  public SignalsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records a snapshot just realized. */
  void realized(PnlSnapshot snapshot) {
    String symbol = snapshot.getSymbol();
    String scope = snapshot.getScope().name();
    equity
        .computeIfAbsent(
            scope + "/" + symbol,
            key -> {
              AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
              Gauge.builder("signals.equity", value, AtomicReference::get)
                  .description("Paper equity after the last realized bar, in the quote asset")
                  .tag("symbol", symbol)
                  .tag("scope", scope)
                  .register(registry);
              return value;
            })
        .set(snapshot.getEquity());
    registry.counter("signals.bars.realized", "symbol", symbol, "scope", scope).increment();
  }

  /** Records a paper fill. */
  void filled(Fill fill) {
    registry
        .counter("signals.fills", "symbol", fill.getSymbol(), "side", fill.getSide().name())
        .increment();
  }

  /** Records an input record sent to a dead-letter topic. */
  void deadLettered(String topic) {
    registry.counter("signals.dead.letters", "topic", topic).increment();
  }
}
