package io.lstmsignals.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdamTest {

  @Test
  void firstTwoStepsFollowPyTorchsUpdateRule() {
    // Given a network of one value per block and a constant gradient g
    NetworkShape shape = new NetworkShape(1, 1, 1);
    LstmNetwork network = LstmNetwork.zeros(shape);
    LstmNetwork gradient = LstmNetwork.zeros(shape);
    for (double[] block : gradient.blocks()) {
      Arrays.fill(block, 0.5);
    }
    Adam adam = new Adam(network, 0.01);

    // When two steps are taken
    adam.step(network, gradient);
    double afterOne = network.blocks()[0][0];
    adam.step(network, gradient);
    double afterTwo = network.blocks()[0][0];

    // Then: with a constant gradient m̂ = g and v̂ = g², so each step moves lr · g / (|g| + ε·...)
    // ≈ lr
    double m1 = 0.1 * 0.5;
    double v1 = 0.001 * 0.25;
    double expectedOne = -(0.01 / 0.1) * m1 / (Math.sqrt(v1) / Math.sqrt(0.001) + 1e-8);
    assertThat(afterOne).isCloseTo(expectedOne, within(1e-15));
    double m2 = 0.9 * m1 + 0.1 * 0.5;
    double v2 = 0.999 * v1 + 0.001 * 0.25;
    double expectedTwo =
        expectedOne - (0.01 / (1 - 0.81)) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - 0.998001) + 1e-8);
    assertThat(afterTwo).isCloseTo(expectedTwo, within(1e-15));
    assertThat(adam.steps()).isEqualTo(2);
  }

  @Test
  void clippingScalesTheGlobalNormDownButNeverUp() {
    NetworkShape shape = new NetworkShape(1, 1, 1);
    LstmNetwork gradient = LstmNetwork.zeros(shape);
    gradient.blocks()[0][0] = 3.0;
    gradient.blocks()[0][1] = 4.0;

    double before = GradientClipping.clipToNorm(gradient, 1.0);

    assertThat(before).isEqualTo(5.0);
    assertThat(GradientClipping.globalNorm(gradient)).isCloseTo(1.0, within(1e-6));
    assertThat(GradientClipping.clipToNorm(gradient, 10.0)).isCloseTo(1.0, within(1e-6));
    assertThat(GradientClipping.globalNorm(gradient)).isCloseTo(1.0, within(1e-6));
  }
}
