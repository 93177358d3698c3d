package io.lstmsignals.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.nn.ScalarKernels;
import io.lstmsignals.trainer.nn.SimdKernels;
import io.lstmsignals.trainer.testing.StudyData;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /**
   * A small config with dropout and clipping, so that every random stream and option is exercised.
   */
  private static final TrainingConfig SMALL =
      new TrainingConfig(
          16, 8, 2, 0.2, 64, 3, 5, 1e-3, KeptWeights.LAST, OptionalDouble.of(1.0), 42, 2);

  private static StudyDataset data;

  @BeforeAll
  static void loadData() {
    data = StudyData.dataset(16);
  }

  @Test
  void sameSeedTwiceGivesBitIdenticalWeightsAndMetrics() {
    TrainingResult first = train(new SimdKernels(), 2, SMALL);
    TrainingResult second = train(new SimdKernels(), 2, SMALL);

    assertThat(second.network().bitwiseEquals(first.network())).isTrue();
    assertThat(lossesOf(second)).isEqualTo(lossesOf(first));
    assertThat(testMetrics(second)).isEqualTo(testMetrics(first));
  }

  @Test
  void threadCountAndKernelsDoNotChangeTheResult() {
    TrainingResult simdTwoThreads = train(new SimdKernels(), 2, SMALL);
    TrainingResult scalarOneThread = train(new ScalarKernels(), 1, SMALL);

    assertThat(scalarOneThread.network().bitwiseEquals(simdTwoThreads.network())).isTrue();
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    TrainingResult first = train(new SimdKernels(), 2, SMALL);
    TrainingResult other = train(new SimdKernels(), 2, SMALL.withSeed(43));

    assertThat(other.network().bitwiseEquals(first.network())).isFalse();
  }

  @Test
  void trainingLowersTheLossAndReportsEveryEpoch() {
    List<EpochReport> reports = new ArrayList<>();
    TrainingResult result;
    try (Trainer trainer = new Trainer(Kernels.best(), 2)) {
      result = trainer.train(data, SMALL, reports::add);
    }

    assertThat(reports).hasSize(3).isEqualTo(result.history());
    assertThat(reports.getLast().trainLoss()).isLessThan(reports.getFirst().trainLoss());
    assertThat(result.keptEpoch()).isEqualTo(3);
  }

  @Test
  void earlyStoppingEndsTheRunAndBestKeepsTheBestEpochsWeights() {
    // Given a learning rate so high that validation loss soon stops improving
    TrainingConfig unstable =
        new TrainingConfig(
            16, 8, 1, 0.0, 64, 12, 1, 0.3, KeptWeights.BEST, OptionalDouble.empty(), 42, 2);

    TrainingResult result = train(new SimdKernels(), 2, unstable);

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.epochsRun()).isLessThan(12);
    EpochReport kept = result.history().get(result.keptEpoch() - 1);
    assertThat(kept.validationLoss())
        .isEqualTo(
            result.history().stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow());
    assertThat(validationLoss(result)).isEqualTo(kept.validationLoss());
  }

  private static TrainingResult train(Kernels kernels, int threads, TrainingConfig config) {
    try (Trainer trainer = new Trainer(kernels, threads)) {
      return trainer.train(data, config, TrainingListener.none());
    }
  }

  private static List<Double> lossesOf(TrainingResult result) {
    List<Double> losses = new ArrayList<>();
    result
        .history()
        .forEach(
            epoch -> {
              losses.add(epoch.trainLoss());
              losses.add(epoch.validationLoss());
            });
    return losses;
  }

  private static List<Object> testMetrics(TrainingResult result) {
    double[] scaled;
    try (Trainer trainer = new Trainer(Kernels.best(), 2)) {
      scaled = trainer.predictScaled(data, result.network(), data.testRows());
    }
    double[] logReturns = new double[scaled.length];
    for (int i = 0; i < scaled.length; i++) {
      logReturns[i] = data.targetScaler().unscale(0, scaled[i]);
    }
    TestEvaluation evaluation = TestEvaluation.of(data, logReturns);
    return List.of(evaluation.forecast(), evaluation.strategyMetrics());
  }

  private static double validationLoss(TrainingResult result) {
    double[] scaled;
    try (Trainer trainer = new Trainer(Kernels.best(), 1)) {
      scaled = trainer.predictScaled(data, result.network(), data.validationRows());
    }
    double sum = 0;
    for (int i = 0; i < scaled.length; i++) {
      double error = scaled[i] - data.scaledTarget(data.validationRows().row(i));
      sum += error * error;
    }
    return sum / scaled.length;
  }
}
