package io.lstmsignals.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.scorer.signal.FlatCause;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelViewTest {
  private static final Duration H4 = Duration.ofHours(4);
  private static final Instant BAR = Instant.parse("2024-06-01T00:00:00Z");

  private static final Scorer SCORER =
      new Scorer() {
        @Override
        public String modelName() {
          return "btc";
        }

        @Override
        public String version() {
          return "v1";
        }

        @Override
        public int windowBars() {
          return 3;
        }

        @Override
        public double predictLogReturn(float[] bars) {
          return 0.01;
        }
      };

  @Test
  void noBarMayBeDecidedBeforeTheLifecycleTopicsAreRead() {
    ModelView view = ModelView.initial(Set.of(), false);

    assertThat(view.verdict("BTCUSDT", BAR, H4)).isInstanceOf(Verdict.Hold.class);
  }

  @Test
  void aSymbolNoLineServesShouldBeFlatForThatReason() {
    assertThat(ModelViews.noLines().verdict("XRPUSDT", BAR, H4))
        .isEqualTo(
            new Verdict.Flat(
                FlatCause.NO_MODEL_FOR_SYMBOL, "no model line serves XRPUSDT", null, null));
  }

  @Test
  void aServedSymbolShouldBeScoredByItsLinesModelOnceLoaded() {
    ModelView view = ModelViews.serving(SCORER, "BTCUSDT");
    ModelView notLoadedYet =
        new ModelView(view.lines(), Map.of(), true, Set.of(), false, view.generation());

    assertThat(view.verdict("BTCUSDT", BAR, H4)).isEqualTo(new Verdict.Score("btc", SCORER, false));
    assertThat(notLoadedYet.verdict("BTCUSDT", BAR, H4))
        .isEqualTo(new Verdict.Hold("version btc@v1 to be loaded"));
  }

  @Test
  void aLineThisScorerDoesNotServeShouldNotBeScored() {
    ModelView view = ModelViews.serving(SCORER, "BTCUSDT");
    ModelView otherLinesOnly =
        new ModelView(view.lines(), view.loaded(), true, Set.of("eth"), false, 1);

    assertThat(otherLinesOnly.verdict("BTCUSDT", BAR, H4))
        .isInstanceOf(Verdict.Flat.class)
        .extracting(v -> ((Verdict.Flat) v).cause())
        .isEqualTo(FlatCause.NO_MODEL_FOR_SYMBOL);
  }

  @Test
  void aModelPastItsLinesMaximumAgeShouldBeFlatWithReasonExpired() {
    Instant trainedTo = BAR.minus(H4.multipliedBy(5));
    Release release = ModelViews.release(SCORER, trainedTo, "BTCUSDT");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(release)
            .withPromotion(ModelViews.promotion(release, OptionalInt.of(4)));
    ModelView view =
        new ModelView(
            lines, Map.of(ModelVersions.releaseKey("btc", "v1"), SCORER), true, Set.of(), false, 1);

    assertThat(view.verdict("BTCUSDT", BAR.minus(H4), H4)).isInstanceOf(Verdict.Score.class);
    Verdict expired = view.verdict("BTCUSDT", BAR, H4);
    assertThat(expired).isInstanceOf(Verdict.Flat.class);
    assertThat(((Verdict.Flat) expired).cause()).isEqualTo(FlatCause.MODEL_EXPIRED);
    assertThat(((Verdict.Flat) expired).detail()).contains("5 bars past its training");
  }

  @Test
  void flatWhenMissingShouldDecideAtOnceInsteadOfWaiting() {
    ModelView view = ModelView.initial(Set.of(), true);

    assertThat(view.verdict("BTCUSDT", BAR, H4))
        .isInstanceOf(Verdict.Flat.class)
        .extracting(v -> ((Verdict.Flat) v).cause())
        .isEqualTo(FlatCause.NO_MODEL);
  }
}
