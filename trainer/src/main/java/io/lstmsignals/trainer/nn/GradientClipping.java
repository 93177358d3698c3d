package io.lstmsignals.trainer.nn;

/**
 * Gradient-norm clipping as PyTorch's {@code clip_grad_norm_} does it, over all parameters
 * together.
 */
public final class GradientClipping {

  private GradientClipping() {}

  /** The L2 norm of all gradient values together. */
  public static double globalNorm(LstmNetwork gradient) {
    double squares = 0.0;
    for (double[] block : gradient.blocks()) {
      for (double value : block) {
        squares += value * value;
      }
    }
    return Math.sqrt(squares);
  }

  /**
   * Scales the gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1.
   *
   * @return the norm before clipping
   */
  public static double clipToNorm(LstmNetwork gradient, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("GradientClipping: maxNorm " + maxNorm + " must be > 0");
    }
    double norm = globalNorm(gradient);
    double coefficient = maxNorm / (norm + 1e-6);
    if (coefficient < 1.0) {
      for (double[] block : gradient.blocks()) {
        for (int j = 0; j < block.length; j++) {
          block[j] *= coefficient;
        }
      }
    }
    return norm;
  }
}
