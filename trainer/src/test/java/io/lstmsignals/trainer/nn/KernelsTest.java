package io.lstmsignals.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the scalar reference, on widths that exercise the block, vector and
 * scalar tails.
 */
class KernelsTest {

  private final Kernels scalar = new ScalarKernels();
  private final Kernels simd = new SimdKernels();
  private final SplittableRandom random = new SplittableRandom(3);

  @Test
  void matrixVectorIsBitIdenticalToScalar() {
    for (int width : new int[] {1, 7, 8, 33, 64, 128, 131}) {
      double[][] rows = randomRows(9, width);
      double[] x = randomVector(9);
      x[4] = 0.0;
      double[] outScalar = randomVector(width);
      double[] outSimd = outScalar.clone();
      scalar.addMatrixVector(outScalar, rows, x, 9);
      simd.addMatrixVector(outSimd, rows, x, 9);
      assertThat(outSimd).as("addMatrixVector width %d", width).isEqualTo(outScalar);
    }
  }

  @Test
  void activationsAreBitIdenticalToScalarAndCloseToTheLibraryFunctions() {
    for (int width : new int[] {3, 8, 64, 131}) {
      double[] z = new double[width];
      for (int j = 0; j < width; j++) {
        z[j] = 40 * random.nextDouble() - 20;
      }
      double[] sigmoidScalar = z.clone();
      double[] sigmoidSimd = z.clone();
      scalar.sigmoid(sigmoidScalar, 1, width);
      simd.sigmoid(sigmoidSimd, 1, width);
      double[] tanhScalar = new double[width];
      double[] tanhSimd = new double[width];
      scalar.tanh(z, 0, tanhScalar, 0, width);
      simd.tanh(z, 0, tanhSimd, 0, width);

      assertThat(sigmoidSimd).isEqualTo(sigmoidScalar);
      assertThat(tanhSimd).isEqualTo(tanhScalar);
      assertThat(sigmoidSimd[0]).as("sigmoid leaves entries before 'from' alone").isEqualTo(z[0]);
      for (int j = 1; j < width; j++) {
        assertThat(sigmoidSimd[j]).isCloseTo(1 / (1 + Math.exp(-z[j])), within(1e-15));
        assertThat(tanhSimd[j]).isCloseTo(Math.tanh(z[j]), within(1e-15));
      }
    }
  }

  @Test
  void activationsAreBitIdenticalToScalarAtTheClampAndBeyond() {
    double[] z = {-1e6, -800, -700, -350.5, -0.3, 0, 1e-300, 0.3, 350.5, 700, 800, 1e6};
    double[] sigmoidScalar = z.clone();
    double[] sigmoidSimd = z.clone();
    scalar.sigmoid(sigmoidScalar, 0, z.length);
    simd.sigmoid(sigmoidSimd, 0, z.length);
    double[] tanhScalar = new double[z.length];
    double[] tanhSimd = new double[z.length];
    scalar.tanh(z, 0, tanhScalar, 0, z.length);
    simd.tanh(z, 0, tanhSimd, 0, z.length);

    assertThat(sigmoidSimd).isEqualTo(sigmoidScalar);
    assertThat(tanhSimd).isEqualTo(tanhScalar);
    assertThat(sigmoidSimd[0]).isCloseTo(0.0, within(1e-300));
    assertThat(tanhSimd[z.length - 1]).isEqualTo(1.0);
  }

  @Test
  void portableExpIsWithinTwoUlpsOfMathExpAndSaturates() {
    for (int i = 0; i < 100_000; i++) {
      double x = 1400 * random.nextDouble() - 700;
      double expected = Math.exp(x);
      assertThat(Math.abs(PortableExp.exp(x) - expected))
          .as("exp(%s)", x)
          .isLessThanOrEqualTo(2 * Math.ulp(expected));
    }
    assertThat(PortableExp.exp(0.0)).isEqualTo(1.0);
    assertThat(PortableExp.sigmoid(-1e6)).isBetween(0.0, 1e-300);
    assertThat(PortableExp.sigmoid(1e6)).isEqualTo(1.0);
    assertThat(PortableExp.exp(Double.NaN)).isNaN();
  }

  private double[][] randomRows(int count, int width) {
    double[][] rows = new double[count][];
    for (int k = 0; k < count; k++) {
      rows[k] = randomVector(width);
    }
    return rows;
  }

  private double[] randomVector(int width) {
    double[] v = new double[width];
    for (int j = 0; j < width; j++) {
      v[j] = random.nextDouble() - 0.5;
    }
    return v;
  }
}
