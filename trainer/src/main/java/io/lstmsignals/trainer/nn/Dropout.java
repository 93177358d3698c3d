package io.lstmsignals.trainer.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout between stacked LSTM layers, as PyTorch's {@code nn.LSTM(dropout=p)} applies it:
 * every element of a lower layer's output sequence is dropped independently with probability p
 * during training, and kept ones are scaled by 1/(1 − p) so that inference needs no rescaling.
 */
public final class Dropout {

  private Dropout() {}

  /**
   * Draws a mask: each entry 0 (dropped, probability p) or 1/(1 − p) (kept).
   *
   * @param probability p in [0, 1)
   */
  public static void fillMask(double[][] mask, double probability, SplittableRandom random) {
    if (!(probability >= 0 && probability < 1)) {
      throw new IllegalArgumentException(
          "Dropout: probability " + probability + " must be in [0, 1)");
    }
    double kept = 1.0 / (1.0 - probability);
    for (double[] row : mask) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextDouble() < probability ? 0.0 : kept;
      }
    }
  }

  /** {@code out[j] = input[j] · mask[j]}: forward and backward alike. */
  public static void apply(double[] input, double[] mask, double[] out) {
    for (int j = 0; j < out.length; j++) {
      out[j] = input[j] * mask[j];
    }
  }
}
