package io.lstmsignals.trainer.nn;

/**
 * A gate-major copy of a network's LSTM weights ({@code inputByGate[layer][r][k] =
 * inputWeights[k][r]}), for the backward pass: with it, dL/dx and dL/dhPrev are sums of whole rows
 * weighted by the gate gradients ({@link Kernels#addMatrixVector}) instead of dot products, which
 * keeps every kernel element-wise and bit-reproducible. Refresh it after every optimizer step. Not
 * thread-safe to refresh while read.
 */
public final class GateMajorWeights {

  private final double[][][] inputByGate;
  private final double[][][] recurrentByGate;

  private GateMajorWeights(NetworkShape shape) {
    int layers = shape.layers();
    inputByGate = new double[layers][][];
    recurrentByGate = new double[layers][][];
    for (int layer = 0; layer < layers; layer++) {
      inputByGate[layer] = new double[shape.gateSize()][shape.layerInputSize(layer)];
      recurrentByGate[layer] = new double[shape.gateSize()][shape.hiddenSize()];
    }
  }

  /** A copy of {@code network}'s weights, gate-major. */
  public static GateMajorWeights of(LstmNetwork network) {
    GateMajorWeights weights = new GateMajorWeights(network.shape());
    weights.refresh(network);
    return weights;
  }

  /** Copies {@code network}'s current weights (same shape as at creation). */
  public void refresh(LstmNetwork network) {
    if (network.shape().layers() != inputByGate.length) {
      throw new IllegalArgumentException(
          "GateMajorWeights: network has "
              + network.shape().layers()
              + " layers, these weights "
              + inputByGate.length);
    }
    for (int layer = 0; layer < inputByGate.length; layer++) {
      transpose(network.layer(layer).inputWeights(), inputByGate[layer]);
      transpose(network.layer(layer).recurrentWeights(), recurrentByGate[layer]);
    }
  }

  double[][] inputByGate(int layer) {
    return inputByGate[layer];
  }

  double[][] recurrentByGate(int layer) {
    return recurrentByGate[layer];
  }

  private static void transpose(double[][] source, double[][] target) {
    for (int k = 0; k < source.length; k++) {
      double[] row = source[k];
      for (int r = 0; r < row.length; r++) {
        target[r][k] = row[r];
      }
    }
  }
}
