package io.lstmsignals.ingest.pipeline;

import io.lstmsignals.ingest.bar.BarAggregator;
import io.lstmsignals.ingest.bar.BarSequence;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.bar.SequenceVerdict;
import io.lstmsignals.ingest.bar.SlotResult;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every bar passes before it is published, shared by replay and the live poller:
 * per-symbol ordering, dedupe and gaps ({@link BarSequence}), then, for finer input, aggregation
 * into the output interval ({@link BarAggregator}), then plausibility ({@link Plausibility}: range
 * and open gap of each bar to publish). Bad input goes to the sink's {@link BarSink#reject} and
 * processing goes on; an implausible bar is rejected like a bad one (so downstream it is a missing
 * bar, a gap), with a warning. Not thread-safe.
 */
public final class IngestPipeline {
  private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

  private final BarInterval output;
  private final BarSink sink;
  private final Plausibility plausibility;
  private final Function<String, Instant> publishedUntil;
  private final Map<String, SymbolState> symbols = new TreeMap<>();

  /**
   * @param output the interval of the published bars (4h for the bars topic)
   * @param sink where bars and rejections go
   * @param publishedUntil per symbol, the close time of the last bar the output already holds, or
   *     null
   * @param plausibility the limits a bar to publish must keep
   */
  public IngestPipeline(
      BarInterval output,
      BarSink sink,
      Function<String, Instant> publishedUntil,
      Plausibility plausibility) {
    this.output = Objects.requireNonNull(output, "output");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.plausibility = Objects.requireNonNull(plausibility, "plausibility");
    this.publishedUntil = Objects.requireNonNull(publishedUntil, "publishedUntil");
  }

  /** Checks one input record and publishes or rejects what follows from it. */
  public void accept(InputRecord input) {
    switch (input) {
      case InputRecord.Unreadable bad -> {
        if (bad.symbol() != null) {
          state(bad.symbol()).tally.countRecord();
        }
        reject(new Rejection(bad.provenance(), bad.symbol(), bad.reason(), bad.errorType()));
      }
      case InputRecord.Parsed parsed -> accept(parsed.bar(), parsed.provenance());
    }
  }

  private void accept(OhlcvBar bar, Provenance provenance) {
    SymbolState state = state(bar.symbol());
    state.tally.countRecord();
    boolean aggregate = !bar.interval().equals(output);
    if (aggregate && !bar.interval().divides(output)) {
      reject(
          new Rejection(
              provenance,
              bar.symbol(),
              "interval "
                  + bar.interval()
                  + " cannot make "
                  + output
                  + " bars: it must be "
                  + output
                  + " or divide it",
              null));
      return;
    }
    switch (state.sequence.check(bar)) {
      case SequenceVerdict.Duplicate d -> {
        state.tally.countDuplicate();
        log.debug(
            "Dropped duplicate symbol={} barTime={} at={}",
            bar.symbol(),
            bar.openTime(),
            provenance.where());
      }
      case SequenceVerdict.AlreadyPublished a -> state.tally.countAlreadyPublished();
      case SequenceVerdict.OutOfOrder o ->
          reject(new Rejection(provenance, bar.symbol(), o.reason(), null));
      case SequenceVerdict.Next next -> {
        next.gap()
            .ifPresent(
                gap -> {
                  state.tally.countGap(gap);
                  log.info("Gap symbol={} {}", bar.symbol(), gap);
                });
        if (aggregate) {
          state.tally.countAggregated();
          for (SlotResult result : state.aggregator().add(bar)) {
            emit(state, result, provenance);
          }
        } else {
          publishIfPlausible(state, bar, provenance.source(), provenance);
        }
      }
    }
  }

  /**
   * Ends the input: reports every aggregation slot left unfinished. Call once, when a replay has
   * read everything.
   */
  public void finish() {
    for (SymbolState state : symbols.values()) {
      if (state.aggregator != null) {
        state.aggregator.finish().ifPresent(result -> emit(state, result, null));
      }
    }
  }

  private void emit(SymbolState state, SlotResult result, Provenance last) {
    switch (result) {
      case SlotResult.Complete complete -> {
        String source = "aggregate:" + complete.bar().interval() + ":" + state.sourceOf(last);
        Provenance slot =
            new Provenance(
                source,
                last == null ? state.lastOrigin : last.origin(),
                output + " slot " + complete.bar().openTime(),
                complete.bar().toString());
        publishIfPlausible(state, complete.bar(), source, slot);
      }
      case SlotResult.Incomplete incomplete -> {
        state.tally.countIncompleteSlot();
        String text =
            incomplete.parts().stream().map(OhlcvBar::toString).collect(Collectors.joining("\n"));
        Provenance slot =
            new Provenance(
                state.sourceOf(last),
                last == null ? state.lastOrigin : last.origin(),
                output + " slot " + incomplete.slotOpen(),
                text);
        Rejection rejection = new Rejection(slot, incomplete.symbol(), incomplete.reason(), null);
        log.warn("Incomplete slot {}", rejection.describe());
        sink.reject(rejection);
      }
    }
  }

  private void publishIfPlausible(
      SymbolState state, OhlcvBar bar, String source, Provenance provenance) {
    Optional<String> implausible = plausibility.violation(bar, state.lastClose);
    if (implausible.isPresent()) {
      Rejection rejection = new Rejection(provenance, bar.symbol(), implausible.get(), null);
      state.tally.countImplausible();
      log.warn("Held back {}", rejection.describe());
      sink.reject(rejection);
      return;
    }
    sink.publish(bar, source);
    state.tally.countPublished();
    state.lastClose = bar.close();
  }

  private void reject(Rejection rejection) {
    if (rejection.symbol() != null) {
      state(rejection.symbol()).tally.countRejected();
    }
    log.warn("Rejected {}", rejection.describe());
    sink.reject(rejection);
  }

  private SymbolState state(String symbol) {
    return symbols.computeIfAbsent(symbol, s -> new SymbolState(s, publishedUntil.apply(s)));
  }

  /** Per-symbol counts so far, by symbol. */
  public Map<String, SymbolTally> tallies() {
    Map<String, SymbolTally> result = new TreeMap<>();
    symbols.forEach((symbol, state) -> result.put(symbol, state.tally));
    return result;
  }

  private final class SymbolState {
    final SymbolTally tally;
    final BarSequence sequence;
    BarAggregator aggregator;
    String lastSource = "unknown";
    String lastOrigin = "unknown";
    Double lastClose;

    SymbolState(String symbol, Instant publishedUntil) {
      tally = new SymbolTally(symbol);
      sequence = new BarSequence(symbol, publishedUntil);
    }

    BarAggregator aggregator() {
      if (aggregator == null) {
        aggregator = new BarAggregator(output);
      }
      return aggregator;
    }

    String sourceOf(Provenance provenance) {
      if (provenance != null) {
        lastSource = provenance.source();
        lastOrigin = provenance.origin();
      }
      return lastSource;
    }
  }
}
