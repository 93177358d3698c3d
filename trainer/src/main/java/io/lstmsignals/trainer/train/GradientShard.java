package io.lstmsignals.trainer.train;

import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.GateMajorWeights;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.nn.LstmNetwork;
import io.lstmsignals.trainer.nn.LstmWorkspace;
import io.lstmsignals.trainer.nn.NetworkShape;

/**
 * One fixed part of every batch: its own workspace and gradient accumulator. Used by one thread at
 * a time.
 */
final class GradientShard {

  private final LstmWorkspace workspace;
  private final LstmNetwork gradient;

  GradientShard(Kernels kernels, NetworkShape shape, int windowBars) {
    this.workspace = new LstmWorkspace(kernels, shape, windowBars);
    this.gradient = LstmNetwork.zeros(shape);
  }

  LstmNetwork gradient() {
    return gradient;
  }

  /**
   * Replaces the gradient with that of samples {@code batch[from, to)}, each weighted by {@code
   * weight}.
   *
   * @return their summed squared error
   */
  double accumulate(
      StudyDataset data,
      LstmNetwork network,
      GateMajorWeights gateMajor,
      int[] batch,
      int from,
      int to,
      double weight,
      double dropout,
      int epoch,
      RandomStreams random) {
    gradient.clear();
    double squaredErrors = 0.0;
    double[][] features = data.scaledFeatures();
    for (int i = from; i < to; i++) {
      int row = batch[i];
      squaredErrors +=
          workspace.accumulateGradient(
              network,
              gateMajor,
              gradient,
              features,
              data.windowStart(row),
              data.scaledTarget(row),
              weight,
              dropout,
              random.dropoutSeed(epoch, row));
    }
    return squaredErrors;
  }

  /**
   * Writes the predictions for rows {@code rows.row(from) … rows.row(to − 1)} into {@code out[from,
   * to)}.
   */
  void predict(
      StudyDataset data, LstmNetwork network, RowRange rows, int from, int to, double[] out) {
    double[][] features = data.scaledFeatures();
    for (int i = from; i < to; i++) {
      out[i] = workspace.predict(network, features, data.windowStart(rows.row(i)));
    }
  }
}
