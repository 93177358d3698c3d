package io.lstmsignals.bench.scorer;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.stream.BarScoring;
import io.lstmsignals.scorer.window.SymbolState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The benchmark's model line and the scorer's per-bar steps outside the streaming app. */
final class BenchModels {
  /** The line the benchmark model is released on. */
  static final String LINE = "benchmark";

  private BenchModels() {}

  /** A view in which {@code scorer} is in force for every one of {@code symbols}, for all bars. */
  static ModelView serving(Scorer scorer, String sha256, List<String> symbols) {
    Release release =
        new Release(
            scorer.modelName(),
            scorer.version(),
            sha256,
            symbols,
            scorer.windowBars(),
            BarInterval.FOUR_HOURS,
            null,
            null,
            null);
    Promotion promotion =
        new Promotion(
            release.line(),
            Promotion.Action.PROMOTE,
            release.version(),
            release.sha256(),
            null,
            null,
            List.of(),
            OptionalInt.empty(),
            Instant.EPOCH,
            "benchmark",
            "benchmark");
    return ModelView.caughtUp(
        ModelLines.empty().withRelease(release).withPromotion(promotion),
        Map.of(ModelVersions.releaseKey(release.line(), release.version()), scorer));
  }

  /** As the processor does per bar: state from its bytes, accept, decide, state back to bytes. */
  static List<Signal> scoreOne(BarScoring scoring, Map<String, byte[]> store, Bar bar) {
    SymbolState state = scoring.state(store.get(bar.getSymbol()));
    scoring.accept(bar.getSymbol(), bar, state);
    List<Signal> signals = scoring.decide(bar.getSymbol(), state).signals();
    store.put(bar.getSymbol(), state.toBytes());
    return signals;
  }
}
