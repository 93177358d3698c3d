package io.lstmsignals.trainer.train;

/** Which epoch's weights training returns. The study kept the last. */
public enum KeptWeights {
  /** The weights after the last epoch run (the study's choice). */
  LAST,
  /** The weights of the epoch with the lowest validation loss. */
  BEST
}
