package io.lstmsignals.trainer.nn;

/**
 * The parameters of one LSTM layer (or their gradients), stored input-major so that the gate
 * pre-activations are a sum of whole rows: {@code z = bias + Σ_k x[k] · inputWeights[k] + Σ_k h[k]
 * · recurrentWeights[k]}.
 *
 * <p>The gate vector z has 4 blocks of hiddenSize in ONNX's order <b>i, o, f, c</b> (input, output,
 * forget, cell candidate), so {@code inputWeights[k][g · H + j]} is ONNX's {@code W[0][g · H +
 * j][k]} and the export needs no reordering. One bias per gate (ONNX's Wb + Rb).
 *
 * @param inputWeights [inputSize][4H]
 * @param recurrentWeights [hiddenSize][4H]
 * @param bias [4H]
 */
public record LstmLayer(double[][] inputWeights, double[][] recurrentWeights, double[] bias) {

  public LstmLayer {
    int gates = bias.length;
    if (gates == 0 || gates % 4 != 0 || recurrentWeights.length * 4 != gates) {
      throw new IllegalArgumentException(
          "LstmLayer: bias has "
              + gates
              + " entries and recurrentWeights "
              + recurrentWeights.length
              + " rows; need bias = 4 x hiddenSize = 4 x recurrent rows");
    }
    requireRowWidth("inputWeights", inputWeights, gates);
    requireRowWidth("recurrentWeights", recurrentWeights, gates);
  }

  /** A layer of zeros (e.g. a gradient accumulator). */
  public static LstmLayer zeros(int inputSize, int hiddenSize) {
    return new LstmLayer(
        new double[inputSize][4 * hiddenSize],
        new double[hiddenSize][4 * hiddenSize],
        new double[4 * hiddenSize]);
  }

  public int inputSize() {
    return inputWeights.length;
  }

  public int hiddenSize() {
    return recurrentWeights.length;
  }

  private static void requireRowWidth(String name, double[][] rows, int width) {
    for (int k = 0; k < rows.length; k++) {
      if (rows[k].length != width) {
        throw new IllegalArgumentException(
            "LstmLayer: "
                + name
                + " row "
                + k
                + " has "
                + rows[k].length
                + " entries; must be 4 x hiddenSize = "
                + width);
      }
    }
  }
}
