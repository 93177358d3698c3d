package io.lstmsignals.trainer.train;

/** Told about each finished epoch (live progress). Called on the training thread. */
@FunctionalInterface
public interface TrainingListener {

  void onEpoch(EpochReport report);

  /** A listener that ignores everything. */
  static TrainingListener none() {
    return report -> {};
  }
}
