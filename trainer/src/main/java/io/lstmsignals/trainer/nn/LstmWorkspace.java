package io.lstmsignals.trainer.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward and backward passes of one window through an {@link LstmNetwork}, with every buffer they
 * need allocated once. One workspace per thread: it is not thread-safe. The network is only read;
 * gradients go to a separate accumulator, so several workspaces can work on one network at once.
 */
public final class LstmWorkspace {

  private final Kernels kernels;
  private final NetworkShape shape;
  private final int steps;
  private final double[][][] inputs;
  private final double[][][] gates;
  private final double[][][] cells;
  private final double[][][] tanhCells;
  private final double[][][] hidden;
  private final double[][][] masks;
  private final double[][][] droppedInputs;
  private final double[][][] dInputs;
  private final double[] dHidden;
  private final double[] dHiddenRecurrent;
  private final double[] dHiddenPrev;
  private final double[] dCell;
  private final double[][] dGates;
  private final double[][] inputsByFeature;
  private final double[][] hiddenPrevByUnit;
  private final double[] ones;

  /**
   * @param steps the window length W
   */
  public LstmWorkspace(Kernels kernels, NetworkShape shape, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("LstmWorkspace: steps " + steps + " must be >= 1");
    }
    this.kernels = kernels;
    this.shape = shape;
    this.steps = steps;
    int layers = shape.layers();
    int h = shape.hiddenSize();
    inputs = new double[layers][steps][];
    gates = new double[layers][steps][shape.gateSize()];
    cells = new double[layers][steps + 1][h];
    tanhCells = new double[layers][steps][h];
    hidden = new double[layers][steps + 1][h];
    masks = new double[layers][steps][h];
    droppedInputs = new double[layers][steps][h];
    dInputs = new double[layers][steps][h];
    dHidden = new double[h];
    dHiddenRecurrent = new double[h];
    dHiddenPrev = new double[h];
    dCell = new double[h];
    dGates = new double[steps][shape.gateSize()];
    inputsByFeature = new double[Math.max(shape.inputSize(), h)][steps];
    hiddenPrevByUnit = new double[h][steps];
    ones = new double[steps];
    Arrays.fill(ones, 1.0);
  }

  public int steps() {
    return steps;
  }

  /**
   * The network's output for the window {@code rows[start] … rows[start + steps − 1]} (no dropout).
   *
   * @param rows feature rows of inputSize values each
   */
  public double predict(LstmNetwork network, double[][] rows, int start) {
    return forward(network, rows, start, false);
  }

  /**
   * Forward and backward pass of one training sample whose loss is {@code weight · (ŷ − target)²};
   * adds its gradient into {@code gradient}.
   *
   * @param gateMajor {@code network}'s weights gate-major, current
   * @param dropout dropout probability between layers (0 for none)
   * @param dropoutSeed seeds this sample's dropout masks, so that the pass is reproducible
   * @return the squared error {@code (ŷ − target)²}
   */
  public double accumulateGradient(
      LstmNetwork network,
      GateMajorWeights gateMajor,
      LstmNetwork gradient,
      double[][] rows,
      int start,
      double target,
      double weight,
      double dropout,
      long dropoutSeed) {
    boolean dropping = dropout > 0 && shape.layers() > 1;
    if (dropping) {
      SplittableRandom random = new SplittableRandom(dropoutSeed);
      for (int layer = 1; layer < shape.layers(); layer++) {
        Dropout.fillMask(masks[layer], dropout, random);
      }
    }
    double prediction = forward(network, rows, start, dropping);
    double error = prediction - target;
    backward(network, gateMajor, gradient, 2.0 * weight * error, dropping);
    return error * error;
  }

  private double forward(LstmNetwork network, double[][] rows, int start, boolean dropping) {
    requireShape(network);
    if (start < 0 || start + steps > rows.length) {
      throw new IndexOutOfBoundsException(
          "LstmWorkspace: window ["
              + start
              + ", "
              + (start + steps)
              + ") is outside the "
              + rows.length
              + " rows");
    }
    for (int t = 0; t < steps; t++) {
      inputs[0][t] = rows[start + t];
    }
    int layers = shape.layers();
    for (int layer = 0; layer < layers; layer++) {
      LstmLayer parameters = network.layer(layer);
      double[][] layerInputs = inputs[layer];
      for (int t = 0; t < steps; t++) {
        LstmCell.forward(
            kernels,
            parameters,
            layerInputs[t],
            hidden[layer][t],
            cells[layer][t],
            gates[layer][t],
            cells[layer][t + 1],
            tanhCells[layer][t],
            hidden[layer][t + 1]);
      }
      if (layer + 1 < layers) {
        for (int t = 0; t < steps; t++) {
          if (dropping) {
            Dropout.apply(hidden[layer][t + 1], masks[layer + 1][t], droppedInputs[layer + 1][t]);
            inputs[layer + 1][t] = droppedInputs[layer + 1][t];
          } else {
            inputs[layer + 1][t] = hidden[layer][t + 1];
          }
        }
      }
    }
    double[] top = hidden[layers - 1][steps];
    double[] headWeights = network.headWeights();
    double prediction = network.headBias();
    for (int j = 0; j < top.length; j++) {
      prediction += headWeights[j] * top[j];
    }
    return prediction;
  }

  private void backward(
      LstmNetwork network,
      GateMajorWeights gateMajor,
      LstmNetwork gradient,
      double dPrediction,
      boolean dropping) {
    requireShape(gradient);
    int layers = shape.layers();
    int h = shape.hiddenSize();
    double[] top = hidden[layers - 1][steps];
    double[] headGradient = gradient.headWeights();
    for (int j = 0; j < h; j++) {
      headGradient[j] += dPrediction * top[j];
    }
    gradient.headBiasBlock()[0] += dPrediction;
    double[] headWeights = network.headWeights();
    for (int layer = layers - 1; layer >= 0; layer--) {
      LstmLayer parameters = network.layer(layer);
      LstmLayer layerGradient = gradient.layer(layer);
      Arrays.fill(dCell, 0.0);
      Arrays.fill(dHiddenRecurrent, 0.0);
      if (layer > 0) {
        for (double[] row : dInputs[layer]) {
          Arrays.fill(row, 0.0);
        }
      }
      for (int t = steps - 1; t >= 0; t--) {
        if (layer == layers - 1) {
          for (int j = 0; j < h; j++) {
            dHidden[j] =
                dHiddenRecurrent[j] + (t == steps - 1 ? dPrediction * headWeights[j] : 0.0);
          }
        } else {
          double[] fromAbove = dInputs[layer + 1][t];
          double[] mask = masks[layer + 1][t];
          for (int j = 0; j < h; j++) {
            dHidden[j] = dHiddenRecurrent[j] + (dropping ? fromAbove[j] * mask[j] : fromAbove[j]);
          }
        }
        LstmCell.backward(
            kernels,
            h,
            gateMajor.inputByGate(layer),
            gateMajor.recurrentByGate(layer),
            cells[layer][t],
            gates[layer][t],
            tanhCells[layer][t],
            dHidden,
            dCell,
            dGates[t],
            dHiddenPrev,
            layer > 0 ? dInputs[layer][t] : null);
        System.arraycopy(dHiddenPrev, 0, dHiddenRecurrent, 0, h);
      }
      transpose(inputs[layer], parameters.inputSize(), inputsByFeature);
      transpose(hidden[layer], h, hiddenPrevByUnit);
      LstmCell.accumulateParameterGradients(
          kernels, layerGradient, inputsByFeature, hiddenPrevByUnit, dGates, ones, steps);
    }
  }

  /** {@code byColumn[k][t] = rows[t][k]} for t < steps, k < columns. */
  private void transpose(double[][] rows, int columns, double[][] byColumn) {
    for (int t = 0; t < steps; t++) {
      double[] row = rows[t];
      for (int k = 0; k < columns; k++) {
        byColumn[k][t] = row[k];
      }
    }
  }

  private void requireShape(LstmNetwork network) {
    if (!network.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "LstmWorkspace: built for " + shape + ", given a network of " + network.shape());
    }
  }
}
