package io.lstmsignals.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LstmCellTest {

  @Test
  void forwardStepOfOneUnitMatchesTheEquationsWithGatesInOnnxOrder() {
    // Given one unit, one input, gates ordered i, o, f, c
    LstmLayer layer =
        new LstmLayer(
            new double[][] {{0.5, -0.3, 0.8, 0.2}},
            new double[][] {{0.1, 0.4, -0.2, 0.7}},
            new double[] {0.05, -0.1, 0.3, 0.0});
    double x = 0.9;
    double hPrev = -0.4;
    double cPrev = 0.6;
    double[] gates = new double[4];
    double[] cell = new double[1];
    double[] tanhCell = new double[1];
    double[] hidden = new double[1];

    // When
    LstmCell.forward(
        new ScalarKernels(),
        layer,
        new double[] {x},
        new double[] {hPrev},
        new double[] {cPrev},
        gates,
        cell,
        tanhCell,
        hidden);

    // Then
    double i = sigmoid(0.05 + 0.5 * x + 0.1 * hPrev);
    double o = sigmoid(-0.1 - 0.3 * x + 0.4 * hPrev);
    double f = sigmoid(0.3 + 0.8 * x - 0.2 * hPrev);
    double g = Math.tanh(0.2 * x + 0.7 * hPrev);
    double c = f * cPrev + i * g;
    assertThat(gates).containsExactly(new double[] {i, o, f, g}, within(1e-15));
    assertThat(cell[0]).isCloseTo(c, within(1e-15));
    assertThat(hidden[0]).isCloseTo(o * Math.tanh(c), within(1e-15));
  }

  @Test
  void backwardStepWithZeroIncomingGradientGivesZeroGradients() {
    double[] gates = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1};
    double[] dCell = new double[3];
    double[] dGates = new double[12];
    double[] dHiddenPrev = {9, 9, 9};
    double[][] recurrentByGate = new double[12][3];
    for (double[] row : recurrentByGate) {
      Arrays.fill(row, 1.0);
    }

    LstmCell.backward(
        new ScalarKernels(),
        3,
        new double[12][2],
        recurrentByGate,
        new double[3],
        gates,
        new double[3],
        new double[3],
        dCell,
        dGates,
        dHiddenPrev,
        null);

    assertThat(dGates).containsOnly(0.0);
    assertThat(dHiddenPrev).containsOnly(0.0);
  }

  @Test
  void parameterGradientsSumTheStepsOuterProducts() {
    LstmLayer gradient = LstmLayer.zeros(1, 1);
    double[][] inputsByFeature = {{2.0, 3.0}};
    double[][] hiddenPrevByUnit = {{0.0, 0.5}};
    double[][] dGates = {{1, 2, 3, 4}, {10, 20, 30, 40}};

    LstmCell.accumulateParameterGradients(
        new ScalarKernels(),
        gradient,
        inputsByFeature,
        hiddenPrevByUnit,
        dGates,
        new double[] {1, 1},
        2);

    assertThat(gradient.bias()).containsExactly(11, 22, 33, 44);
    assertThat(gradient.inputWeights()[0]).containsExactly(32, 64, 96, 128);
    assertThat(gradient.recurrentWeights()[0]).containsExactly(5, 10, 15, 20);
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
