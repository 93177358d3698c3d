package io.lstmsignals.schemas.contract;

/**
 * The keys of a model card: flat string entries, all prefixed {@value #PREFIX}, that the trainer
 * writes as the ONNX {@code metadata_props} and as {@code model.json}, and that releases and
 * scorers read. trainer/README.md lists what each holds. Times are ISO-8601 instants of bar open
 * times; numbers are written with {@link Double#toString}; an undefined metric as {@value
 * #UNDEFINED}.
 */
public final class ModelCardKeys {

  /** Prefix of every key. */
  public static final String PREFIX = "lstm.";

  /** {@link ArtifactLayout#FORMAT_VERSION} of the artifact. */
  public static final String FORMAT_VERSION = "lstm.format_version";

  /** The model's version, unique within its line. */
  public static final String VERSION = "lstm.version";

  /** {@code trained} (by this trainer) or {@code wrapped} (a model exported elsewhere). */
  public static final String KIND = "lstm.kind";

  /** The symbol whose bars the model was trained on. */
  public static final String SYMBOL = "lstm.symbol";

  /**
   * The symbols the model is for, comma separated (its line serves them); when absent, {@link
   * #SYMBOL}.
   */
  public static final String SYMBOLS = "lstm.symbols";

  /** The version this model was trained to replace, if any. */
  public static final String PARENT_VERSION = "lstm.parent_version";

  /** The bar interval in exchange notation ({@link BarInterval}), e.g. 4h. */
  public static final String INTERVAL = "lstm.interval";

  /** W, the feature rows the model reads (it needs W + 1 raw bars, see {@link ModelInput}). */
  public static final String WINDOW_BARS = "lstm.window_bars";

  public static final String INPUT = "lstm.input";
  public static final String INPUT_LAYOUT = "lstm.input_layout";
  public static final String OUTPUT = "lstm.output";

  /** {@link DecisionRule#TEXT}. */
  public static final String DECISION_RULE = "lstm.decision_rule";

  /** Feature ids in column order, comma separated. */
  public static final String FEATURES = "lstm.features";

  public static final String FEATURE_MIN = "lstm.feature_min";
  public static final String FEATURE_MAX = "lstm.feature_max";
  public static final String TARGET_MIN = "lstm.target_min";
  public static final String TARGET_MAX = "lstm.target_max";

  /** Where the bars came from, e.g. {@code csv:data/BTCUSDT-4h-2024.csv}. */
  public static final String DATA_SOURCE = "lstm.data_source";

  public static final String TRAINED_FROM = "lstm.trained_from";
  public static final String TRAINED_TO = "lstm.trained_to";
  public static final String VALIDATED_FROM = "lstm.validated_from";
  public static final String VALIDATED_TO = "lstm.validated_to";
  public static final String TESTED_FROM = "lstm.tested_from";
  public static final String TESTED_TO = "lstm.tested_to";

  public static final String SEED = "lstm.seed";

  /** Prefix of the training configuration's entries. */
  public static final String CONFIG_PREFIX = "lstm.config.";

  /** Prefix of the test metrics' entries; the rest of the key is the metric's name. */
  public static final String METRIC_PREFIX = "lstm.metric.";

  /** The value of a metric that is undefined (e.g. Sharpe of a strategy that never trades). */
  public static final String UNDEFINED = "undefined";

  private ModelCardKeys() {}
}
