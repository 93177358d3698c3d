package io.lstmsignals.trainer.nn;

/**
 * The Adam optimizer with PyTorch's update rule and defaults (β1 0.9, β2 0.999, ε 1e-8, no weight
 * decay):
 *
 * <pre>
 *   m = β1·m + (1 − β1)·g      v = β2·v + (1 − β2)·g²
 *   θ = θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 *
 * Keeps one moment pair per parameter; not thread-safe.
 */
public final class Adam {

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[][] firstMoment;
  private final double[][] secondMoment;
  private long step;

  /** Adam with PyTorch's defaults for the parameters of {@code network}. */
  public Adam(LstmNetwork network, double learningRate) {
    this(network, learningRate, 0.9, 0.999, 1e-8);
  }

  public Adam(
      LstmNetwork network, double learningRate, double beta1, double beta2, double epsilon) {
    if (!(learningRate > 0)
        || !(beta1 >= 0 && beta1 < 1)
        || !(beta2 >= 0 && beta2 < 1)
        || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "Adam: learningRate "
              + learningRate
              + ", beta1 "
              + beta1
              + ", beta2 "
              + beta2
              + ", epsilon "
              + epsilon
              + ": need learningRate > 0, betas in [0, 1), epsilon > 0");
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.firstMoment = LstmNetwork.zeros(network.shape()).blocks();
    this.secondMoment = LstmNetwork.zeros(network.shape()).blocks();
  }

  /**
   * Applies one update to {@code network} from {@code gradient} (same shape as at construction).
   */
  public void step(LstmNetwork network, LstmNetwork gradient) {
    double[][] parameters = network.blocks();
    double[][] gradients = gradient.blocks();
    if (parameters.length != firstMoment.length) {
      throw new IllegalArgumentException(
          "Adam: network has "
              + parameters.length
              + " blocks, optimizer state "
              + firstMoment.length);
    }
    step++;
    double biasCorrection1 = 1.0 - Math.pow(beta1, step);
    double sqrtBiasCorrection2 = Math.sqrt(1.0 - Math.pow(beta2, step));
    double stepSize = learningRate / biasCorrection1;
    for (int b = 0; b < parameters.length; b++) {
      double[] p = parameters[b];
      double[] g = gradients[b];
      double[] m = firstMoment[b];
      double[] v = secondMoment[b];
      for (int j = 0; j < p.length; j++) {
        m[j] = beta1 * m[j] + (1.0 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1.0 - beta2) * g[j] * g[j];
        p[j] -= stepSize * m[j] / (Math.sqrt(v[j]) / sqrtBiasCorrection2 + epsilon);
      }
    }
  }

  /** Updates applied so far. */
  public long steps() {
    return step;
  }
}
