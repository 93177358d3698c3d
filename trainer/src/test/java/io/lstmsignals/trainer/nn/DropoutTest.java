package io.lstmsignals.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {

  @Test
  void maskDropsAboutPAndScalesKeptEntriesByOneOverOneMinusP() {
    double[][] mask = new double[200][100];

    Dropout.fillMask(mask, 0.25, new SplittableRandom(1));

    long dropped =
        Arrays.stream(mask).flatMapToDouble(Arrays::stream).filter(v -> v == 0.0).count();
    assertThat(dropped / 20000.0).isCloseTo(0.25, within(0.02));
    assertThat(
            Arrays.stream(mask)
                .flatMapToDouble(Arrays::stream)
                .filter(v -> v != 0.0)
                .distinct()
                .toArray())
        .containsExactly(1.0 / 0.75);
  }

  @Test
  void sameSeedGivesTheSameMaskAndZeroProbabilityKeepsEverything() {
    double[][] first = new double[4][8];
    double[][] second = new double[4][8];
    Dropout.fillMask(first, 0.5, new SplittableRandom(9));
    Dropout.fillMask(second, 0.5, new SplittableRandom(9));
    assertThat(second).isDeepEqualTo(first);

    Dropout.fillMask(first, 0.0, new SplittableRandom(9));
    assertThat(Arrays.stream(first).flatMapToDouble(Arrays::stream).toArray()).containsOnly(1.0);
  }

  @Test
  void probabilityOfOneIsRejected() {
    assertThatThrownBy(() -> Dropout.fillMask(new double[1][1], 1.0, new SplittableRandom(1)))
        .hasMessageContaining("probability 1.0 must be in [0, 1)");
  }
}
