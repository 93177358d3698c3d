package io.lstmsignals.trainer.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The parameters of a stacked LSTM with a linear head ({@code y = headWeights · h_top(T) +
 * headBias}), or a gradient of the same shape. Mutable (the optimizer updates it in place); not
 * thread-safe.
 */
public final class LstmNetwork {

  private final NetworkShape shape;
  private final LstmLayer[] layers;
  private final double[] headWeights;
  private final double[] headBias;

  private LstmNetwork(
      NetworkShape shape, LstmLayer[] layers, double[] headWeights, double[] headBias) {
    this.shape = shape;
    this.layers = layers;
    this.headWeights = headWeights;
    this.headBias = headBias;
  }

  /** All zeros: a gradient accumulator. */
  public static LstmNetwork zeros(NetworkShape shape) {
    LstmLayer[] layers = new LstmLayer[shape.layers()];
    for (int layer = 0; layer < layers.length; layer++) {
      layers[layer] = LstmLayer.zeros(shape.layerInputSize(layer), shape.hiddenSize());
    }
    return new LstmNetwork(shape, layers, new double[shape.hiddenSize()], new double[1]);
  }

  /**
   * PyTorch's default initialisation: every LSTM weight uniform in ±1/√H; the bias of a gate is the
   * sum of two such draws (PyTorch has separate input and recurrent biases); the head uniform in
   * ±1/√H.
   */
  public static LstmNetwork initialized(NetworkShape shape, SplittableRandom random) {
    LstmNetwork network = zeros(shape);
    double bound = 1.0 / Math.sqrt(shape.hiddenSize());
    for (LstmLayer layer : network.layers) {
      fillUniform(layer.inputWeights(), bound, random);
      fillUniform(layer.recurrentWeights(), bound, random);
      for (int j = 0; j < layer.bias().length; j++) {
        layer.bias()[j] = uniform(bound, random) + uniform(bound, random);
      }
    }
    fillUniform(new double[][] {network.headWeights, network.headBias}, bound, random);
    return network;
  }

  private static void fillUniform(double[][] rows, double bound, SplittableRandom random) {
    for (double[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = uniform(bound, random);
      }
    }
  }

  private static double uniform(double bound, SplittableRandom random) {
    return (2.0 * random.nextDouble() - 1.0) * bound;
  }

  public NetworkShape shape() {
    return shape;
  }

  /** Layer {@code layer}, its arrays shared with this network. */
  public LstmLayer layer(int layer) {
    return layers[layer];
  }

  /** The head's weights, shared with this network. */
  public double[] headWeights() {
    return headWeights;
  }

  public double headBias() {
    return headBias[0];
  }

  /** The head bias as a one-element array shared with this network (for gradient accumulation). */
  double[] headBiasBlock() {
    return headBias;
  }

  /**
   * Every parameter row in one fixed order (per layer: input rows, recurrent rows, bias; then head
   * weights and head bias). The rows are shared: the optimizer and the gradient reduction work
   * through them.
   */
  public double[][] blocks() {
    List<double[]> blocks = new ArrayList<>();
    for (LstmLayer layer : layers) {
      blocks.addAll(Arrays.asList(layer.inputWeights()));
      blocks.addAll(Arrays.asList(layer.recurrentWeights()));
      blocks.add(layer.bias());
    }
    blocks.add(headWeights);
    blocks.add(headBias);
    return blocks.toArray(double[][]::new);
  }

  /** A deep copy. */
  public LstmNetwork copy() {
    LstmNetwork copy = zeros(shape);
    copy.copyFrom(this);
    return copy;
  }

  /** Overwrites this network's values with {@code other}'s (same shape). */
  public void copyFrom(LstmNetwork other) {
    requireSameShape(other);
    double[][] to = blocks();
    double[][] from = other.blocks();
    for (int b = 0; b < to.length; b++) {
      System.arraycopy(from[b], 0, to[b], 0, to[b].length);
    }
  }

  /** Adds {@code other} element-wise (the fixed-order reduction of per-shard gradients). */
  public void add(LstmNetwork other) {
    requireSameShape(other);
    double[][] to = blocks();
    double[][] from = other.blocks();
    for (int b = 0; b < to.length; b++) {
      for (int j = 0; j < to[b].length; j++) {
        to[b][j] += from[b][j];
      }
    }
  }

  /** Sets every value to 0. */
  public void clear() {
    for (double[] block : blocks()) {
      Arrays.fill(block, 0.0);
    }
  }

  /** Whether both networks hold exactly the same bits. */
  public boolean bitwiseEquals(LstmNetwork other) {
    return shape.equals(other.shape) && Arrays.deepEquals(blocks(), other.blocks());
  }

  private void requireSameShape(LstmNetwork other) {
    if (!shape.equals(other.shape)) {
      throw new IllegalArgumentException(
          "LstmNetwork: shape " + other.shape + " differs from " + shape);
    }
  }
}
