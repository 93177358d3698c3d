package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.train.KeptWeights;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The training config on the command line. Every default is the study's default configuration, read
 * from {@link TrainingConfig#STUDY_DEFAULT} (picocli shows a field's initial value as its default),
 * so the defaults are stated once.
 */
final class TrainingOptions {
  private static final TrainingConfig DEFAULT = TrainingConfig.STUDY_DEFAULT;

  @Option(names = "--window", description = "Feature rows per window W. Default: ${DEFAULT-VALUE}")
  int windowBars = DEFAULT.windowBars();

  @Option(names = "--hidden", description = "Units per LSTM layer. Default: ${DEFAULT-VALUE}")
  int hiddenSize = DEFAULT.hiddenSize();

  @Option(names = "--layers", description = "Stacked LSTM layers. Default: ${DEFAULT-VALUE}")
  int layers = DEFAULT.layers();

  @Option(names = "--dropout", description = "Dropout between layers. Default: ${DEFAULT-VALUE}")
  double dropout = DEFAULT.dropout();

  @Option(names = "--batch-size", description = "Default: ${DEFAULT-VALUE}")
  int batchSize = DEFAULT.batchSize();

  @Option(names = "--max-epochs", description = "Default: ${DEFAULT-VALUE}")
  int maxEpochs = DEFAULT.maxEpochs();

  @Option(
      names = "--patience",
      description = "Early-stopping patience in epochs. Default: ${DEFAULT-VALUE}")
  int patience = DEFAULT.patience();

  @Option(names = "--learning-rate", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
  double learningRate = DEFAULT.learningRate();

  @Option(
      names = "--keep",
      description =
          "Weights to keep: LAST epoch (the study's choice) or BEST validation loss."
              + " Default: ${DEFAULT-VALUE}")
  KeptWeights keptWeights = DEFAULT.keptWeights();

  @Option(
      names = "--clip-norm",
      description = "Clip the global gradient norm to this value. Default: no clipping")
  Double clipNorm;

  @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}")
  long seed = DEFAULT.seed();

  @Option(
      names = "--gradient-shards",
      description =
          "Fixed parts each batch's gradient is computed in (part of the result's identity)."
              + " Default: ${DEFAULT-VALUE}")
  int shards = DEFAULT.shards();

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
