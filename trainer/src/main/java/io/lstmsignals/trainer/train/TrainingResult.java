package io.lstmsignals.trainer.train;

import io.lstmsignals.trainer.nn.LstmNetwork;
import java.util.List;

/**
 * A finished training run.
 *
 * @param network the kept weights
 * @param history every epoch run, in order
 * @param keptEpoch the epoch whose weights {@code network} holds
 * @param stoppedEarly whether early stopping ended the run before maxEpochs
 */
public record TrainingResult(
    TrainingConfig config,
    LstmNetwork network,
    List<EpochReport> history,
    int keptEpoch,
    boolean stoppedEarly) {

  public TrainingResult {
    history = List.copyOf(history);
  }

  public int epochsRun() {
    return history.size();
  }

  /** Mean wall time per epoch. */
  public double secondsPerEpoch() {
    return history.stream().mapToDouble(EpochReport::seconds).average().orElse(0.0);
  }
}
