package io.lstmsignals.trainer.nn;

/**
 * Sizes of a stacked LSTM with a linear head on the top layer's last hidden state.
 *
 * @param inputSize features per time step
 * @param hiddenSize units per LSTM layer
 * @param layers stacked LSTM layers
 */
public record NetworkShape(int inputSize, int hiddenSize, int layers) {

  public NetworkShape {
    if (inputSize < 1 || hiddenSize < 1 || layers < 1) {
      throw new IllegalArgumentException(
          "NetworkShape: inputSize "
              + inputSize
              + ", hiddenSize "
              + hiddenSize
              + " and layers "
              + layers
              + " must all be >= 1");
    }
  }

  /**
   * Inputs per step of layer {@code layer}: the features for the first, the layer below's hidden
   * state after.
   */
  public int layerInputSize(int layer) {
    return layer == 0 ? inputSize : hiddenSize;
  }

  /** Width of the stacked gate vector, 4 × hiddenSize. */
  public int gateSize() {
    return 4 * hiddenSize;
  }

  /** Number of trainable values. */
  public int parameterCount() {
    int count = 0;
    for (int layer = 0; layer < layers; layer++) {
      count += gateSize() * (layerInputSize(layer) + hiddenSize + 1);
    }
    return count + hiddenSize + 1;
  }
}
