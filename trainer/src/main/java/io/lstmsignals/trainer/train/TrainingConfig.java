package io.lstmsignals.trainer.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything that determines a training run; with the same data, equal configs give bit-identical
 * weights.
 *
 * @param windowBars W, feature rows per window
 * @param hiddenSize units per LSTM layer
 * @param layers stacked LSTM layers
 * @param dropout dropout probability between layers, in [0, 1)
 * @param batchSize samples per optimizer step (the last batch of an epoch may be smaller)
 * @param maxEpochs upper bound on epochs
 * @param patience stop after this many epochs in a row without a lower validation loss
 * @param learningRate Adam's learning rate
 * @param keptWeights which epoch's weights to return
 * @param clipNorm clip the global gradient norm to this, if present
 * @param seed seeds initialisation, shuffling and dropout
 * @param shards the fixed number of parts each batch's gradient is computed in; the parts are
 *     summed in order, so the result does not depend on how many threads run them
 */
public record TrainingConfig(
    int windowBars,
    int hiddenSize,
    int layers,
    double dropout,
    int batchSize,
    int maxEpochs,
    int patience,
    double learningRate,
    KeptWeights keptWeights,
    OptionalDouble clipNorm,
    long seed,
    int shards) {

  /**
   * The study's default: 48 bars, 2 × 32 units, dropout 0.1, batch 64, ≤ 30 epochs, patience 5, lr
   * 1e-3, seed 42.
   */
  public static final TrainingConfig STUDY_DEFAULT =
      new TrainingConfig(
          48, 32, 2, 0.1, 64, 30, 5, 1e-3, KeptWeights.LAST, OptionalDouble.empty(), 42, 2);

  public TrainingConfig {
    StringBuilder problems = new StringBuilder();
    check(problems, windowBars >= 1, "windowBars", windowBars, ">= 1");
    check(problems, hiddenSize >= 1, "hiddenSize", hiddenSize, ">= 1");
    check(problems, layers >= 1, "layers", layers, ">= 1");
    check(problems, dropout >= 0 && dropout < 1, "dropout", dropout, "in [0, 1)");
    check(problems, batchSize >= 1, "batchSize", batchSize, ">= 1");
    check(problems, maxEpochs >= 1, "maxEpochs", maxEpochs, ">= 1");
    check(problems, patience >= 1, "patience", patience, ">= 1");
    check(
        problems,
        learningRate > 0 && Double.isFinite(learningRate),
        "learningRate",
        learningRate,
        "> 0");
    check(problems, keptWeights != null, "keptWeights", keptWeights, "LAST or BEST");
    check(
        problems,
        clipNorm != null && (clipNorm.isEmpty() || clipNorm.getAsDouble() > 0),
        "clipNorm",
        clipNorm,
        "empty or > 0");
    check(problems, shards >= 1, "shards", shards, ">= 1");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid TrainingConfig:" + problems);
    }
  }

  private static void check(
      StringBuilder problems, boolean ok, String name, Object value, String rule) {
    if (!ok) {
      problems
          .append(System.lineSeparator())
          .append("  Invalid value ")
          .append(value)
          .append(" for ")
          .append(name)
          .append(": must be ")
          .append(rule);
    }
  }

  public TrainingConfig withSeed(long newSeed) {
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
        clipNorm,
        newSeed,
        shards);
  }

  public TrainingConfig withArchitecture(
      int newWindowBars, int newHiddenSize, int newLayers, double newDropout) {
    return new TrainingConfig(
        newWindowBars,
        newHiddenSize,
        newLayers,
        newDropout,
        batchSize,
        maxEpochs,
        patience,
        learningRate,
        keptWeights,
        clipNorm,
        seed,
        shards);
  }

  public TrainingConfig withMaxEpochs(int newMaxEpochs) {
    return new TrainingConfig(
        windowBars,
        hiddenSize,
        layers,
        dropout,
        batchSize,
        newMaxEpochs,
        patience,
        learningRate,
        keptWeights,
        clipNorm,
        seed,
        shards);
  }

  /** The config as ordered (key, value) pairs, for the model card. */
  public Map<String, String> asProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("window_bars", Integer.toString(windowBars));
    properties.put("hidden_size", Integer.toString(hiddenSize));
    properties.put("layers", Integer.toString(layers));
    properties.put("dropout", Double.toString(dropout));
    properties.put("batch_size", Integer.toString(batchSize));
    properties.put("max_epochs", Integer.toString(maxEpochs));
    properties.put("patience", Integer.toString(patience));
    properties.put("learning_rate", Double.toString(learningRate));
    properties.put("kept_weights", keptWeights.name().toLowerCase(Locale.ROOT));
    properties.put(
        "clip_norm", clipNorm.isPresent() ? Double.toString(clipNorm.getAsDouble()) : "none");
    properties.put("seed", Long.toString(seed));
    properties.put("gradient_shards", Integer.toString(shards));
    return properties;
  }
}
