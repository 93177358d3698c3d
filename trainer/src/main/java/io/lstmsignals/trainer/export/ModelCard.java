package io.lstmsignals.trainer.export;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.MinMaxScaler;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.train.TrainingResult;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * A model's card: flat string key/values, all prefixed {@value ModelCardKeys#PREFIX}, written both
 * as the ONNX {@code metadata_props} and as {@code model.json}. Keys and meanings are listed in
 * {@code trainer/README.md}; the ones a {@code ModelRelease} needs are constants here. Numbers are
 * written with {@link Double#toString} (exact round trip); undefined metrics as {@code undefined}.
 * Immutable, insertion-ordered.
 */
public record ModelCard(Map<String, String> entries) {

  public ModelCard {
    for (String key : entries.keySet()) {
      if (!key.startsWith(ModelCardKeys.PREFIX)) {
        throw new IllegalArgumentException(
            "ModelCard: key '" + key + "' must start with " + ModelCardKeys.PREFIX);
      }
    }
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public String version() {
    return entries.get(ModelCardKeys.VERSION);
  }

  /** This card with more entries (later ones replace equal keys). */
  public ModelCard with(Map<String, String> more) {
    Map<String, String> merged = new LinkedHashMap<>(entries);
    merged.putAll(more);
    return new ModelCard(merged);
  }

  /**
   * The entries every artifact has: contract, identity, window, features and scalers.
   *
   * @param kind {@code trained} (by this trainer) or {@code wrapped} (a model exported elsewhere)
   */
  public static ModelCard describing(
      String version, String kind, String symbol, Duration interval, FeatureScaling scaling) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCardKeys.FORMAT_VERSION, ArtifactLayout.FORMAT_VERSION);
    entries.put(ModelCardKeys.VERSION, version);
    entries.put(ModelCardKeys.KIND, kind);
    entries.put(ModelCardKeys.SYMBOL, symbol);
    entries.put(ModelCardKeys.SYMBOLS, symbol);
    entries.put(ModelCardKeys.INTERVAL, BarInterval.of(interval).name());
    entries.put(ModelCardKeys.WINDOW_BARS, Integer.toString(scaling.windowBars()));
    entries.put(ModelCardKeys.INPUT, ModelInput.INPUT_NAME);
    entries.put(ModelCardKeys.INPUT_LAYOUT, ModelInput.describe(scaling.windowBars()));
    entries.put(ModelCardKeys.OUTPUT, ModelInput.OUTPUT_NAME);
    entries.put(ModelCardKeys.DECISION_RULE, DecisionRule.TEXT);
    entries.put(
        ModelCardKeys.FEATURES,
        scaling.features().stream().map(Feature::id).collect(Collectors.joining(",")));
    MinMaxScaler features = scaling.featureScaler();
    entries.put(ModelCardKeys.FEATURE_MIN, join(features.mins()));
    entries.put(ModelCardKeys.FEATURE_MAX, join(features.maxes()));
    entries.put(ModelCardKeys.TARGET_MIN, Double.toString(scaling.targetScaler().min(0)));
    entries.put(ModelCardKeys.TARGET_MAX, Double.toString(scaling.targetScaler().max(0)));
    return new ModelCard(entries);
  }

  /**
   * Where the data came from and which bars each segment covered (open times of the predicted bars;
   * the training rows are also the rows the scalers were fitted on).
   */
  public static Map<String, String> dataEntries(StudyDataset data) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCardKeys.DATA_SOURCE, data.bars().source());
    entries.put(ModelCardKeys.TRAINED_FROM, data.targetTime(0).toString());
    entries.put(ModelCardKeys.TRAINED_TO, data.targetTime(data.split().train() - 1).toString());
    entries.put(
        ModelCardKeys.VALIDATED_FROM, data.targetTime(data.validationRows().from()).toString());
    entries.put(
        ModelCardKeys.VALIDATED_TO, data.targetTime(data.validationRows().to() - 1).toString());
    entries.putAll(testEntries(data));
    return entries;
  }

  /** The test data only: for a model trained elsewhere and evaluated here. */
  public static Map<String, String> testEntries(StudyDataset data) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(ModelCardKeys.DATA_SOURCE, data.bars().source());
    entries.put(ModelCardKeys.TESTED_FROM, data.targetTime(data.testRows().from()).toString());
    entries.put(ModelCardKeys.TESTED_TO, data.targetTime(data.testRows().to() - 1).toString());
    return entries;
  }

  /** The training config, seed and run summary. */
  public static Map<String, String> trainingEntries(TrainingResult result) {
    Map<String, String> entries = new LinkedHashMap<>();
    result
        .config()
        .asProperties()
        .forEach((key, value) -> entries.put(ModelCardKeys.CONFIG_PREFIX + key, value));
    entries.put(ModelCardKeys.SEED, Long.toString(result.config().seed()));
    entries.put("lstm.epochs_run", Integer.toString(result.epochsRun()));
    entries.put("lstm.kept_epoch", Integer.toString(result.keptEpoch()));
    entries.put("lstm.stopped_early", Boolean.toString(result.stoppedEarly()));
    entries.put("lstm.final_train_loss", Double.toString(result.history().getLast().trainLoss()));
    entries.put(
        "lstm.final_validation_loss", Double.toString(result.history().getLast().validationLoss()));
    return entries;
  }

  /**
   * The test metrics: named as in {@code ModelRelease.metrics} after the {@value
   * ModelCardKeys#METRIC_PREFIX} prefix; MAPE is a fraction.
   */
  public static Map<String, String> metricEntries(TestEvaluation test) {
    Map<String, String> entries = new LinkedHashMap<>();
    ForecastMetrics forecast = test.forecast();
    PerformanceMetrics strategy = test.strategyMetrics();
    PerformanceMetrics hold = test.buyAndHoldMetrics();
    entries.put(ModelCardKeys.METRIC_PREFIX + "testRows", Integer.toString(forecast.rows()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "mae", Double.toString(forecast.mae()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "rmse", Double.toString(forecast.rmse()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "mape", Double.toString(forecast.mape()));
    entries.put(
        ModelCardKeys.METRIC_PREFIX + "directionalAccuracy",
        format(forecast.directionalAccuracy()));
    entries.put(
        ModelCardKeys.METRIC_PREFIX + "cumulativeReturn",
        Double.toString(strategy.cumulativeReturn()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "sharpe", format(strategy.sharpe()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "sortino", format(strategy.sortino()));
    entries.put(
        ModelCardKeys.METRIC_PREFIX + "maxDrawdown", Double.toString(strategy.maxDrawdown()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "exposure", Double.toString(strategy.exposure()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "trades", Long.toString(strategy.trades()));
    entries.put(
        ModelCardKeys.METRIC_PREFIX + "buyAndHoldCumulativeReturn",
        Double.toString(hold.cumulativeReturn()));
    entries.put(ModelCardKeys.METRIC_PREFIX + "buyAndHoldSharpe", format(hold.sharpe()));
    return entries;
  }

  private static String format(OptionalDouble value) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : ModelCardKeys.UNDEFINED;
  }

  private static String join(double[] values) {
    return DoubleStream.of(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }
}
