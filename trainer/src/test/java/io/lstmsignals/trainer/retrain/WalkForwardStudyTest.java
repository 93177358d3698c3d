package io.lstmsignals.trainer.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.OhlcvBar;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.retrain.RetrainPolicy.Window;
import io.lstmsignals.trainer.retrain.WalkForwardStudy.Arm;
import io.lstmsignals.trainer.retrain.WalkForwardStudy.ArmRun;
import io.lstmsignals.trainer.train.KeptWeights;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalkForwardStudyTest {
  private static final Duration FOUR_HOURS = Duration.ofHours(4);
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final double STEP = 0.01;

  /** Bars from which the retrained arm's challengers were fitted on regime B alone. */
  private static final int ADAPTED_FROM = 600;

  /**
   * A regime switch with a known answer: every bar's volume is high or low at random, and the next
   * bar moves by ±1 % in log terms; in regime A (bars before {@code switchAt}) a high-volume bar is
   * followed by a rise, in regime B by a fall. Inputs look alike in both regimes; only the rule
   * flips. A model fitted on A calls every B bar wrong; one fitted on B calls it right.
   */
  static BarSeries regimeSwitch(int bars, int switchAt, long seed) {
    Random random = new Random(seed);
    List<OhlcvBar> out = new ArrayList<>();
    double close = 100;
    boolean highVolume = random.nextBoolean();
    for (int k = 0; k < bars; k++) {
      double open = close;
      if (k > 0) {
        boolean rises = (k < switchAt) == highVolume;
        close = open * Math.exp(rises ? STEP : -STEP);
        highVolume = random.nextBoolean();
      }
      out.add(
          new OhlcvBar(
              START.plus(FOUR_HOURS.multipliedBy(k)),
              open,
              Math.max(open, close),
              Math.min(open, close),
              close,
              highVolume ? 2000 : 1000));
    }
    return new BarSeries("SYNTHUSDT-4h-regime-switch", FOUR_HOURS, out);
  }

  private static RetrainPolicy base(int windowBars) {
    TrainingConfig training =
        new TrainingConfig(
            4, 8, 1, 0.0, 16, 40, 40, 1e-2, KeptWeights.LAST, OptionalDouble.empty(), 7, 1);
    return new RetrainPolicy(
        "synth",
        "SYNTHUSDT",
        FOUR_HOURS,
        100,
        Instant.EPOCH,
        Window.ROLLING,
        windowBars,
        0,
        GateCriterion.SHARPE,
        0.0,
        true,
        training);
  }

  @Test
  void shouldFollowARegimeSwitchWhenRetrainedAndMissItWhenFrozen() {
    // Given 700 bars that switch rules at bar 350, and a rolling window of 200 bars
    BarSeries bars = regimeSwitch(700, 350, 11);
    WalkForwardStudy.Grid grid =
        new WalkForwardStudy.Grid(
            List.of(100), List.of(Window.ROLLING), List.of(false), List.of(7L));

    // When the frozen arm and a challenger every 100 bars decide the same bars
    WalkForwardStudy.Result result =
        WalkForwardStudy.run(
            base(200), bars, grid, Kernels::best, 1, WalkForwardStudy.logging(line -> {}));

    // Then on the bars after the rolling window holds regime B alone, the retrained arm calls
    // (nearly) every move right and the frozen one (nearly) every move wrong
    WalkForwardEvaluation.Path frozen = adapted(result.runs().get(Arm.FROZEN).getFirst());
    WalkForwardEvaluation.Path retrained =
        adapted(result.runs().get(new Arm(100, Window.ROLLING, false)).getFirst());
    assertThat(frozen.forecast().orElseThrow().directionalAccuracy().getAsDouble())
        .isLessThanOrEqualTo(0.05);
    assertThat(retrained.forecast().orElseThrow().directionalAccuracy().getAsDouble())
        .isGreaterThanOrEqualTo(0.95);
    // and by the expected margin: long before every rise (+1 % each) against long before every
    // fall (−1 % each) is a log-growth gap of 1 % per bar held
    int held = retrained.times().length;
    double gap = logGrowth(retrained) - logGrowth(frozen);
    assertThat(gap).isCloseTo(STEP * held, within(0.1 * STEP * held));
    // while before the switch both arms are the same model
    assertThat(result.runs().get(Arm.FROZEN).getFirst().calls().getFirst())
        .isEqualTo(
            result.runs().get(new Arm(100, Window.ROLLING, false)).getFirst().calls().getFirst());
  }

  @Test
  void shouldGiveTheSameResultsWhateverTheThreadCount() {
    // Given a tiny grid: two K's, both windows, the gate on and off, two seeds
    BarSeries bars = regimeSwitch(420, 300, 5);
    WalkForwardStudy.Grid grid =
        new WalkForwardStudy.Grid(
            List.of(60, 120),
            List.of(Window.ROLLING, Window.EXPANDING),
            List.of(true, false),
            List.of(1L, 2L));
    RetrainPolicy base =
        new RetrainPolicy(
            "synth",
            "SYNTHUSDT",
            FOUR_HOURS,
            60,
            Instant.EPOCH,
            Window.ROLLING,
            200,
            0,
            GateCriterion.SHARPE,
            0.0,
            true,
            base(200).training().withMaxEpochs(3));

    // When it runs on one thread and on three
    WalkForwardStudy.Result one =
        WalkForwardStudy.run(base, bars, grid, Kernels::best, 1, WalkForwardStudy.logging(l -> {}));
    WalkForwardStudy.Result three =
        WalkForwardStudy.run(base, bars, grid, Kernels::best, 3, WalkForwardStudy.logging(l -> {}));

    // Then every arm and seed made the same calls, and each distinct window was trained once
    assertThat(three.runs()).isEqualTo(one.runs());
    assertThat(one.runs()).hasSize(9);
    // (per seed: rolling and expanding reach boundaries 200, 260, 320, 380: 4 + 4 windows)
    assertThat(one.trainings()).isEqualTo(2 * 8);
    ArmRun gateOff = one.runs().get(new Arm(60, Window.ROLLING, false)).getFirst();
    assertThat(gateOff.promoted()).isEqualTo(gateOff.decisions());
  }

  private static WalkForwardEvaluation.Path adapted(ArmRun run) {
    List<WalkForward.BarCall> calls =
        run.calls().stream()
            .filter(c -> !c.barOpen().isBefore(START.plus(FOUR_HOURS.multipliedBy(ADAPTED_FROM))))
            .toList();
    return WalkForwardEvaluation.path(calls);
  }

  private static double logGrowth(WalkForwardEvaluation.Path path) {
    double sum = 0;
    for (double r : path.strategy(0).returns()) {
      sum += Math.log1p(r);
    }
    return sum;
  }
}
