package io.lstmsignals.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole network's backward pass against central finite differences of its loss, for every
 * parameter.
 */
class NetworkGradientCheckTest {

  private static final int STEPS = 6;
  private static final double DROPOUT = 0.3;
  private static final double STEP = 1e-5;

  static Stream<Kernels> kernels() {
    return Stream.of(new ScalarKernels(), new SimdKernels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void analyticGradientMatchesFiniteDifferencesForEveryParameter(Kernels kernels) {
    // Given a 3-layer network with dropout between layers and a few samples with fixed dropout
    // masks
    NetworkShape shape = new NetworkShape(3, 5, 3);
    LstmNetwork network = LstmNetwork.initialized(shape, new SplittableRandom(7));
    SplittableRandom data = new SplittableRandom(11);
    double[][] rows = new double[STEPS + 3][3];
    for (double[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = data.nextDouble();
      }
    }
    double[] targets = {0.3, 0.8, 0.5, 0.1};
    LstmWorkspace workspace = new LstmWorkspace(kernels, shape, STEPS);

    // When the analytic gradient is computed
    LstmNetwork analytic = LstmNetwork.zeros(shape);
    loss(workspace, network, analytic, rows, targets);

    // Then each parameter's central difference agrees with it
    double[][] parameters = network.blocks();
    double[][] gradient = analytic.blocks();
    double differenceSquares = 0.0;
    double sumSquares = 0.0;
    int checked = 0;
    for (int b = 0; b < parameters.length; b++) {
      for (int j = 0; j < parameters[b].length; j++) {
        double original = parameters[b][j];
        parameters[b][j] = original + STEP;
        double plus = loss(workspace, network, LstmNetwork.zeros(shape), rows, targets);
        parameters[b][j] = original - STEP;
        double minus = loss(workspace, network, LstmNetwork.zeros(shape), rows, targets);
        parameters[b][j] = original;
        double numeric = (plus - minus) / (2 * STEP);
        double a = gradient[b][j];
        differenceSquares += (a - numeric) * (a - numeric);
        sumSquares += a * a + numeric * numeric;
        assertThat(Math.abs(a - numeric))
            .as("block %d entry %d: analytic %s, numeric %s", b, j, a, numeric)
            .isLessThan(1e-4 * Math.max(Math.abs(numeric), 1e-3));
        checked++;
      }
    }
    double relativeError = Math.sqrt(differenceSquares) / Math.sqrt(sumSquares);
    assertThat(checked).isEqualTo(shape.parameterCount());
    assertThat(relativeError).isLessThan(1e-4);
  }

  private static double loss(
      LstmWorkspace workspace,
      LstmNetwork network,
      LstmNetwork gradient,
      double[][] rows,
      double[] targets) {
    double loss = 0.0;
    double weight = 1.0 / targets.length;
    for (int sample = 0; sample < targets.length; sample++) {
      loss +=
          weight
              * workspace.accumulateGradient(
                  network,
                  GateMajorWeights.of(network),
                  gradient,
                  rows,
                  sample,
                  targets[sample],
                  weight,
                  DROPOUT,
                  1000 + sample);
    }
    return loss;
  }
}
