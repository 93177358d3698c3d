package io.lstmsignals.trainer.export;

import io.lstmsignals.schemas.performance.PerformanceMetrics;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.IntervalNotation;
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
 * A model's card: flat string key/values, all prefixed {@value ArtifactContract#KEY_PREFIX},
 * written both as the ONNX {@code metadata_props} and as {@code model.json}. Keys and meanings are
 * listed in {@code trainer/README.md}; the ones a {@code ModelRelease} needs are constants here.
 * Numbers are written with {@link Double#toString} (exact round trip); undefined metrics as {@code
 * undefined}. Immutable, insertion-ordered.
 */
public record ModelCard(Map<String, String> entries) {

  public static final String FORMAT_VERSION = "lstm.format_version";
  public static final String VERSION = "lstm.version";
  public static final String KIND = "lstm.kind";
  public static final String SYMBOL = "lstm.symbol";
  public static final String INTERVAL = "lstm.interval";
  public static final String WINDOW_BARS = "lstm.window_bars";
  public static final String INPUT = "lstm.input";
  public static final String INPUT_LAYOUT = "lstm.input_layout";
  public static final String OUTPUT = "lstm.output";
  public static final String DECISION_RULE = "lstm.decision_rule";
  public static final String FEATURES = "lstm.features";
  public static final String FEATURE_MIN = "lstm.feature_min";
  public static final String FEATURE_MAX = "lstm.feature_max";
  public static final String TARGET_MIN = "lstm.target_min";
  public static final String TARGET_MAX = "lstm.target_max";
  public static final String DATA_SOURCE = "lstm.data_source";
  public static final String TRAINED_FROM = "lstm.trained_from";
  public static final String TRAINED_TO = "lstm.trained_to";
  public static final String VALIDATED_FROM = "lstm.validated_from";
  public static final String VALIDATED_TO = "lstm.validated_to";
  public static final String TESTED_FROM = "lstm.tested_from";
  public static final String TESTED_TO = "lstm.tested_to";
  public static final String SEED = "lstm.seed";
  public static final String CONFIG_PREFIX = "lstm.config.";
  public static final String METRIC_PREFIX = "lstm.metric.";
  public static final String UNDEFINED = "undefined";

  public ModelCard {
    for (String key : entries.keySet()) {
      if (!key.startsWith(ArtifactContract.KEY_PREFIX)) {
        throw new IllegalArgumentException(
            "ModelCard: key '" + key + "' must start with " + ArtifactContract.KEY_PREFIX);
      }
    }
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public String version() {
    return entries.get(VERSION);
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
    entries.put(FORMAT_VERSION, ArtifactContract.FORMAT_VERSION);
    entries.put(VERSION, version);
    entries.put(KIND, kind);
    entries.put(SYMBOL, symbol);
    entries.put(INTERVAL, IntervalNotation.format(interval));
    entries.put(WINDOW_BARS, Integer.toString(scaling.windowBars()));
    entries.put(INPUT, ArtifactContract.INPUT);
    entries.put(
        INPUT_LAYOUT,
        "float32 [N, "
            + (scaling.windowBars() + 1)
            + ", "
            + ArtifactContract.BAR_FIELDS
            + "]: "
            + ArtifactContract.BAR_LAYOUT
            + " of consecutive bars, oldest first");
    entries.put(OUTPUT, ArtifactContract.OUTPUT);
    entries.put(DECISION_RULE, "LONG iff close_last * exp(log_return) > close_last, else FLAT");
    entries.put(
        FEATURES, scaling.features().stream().map(Feature::id).collect(Collectors.joining(",")));
    MinMaxScaler features = scaling.featureScaler();
    entries.put(FEATURE_MIN, join(features.mins()));
    entries.put(FEATURE_MAX, join(features.maxes()));
    entries.put(TARGET_MIN, Double.toString(scaling.targetScaler().min(0)));
    entries.put(TARGET_MAX, Double.toString(scaling.targetScaler().max(0)));
    return new ModelCard(entries);
  }

  /**
   * Where the data came from and which bars each segment covered (open times of the predicted bars;
   * the training rows are also the rows the scalers were fitted on).
   */
  public static Map<String, String> dataEntries(StudyDataset data) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(DATA_SOURCE, data.bars().source());
    entries.put(TRAINED_FROM, data.targetTime(0).toString());
    entries.put(TRAINED_TO, data.targetTime(data.split().train() - 1).toString());
    entries.put(VALIDATED_FROM, data.targetTime(data.validationRows().from()).toString());
    entries.put(VALIDATED_TO, data.targetTime(data.validationRows().to() - 1).toString());
    entries.putAll(testEntries(data));
    return entries;
  }

  /** The test data only: for a model trained elsewhere and evaluated here. */
  public static Map<String, String> testEntries(StudyDataset data) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(DATA_SOURCE, data.bars().source());
    entries.put(TESTED_FROM, data.targetTime(data.testRows().from()).toString());
    entries.put(TESTED_TO, data.targetTime(data.testRows().to() - 1).toString());
    return entries;
  }

  /** The training config, seed and run summary. */
  public static Map<String, String> trainingEntries(TrainingResult result) {
    Map<String, String> entries = new LinkedHashMap<>();
    result.config().asProperties().forEach((key, value) -> entries.put(CONFIG_PREFIX + key, value));
    entries.put(SEED, Long.toString(result.config().seed()));
    entries.put("lstm.epochs_run", Integer.toString(result.epochsRun()));
    entries.put("lstm.kept_epoch", Integer.toString(result.keptEpoch()));
    entries.put("lstm.stopped_early", Boolean.toString(result.stoppedEarly()));
    entries.put("lstm.final_train_loss", Double.toString(result.history().getLast().trainLoss()));
    entries.put(
        "lstm.final_validation_loss", Double.toString(result.history().getLast().validationLoss()));
    return entries;
  }

  /**
   * The test metrics: named as in {@code ModelRelease.metrics} after the {@value #METRIC_PREFIX}
   * prefix; MAPE is a fraction.
   */
  public static Map<String, String> metricEntries(TestEvaluation test) {
    Map<String, String> entries = new LinkedHashMap<>();
    ForecastMetrics forecast = test.forecast();
    PerformanceMetrics strategy = test.strategyMetrics();
    PerformanceMetrics hold = test.buyAndHoldMetrics();
    entries.put(METRIC_PREFIX + "testRows", Integer.toString(forecast.rows()));
    entries.put(METRIC_PREFIX + "mae", Double.toString(forecast.mae()));
    entries.put(METRIC_PREFIX + "rmse", Double.toString(forecast.rmse()));
    entries.put(METRIC_PREFIX + "mape", Double.toString(forecast.mape()));
    entries.put(METRIC_PREFIX + "directionalAccuracy", format(forecast.directionalAccuracy()));
    entries.put(METRIC_PREFIX + "cumulativeReturn", Double.toString(strategy.cumulativeReturn()));
    entries.put(METRIC_PREFIX + "sharpe", format(strategy.sharpe()));
    entries.put(METRIC_PREFIX + "sortino", format(strategy.sortino()));
    entries.put(METRIC_PREFIX + "maxDrawdown", Double.toString(strategy.maxDrawdown()));
    entries.put(METRIC_PREFIX + "exposure", Double.toString(strategy.exposure()));
    entries.put(METRIC_PREFIX + "trades", Long.toString(strategy.trades()));
    entries.put(
        METRIC_PREFIX + "buyAndHoldCumulativeReturn", Double.toString(hold.cumulativeReturn()));
    entries.put(METRIC_PREFIX + "buyAndHoldSharpe", format(hold.sharpe()));
    return entries;
  }

  private static String format(OptionalDouble value) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : UNDEFINED;
  }

  private static String join(double[] values) {
    return DoubleStream.of(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }
}
