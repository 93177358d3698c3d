package io.lstmsignals.trainer.train;

/**
 * Early stopping on validation loss: an epoch improves when its loss is strictly below the best so
 * far; training stops after {@code patience} epochs in a row without improvement. Mutable; one per
 * run.
 */
public final class EarlyStopping {

  private final int patience;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int epochsWithoutImprovement;

  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("EarlyStopping: patience " + patience + " must be >= 1");
    }
    this.patience = patience;
  }

  /**
   * Records an epoch's validation loss.
   *
   * @return whether it improved on the best so far
   */
  public boolean record(int epoch, double validationLoss) {
    if (validationLoss < bestLoss) {
      bestLoss = validationLoss;
      bestEpoch = epoch;
      epochsWithoutImprovement = 0;
      return true;
    }
    epochsWithoutImprovement++;
    return false;
  }

  public boolean shouldStop() {
    return epochsWithoutImprovement >= patience;
  }

  public double bestLoss() {
    return bestLoss;
  }

  /** The epoch with the lowest loss so far, 0 before any. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
