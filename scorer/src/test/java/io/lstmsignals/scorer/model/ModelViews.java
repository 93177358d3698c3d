package io.lstmsignals.scorer.model;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.scorer.signal.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Model views for tests: a line whose version, served by {@code scorer}, is in force. */
public final class ModelViews {
  private ModelViews() {}

  /** The release of a test scorer on its line. */
  public static Release release(Scorer scorer, Instant trainedTo, String... symbols) {
    return new Release(
        scorer.modelName(),
        scorer.version(),
        "0".repeat(63) + Math.abs(scorer.version().hashCode() % 10),
        List.of(symbols),
        scorer.windowBars(),
        BarInterval.FOUR_HOURS,
        trainedTo,
        trainedTo,
        null);
  }

  /** An immediate promotion of {@code release}. */
  public static Promotion promotion(Release release, OptionalInt maxAgeBars) {
    return new Promotion(
        release.line(),
        Promotion.Action.PROMOTE,
        release.version(),
        release.sha256(),
        null,
        null,
        List.of(),
        maxAgeBars,
        Instant.EPOCH,
        "test",
        "test");
  }

  /** A caught-up view in which {@code scorer} is in force for {@code symbols}. */
  public static ModelView serving(Scorer scorer, String... symbols) {
    Release release = release(scorer, null, symbols);
    ModelLines lines =
        ModelLines.empty()
            .withRelease(release)
            .withPromotion(promotion(release, OptionalInt.empty()));
    return ModelView.caughtUp(
        lines, Map.of(ModelVersions.releaseKey(release.line(), release.version()), scorer));
  }

  /** A caught-up view with no line at all. */
  public static ModelView noLines() {
    return ModelView.caughtUp(ModelLines.empty(), Map.of());
  }
}
