package io.lstmsignals.trainer.nn;

import java.util.Arrays;

/**
 * One time step of one LSTM layer, forward and backward, with gates in ONNX's order i, o, f, c:
 *
 * <pre>
 *   z = b + Σ x[k]·Wx[k] + Σ hPrev[k]·Wh[k]          (4H pre-activations)
 *   i = σ(z_i)   o = σ(z_o)   f = σ(z_f)   g = tanh(z_c)
 *   c = f ⊙ cPrev + i ⊙ g     h = o ⊙ tanh(c)
 * </pre>
 *
 * Stateless; the caller owns every array.
 */
public final class LstmCell {

  private LstmCell() {}

  /**
   * Computes one step.
   *
   * @param gates out: the activated gates (i, o, f, g), kept for the backward step
   * @param cell out: the new cell state c
   * @param tanhCell out: tanh(c), kept for the backward step
   * @param hidden out: the new hidden state h
   */
  public static void forward(
      Kernels kernels,
      LstmLayer layer,
      double[] x,
      double[] hiddenPrev,
      double[] cellPrev,
      double[] gates,
      double[] cell,
      double[] tanhCell,
      double[] hidden) {
    int h = layer.hiddenSize();
    System.arraycopy(layer.bias(), 0, gates, 0, 4 * h);
    kernels.addMatrixVector(gates, layer.inputWeights(), x, layer.inputSize());
    kernels.addMatrixVector(gates, layer.recurrentWeights(), hiddenPrev, h);
    kernels.sigmoid(gates, 0, 3 * h);
    kernels.tanh(gates, 3 * h, gates, 3 * h, h);
    for (int j = 0; j < h; j++) {
      cell[j] = gates[2 * h + j] * cellPrev[j] + gates[j] * gates[3 * h + j];
    }
    kernels.tanh(cell, 0, tanhCell, 0, h);
    for (int j = 0; j < h; j++) {
      hidden[j] = gates[h + j] * tanhCell[j];
    }
  }

  /**
   * Back-propagates one step through the gates and the recurrence. The parameter gradients are
   * accumulated later for all steps at once ({@link #accumulateParameterGradients}), which reads
   * and writes each gradient row once per window instead of once per step.
   *
   * @param inputByGate the layer's input weights gate-major (see {@link GateMajorWeights})
   * @param recurrentByGate the layer's recurrent weights gate-major
   * @param dHidden in: dL/dh of this step (from the next step and from above)
   * @param dCell in: dL/dc of this step from the next step; out: dL/dcPrev
   * @param dGates out: dL/dz, the 4H pre-activation gradients of this step
   * @param dHiddenPrev out: dL/dhPrev through the recurrence (overwritten)
   * @param dInput out, may be null: dL/dx is added to it (null for the first layer, whose inputs
   *     are data)
   */
  public static void backward(
      Kernels kernels,
      int hiddenSize,
      double[][] inputByGate,
      double[][] recurrentByGate,
      double[] cellPrev,
      double[] gates,
      double[] tanhCell,
      double[] dHidden,
      double[] dCell,
      double[] dGates,
      double[] dHiddenPrev,
      double[] dInput) {
    int h = hiddenSize;
    for (int j = 0; j < h; j++) {
      double i = gates[j];
      double o = gates[h + j];
      double f = gates[2 * h + j];
      double g = gates[3 * h + j];
      double tc = tanhCell[j];
      double dc = dCell[j] + dHidden[j] * o * (1.0 - tc * tc);
      dGates[j] = dc * g * i * (1.0 - i);
      dGates[h + j] = dHidden[j] * tc * o * (1.0 - o);
      dGates[2 * h + j] = dc * cellPrev[j] * f * (1.0 - f);
      dGates[3 * h + j] = dc * i * (1.0 - g * g);
      dCell[j] = dc * f;
    }
    Arrays.fill(dHiddenPrev, 0, h, 0.0);
    kernels.addMatrixVector(dHiddenPrev, recurrentByGate, dGates, 4 * h);
    if (dInput != null) {
      kernels.addMatrixVector(dInput, inputByGate, dGates, 4 * h);
    }
  }

  /**
   * Adds a whole window's parameter gradients: {@code dW[k] += Σ_t x_t[k] · dz_t}, {@code dR[k] +=
   * Σ_t hPrev_t[k] · dz_t}, {@code db += Σ_t dz_t}, each as one row combination over the steps.
   *
   * @param inputsByFeature [inputSize][steps]: input k at each step
   * @param hiddenPrevByUnit [hiddenSize][steps]: unit k of the previous hidden state at each step
   * @param dGatesBySteps [steps][4H]: the steps' pre-activation gradients
   * @param ones at least {@code steps} ones
   */
  public static void accumulateParameterGradients(
      Kernels kernels,
      LstmLayer gradient,
      double[][] inputsByFeature,
      double[][] hiddenPrevByUnit,
      double[][] dGatesBySteps,
      double[] ones,
      int steps) {
    kernels.addMatrixVector(gradient.bias(), dGatesBySteps, ones, steps);
    double[][] inputGradient = gradient.inputWeights();
    for (int k = 0; k < inputGradient.length; k++) {
      kernels.addMatrixVector(inputGradient[k], dGatesBySteps, inputsByFeature[k], steps);
    }
    double[][] recurrentGradient = gradient.recurrentWeights();
    for (int k = 0; k < recurrentGradient.length; k++) {
      kernels.addMatrixVector(recurrentGradient[k], dGatesBySteps, hiddenPrevByUnit[k], steps);
    }
  }
}
