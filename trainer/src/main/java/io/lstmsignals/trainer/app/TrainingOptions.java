package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.train.KeptWeights;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** The training config on the command line; defaults are the study's default configuration. */
final class TrainingOptions {

  @Option(
      names = "--window",
      defaultValue = "48",
      description = "Feature rows per window W. Default: 48")
  int windowBars;

  @Option(
      names = "--hidden",
      defaultValue = "32",
      description = "Units per LSTM layer. Default: 32")
  int hiddenSize;

  @Option(names = "--layers", defaultValue = "2", description = "Stacked LSTM layers. Default: 2")
  int layers;

  @Option(
      names = "--dropout",
      defaultValue = "0.1",
      description = "Dropout between layers. Default: 0.1")
  double dropout;

  @Option(names = "--batch-size", defaultValue = "64", description = "Default: 64")
  int batchSize;

  @Option(names = "--max-epochs", defaultValue = "30", description = "Default: 30")
  int maxEpochs;

  @Option(
      names = "--patience",
      defaultValue = "5",
      description = "Early-stopping patience in epochs. Default: 5")
  int patience;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.001",
      description = "Adam learning rate. Default: 0.001")
  double learningRate;

  @Option(
      names = "--keep",
      defaultValue = "LAST",
      description =
          "Weights to keep: LAST epoch (the study's choice) or BEST validation loss. Default: LAST")
  KeptWeights keptWeights;

  @Option(
      names = "--clip-norm",
      description = "Clip the global gradient norm to this value. Default: no clipping")
  Double clipNorm;

  @Option(names = "--seed", defaultValue = "42", description = "Default: 42")
  long seed;

  @Option(
      names = "--gradient-shards",
      defaultValue = "2",
      description =
          "Fixed parts each batch's gradient is computed in (part of the result's identity). Default: 2")
  int shards;

  TrainingConfig config() {
    return new TrainingConfig(
        windowBars,
        hiddenSize,
        layers,
        dropout,
        batchSize,
        maxEpochs,
        patience,
        learningRate,
        keptWeights,
        clipNorm == null ? OptionalDouble.empty() : OptionalDouble.of(clipNorm),
        seed,
        shards);
  }
}
