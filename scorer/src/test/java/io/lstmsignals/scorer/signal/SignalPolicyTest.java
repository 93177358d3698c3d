package io.lstmsignals.scorer.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.scorer.window.BarWindow;
import io.lstmsignals.scorer.window.WindowBar;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SignalPolicyTest {
  private static final Duration H4 = Duration.ofHours(4);

  private static Scorer scorer(int windowBars, ToDoubleFunction<float[]> prediction) {
    return new Scorer() {
      @Override
      public String modelName() {
        return "m";
      }

      @Override
      public String version() {
        return "v1";
      }

      @Override
      public int windowBars() {
        return windowBars;
      }

      @Override
      public double predictLogReturn(float[] bars) {
        return prediction.applyAsDouble(bars);
      }
    };
  }

  private static BarWindow windowOf(int bars, int capacity) {
    BarWindow window = BarWindow.empty(capacity, H4);
    for (int i = 0; i < bars; i++) {
      window.offer(new WindowBar(i * H4.toMillis(), 100, 101, 99, 100 + i, 5));
    }
    return window;
  }

  @Test
  void shouldGoLongOnlyWhenThePredictedCloseIsStrictlyAbove() {
    assertThat(SignalPolicy.fromPrediction(100, 1e-4, "line", "v", false).position())
        .isEqualTo(Position.LONG);
    SignalCall zero = SignalPolicy.fromPrediction(100, 0.0, "line", "v", false);
    assertThat(zero.position()).isEqualTo(Position.FLAT);
    assertThat(zero.cause()).isEqualTo(FlatCause.PREDICTED_NOT_UP);
    assertThat(zero.predictedClose()).isEqualTo(100.0);
    assertThat(SignalPolicy.fromPrediction(100, -1e-4, "line", "v", false).cause())
        .isEqualTo(FlatCause.PREDICTED_NOT_UP);
  }

  @Test
  void shouldStayFlatWhenExpOfATinyReturnRoundsToTheReference() {
    SignalCall call = SignalPolicy.fromPrediction(60_000.0, 1e-18, "line", "v", false);

    assertThat(call.predictedClose()).isEqualTo(60_000.0);
    assertThat(call.position()).isEqualTo(Position.FLAT);
  }

  @Test
  void shouldCallANonFiniteOutputAScoringFailure() {
    SignalCall call = SignalPolicy.fromPrediction(100, Double.NaN, "line", "v", false);

    assertThat(call.cause()).isEqualTo(FlatCause.SCORING_FAILED);
    assertThat(call.scored()).isFalse();
    assertThat(call.detail()).contains("NaN");
  }

  @Test
  void shouldScoreTheNewestBarsNeededOldestFirst() {
    SignalPolicy policy = new SignalPolicy();
    float[][] seen = new float[1][];
    Scorer scorer =
        scorer(
            2,
            bars -> {
              seen[0] = bars.clone();
              return 0.01;
            });

    SignalCall call = policy.decide(windowOf(5, 5), 104, new Verdict.Score("line", scorer, false));

    assertThat(call.position()).isEqualTo(Position.LONG);
    assertThat(call.predictedClose()).isEqualTo(104 * Math.exp(0.01));
    assertThat(call.modelVersion()).isEqualTo("v1");
    assertThat(seen[0]).hasSize(15);
    assertThat(new float[] {seen[0][3], seen[0][8], seen[0][13]}).containsExactly(102f, 103f, 104f);
  }

  @Test
  void shouldWarmUpUntilTheWindowHoldsWPlusOneBars() {
    SignalPolicy policy = new SignalPolicy();
    Scorer scorer = scorer(3, bars -> 0.01);

    SignalCall warming =
        policy.decide(windowOf(3, 4), 102, new Verdict.Score("line", scorer, false));
    SignalCall ready = policy.decide(windowOf(4, 4), 103, new Verdict.Score("line", scorer, false));

    assertThat(warming.cause()).isEqualTo(FlatCause.WARMING_UP);
    assertThat(warming.detail()).isEqualTo("window holds 3 of 4 contiguous bars");
    assertThat(warming.modelVersion()).isEqualTo("v1");
    assertThat(ready.position()).isEqualTo(Position.LONG);
  }

  @Test
  void shouldReportAGapUntilTheWindowRefills() {
    SignalPolicy policy = new SignalPolicy();
    BarWindow window = windowOf(4, 4);
    window.offer(new WindowBar(10 * H4.toMillis(), 100, 101, 99, 100, 5));

    SignalCall call =
        policy.decide(window, 100, new Verdict.Score("line", scorer(3, bars -> 0.01), false));

    assertThat(call.cause()).isEqualTo(FlatCause.GAP_IN_WINDOW);
    assertThat(call.detail()).contains("1 of 4");
  }

  @Test
  void shouldSayWhyWhenTheModelDidNotDecide() {
    SignalPolicy policy = new SignalPolicy();

    SignalCall unserved =
        policy.decide(
            windowOf(1, 4),
            100,
            new Verdict.Flat(FlatCause.NO_MODEL_FOR_SYMBOL, "no model line serves X", null, null));
    SignalCall expired =
        policy.decide(
            windowOf(1, 4),
            100,
            new Verdict.Flat(FlatCause.MODEL_EXPIRED, "too old", "lstm-4h", "v3"));

    assertThat(unserved.cause()).isEqualTo(FlatCause.NO_MODEL_FOR_SYMBOL);
    assertThat(unserved.modelVersion()).isNull();
    assertThat(expired.cause()).isEqualTo(FlatCause.MODEL_EXPIRED);
    assertThat(expired.modelLine()).isEqualTo("lstm-4h");
    assertThat(expired.modelVersion()).isEqualTo("v3");
  }

  @Test
  void aHeldBarMustNotBeDecided() {
    assertThatThrownBy(
            () -> new SignalPolicy().decide(windowOf(1, 4), 100, new Verdict.Hold("a model")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOptInSymbolShouldSaySo() {
    SignalCall call =
        new SignalPolicy()
            .decide(windowOf(4, 4), 100, new Verdict.Score("line", scorer(3, b -> 0.01), true));

    assertThat(call.optIn()).isTrue();
    assertThat(call.modelLine()).isEqualTo("line");
  }

  @Test
  void shouldTurnARuntimeFailureIntoAScoringFailure() {
    SignalPolicy policy = new SignalPolicy();
    Scorer failing =
        scorer(
            1,
            bars -> {
              throw new ScoringException("boom", null);
            });

    SignalCall call = policy.decide(windowOf(2, 2), 100, new Verdict.Score("line", failing, false));

    assertThat(call.cause()).isEqualTo(FlatCause.SCORING_FAILED);
    assertThat(call.detail()).isEqualTo("boom");
  }
}
