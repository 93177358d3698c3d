package io.lstmsignals.trainer.retrainer;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.trainer.retrain.GateCriterion;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import io.lstmsignals.trainer.train.KeptWeights;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The retrainer's configuration: which lines it retrains (each on one symbol), the one retrain
 * policy they share (schedule, window, lag, gate, training), and its topics. Every key declared
 * once in {@link #SPEC}; every problem reported at once.
 *
 * @param groupId consumer group of the instances sharing the lines; also the prefix of each line's
 *     transactional id
 * @param policies one per line, in configuration order
 * @param threads training threads (results do not depend on it)
 * @param maxTraining the longest a training may take before the group counts the instance dead
 */
public record RetrainerConfig(
    Settings settings,
    String groupId,
    List<RetrainPolicy> policies,
    int threads,
    Duration maxTraining,
    Topic<String, Bar> bars,
    Topic<String, ModelRelease> models,
    Topic<String, ModelPromotion> promotions,
    Topic<String, ModelEvent> events) {

  public static final String BOOTSTRAP_SERVERS = CommonKeys.BOOTSTRAP_SERVERS;
  public static final String SCHEMA_REGISTRY_URL = CommonKeys.SCHEMA_REGISTRY_URL;
  public static final String GROUP_ID = "retrainer.group.id";
  public static final String LINES = "retrainer.lines";
  public static final String BAR_INTERVAL = "retrainer.bar.interval";
  public static final String EVERY_BARS = "retrainer.every.bars";
  public static final String ANCHOR = "retrainer.anchor";
  public static final String WINDOW = "retrainer.window";
  public static final String WINDOW_BARS = "retrainer.window.bars";
  public static final String LAG_BARS = "retrainer.lag.bars";
  public static final String GATE = "retrainer.gate";
  public static final String GATE_METRIC = "retrainer.gate.metric";
  public static final String GATE_MARGIN = "retrainer.gate.margin";
  public static final String TRAIN_WINDOW_BARS = "retrainer.train.window.bars";
  public static final String TRAIN_HIDDEN = "retrainer.train.hidden";
  public static final String TRAIN_LAYERS = "retrainer.train.layers";
  public static final String TRAIN_DROPOUT = "retrainer.train.dropout";
  public static final String TRAIN_BATCH_SIZE = "retrainer.train.batch.size";
  public static final String TRAIN_MAX_EPOCHS = "retrainer.train.max.epochs";
  public static final String TRAIN_PATIENCE = "retrainer.train.patience";
  public static final String TRAIN_LEARNING_RATE = "retrainer.train.learning.rate";
  public static final String TRAIN_SEED = "retrainer.train.seed";
  public static final String TRAIN_THREADS = "retrainer.train.threads";
  public static final String MAX_TRAINING_MS = "retrainer.max.training.ms";
  public static final String BARS_TOPIC = "retrainer.topic.bars";
  public static final String MODELS_TOPIC = "retrainer.topic.models";
  public static final String PROMOTIONS_TOPIC = "retrainer.topic.promotions";
  public static final String EVENTS_TOPIC = "retrainer.topic.events";

  private static final TrainingConfig STUDY = TrainingConfig.STUDY_DEFAULT;

  /** Every key of the retrainer, declared once. */
  public static final ConfigSpec SPEC =
      CommonKeys.connection(ConfigSpec.forService("retrainer"))
          .define(
              GROUP_ID,
              Type.STRING,
              "lstm-retrainer",
              new ConfigDef.NonEmptyString(),
              "Consumer group of the retrainer instances: they share the lines by the bars'"
                  + " partitions, one instance per line at a time. Also prefixes each line's"
                  + " transactional id.")
          .define(
              LINES,
              Type.LIST,
              "lstm-4h:BTCUSDT",
              ConfigDef.LambdaValidator.with(
                  (name, value) ->
                      lineProblems(value).stream()
                          .findFirst()
                          .ifPresent(
                              problem -> {
                                throw new ConfigException(name, value, problem);
                              }),
                  () -> "line:SYMBOL pairs, a symbol in one line"),
              "The lines to retrain, as line:SYMBOL pairs, comma separated; each line is trained on"
                  + " its symbol's bars.")
          .define(
              BAR_INTERVAL,
              Type.STRING,
              BarInterval.FOUR_HOURS.name(),
              ConfigDef.ValidString.in(BarInterval.SUPPORTED.toArray(String[]::new)),
              "Interval of the bars, in exchange notation.")
          .define(
              EVERY_BARS,
              Type.INT,
              180,
              Range.atLeast(1),
              "A decision every this many bars of event time: at anchor + k × every × interval.")
          .define(
              ANCHOR,
              Type.STRING,
              "1970-01-01T00:00:00Z",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    try {
                      Instant.parse(String.valueOf(value));
                    } catch (DateTimeParseException e) {
                      throw new ConfigException(name, value, "must be an ISO-8601 instant");
                    }
                  },
                  () -> "an ISO-8601 instant"),
              "Where the grid of decision boundaries starts (an ISO-8601 instant); aligning it to"
                  + " a calendar boundary aligns every decision.")
          .define(
              WINDOW,
              Type.STRING,
              "rolling",
              CommonKeys.oneOf(List.of("rolling", "expanding")),
              "rolling: train on the last retrainer.window.bars bars before the boundary;"
                  + " expanding: on every bar before it.")
          .define(
              WINDOW_BARS,
              Type.INT,
              2190,
              Range.atLeast(2),
              "Bars in a rolling window (for expanding: the least history to start with). The"
                  + " study's split (70/10/20) applies inside it.")
          .define(
              LAG_BARS,
              Type.INT,
              0,
              Range.between(0, 10_000),
              "A decision on the bars up to boundary t applies from the bar opening at t + lag ×"
                  + " interval; scorers hold later bars until the next decision is known.")
          .define(
              GATE,
              Type.BOOLEAN,
              true,
              null,
              "Whether a challenger must beat the champion to be put in force (false: every"
                  + " trained challenger is).")
          .define(
              GATE_METRIC,
              Type.STRING,
              GateCriterion.SHARPE.id(),
              CommonKeys.oneOf(
                  Arrays.stream(GateCriterion.values()).map(GateCriterion::id).toList()),
              "The metric both are scored on, on the challenger's test bars that are out-of-sample"
                  + " for the champion too.")
          .define(
              GATE_MARGIN,
              Type.DOUBLE,
              0.0,
              Range.atLeast(0.0),
              "How much better the challenger must be, in the metric's unit.")
          .define(TRAIN_WINDOW_BARS, Type.INT, STUDY.windowBars(), Range.between(1, 4096), "W.")
          .define(TRAIN_HIDDEN, Type.INT, STUDY.hiddenSize(), Range.atLeast(1), "Units per layer.")
          .define(TRAIN_LAYERS, Type.INT, STUDY.layers(), Range.atLeast(1), "LSTM layers.")
          .define(
              TRAIN_DROPOUT,
              Type.DOUBLE,
              STUDY.dropout(),
              Range.between(0.0, 0.99),
              "Dropout between layers.")
          .define(TRAIN_BATCH_SIZE, Type.INT, STUDY.batchSize(), Range.atLeast(1), "Batch size.")
          .define(TRAIN_MAX_EPOCHS, Type.INT, STUDY.maxEpochs(), Range.atLeast(1), "Most epochs.")
          .define(
              TRAIN_PATIENCE,
              Type.INT,
              STUDY.patience(),
              Range.atLeast(1),
              "Early-stopping patience, in epochs.")
          .define(
              TRAIN_LEARNING_RATE,
              Type.DOUBLE,
              STUDY.learningRate(),
              Range.between(1e-9, 1.0),
              "Adam's learning rate.")
          .define(
              TRAIN_SEED,
              Type.LONG,
              STUDY.seed(),
              null,
              "Seed of every challenger: the same seed and bars give byte-identical models.")
          .define(
              TRAIN_THREADS,
              Type.INT,
              2,
              Range.between(1, 256),
              "Training threads (the results do not depend on them).")
          .define(
              MAX_TRAINING_MS,
              Type.LONG,
              3_600_000L,
              Range.atLeast(60_000),
              "The longest one training may take, in ms, before the group counts the instance"
                  + " dead and moves its lines (the consumer's max.poll.interval.ms).")
          .defineTopic(BARS_TOPIC, Topics.BARS, "The bars the lines are trained on.")
          .defineTopic(MODELS_TOPIC, Topics.MODELS, "Where promoted challengers are released.")
          .defineTopic(
              PROMOTIONS_TOPIC, Topics.MODEL_PROMOTIONS, "Where the decisions are put in force.")
          .defineTopic(
              EVENTS_TOPIC,
              Topics.MODEL_EVENTS,
              "Every decision with both models' figures and the reason; what a restarted"
                  + " retrainer resumes from.")
          .build();

  /**
   * Reads and validates every key.
   *
   * @throws io.lstmsignals.service.config.InvalidConfigurationException listing every problem
   */
  public static RetrainerConfig from(Map<String, ?> values) {
    return from(SPEC.parse(values));
  }

  /** The configuration of parsed settings. */
  public static RetrainerConfig from(Settings settings) {
    Duration interval = BarInterval.parse(settings.string(BAR_INTERVAL)).length();
    TrainingConfig training =
        new TrainingConfig(
            settings.integer(TRAIN_WINDOW_BARS),
            settings.integer(TRAIN_HIDDEN),
            settings.integer(TRAIN_LAYERS),
            settings.decimal(TRAIN_DROPOUT),
            settings.integer(TRAIN_BATCH_SIZE),
            settings.integer(TRAIN_MAX_EPOCHS),
            settings.integer(TRAIN_PATIENCE),
            settings.decimal(TRAIN_LEARNING_RATE),
            KeptWeights.LAST,
            OptionalDouble.empty(),
            settings.longValue(TRAIN_SEED),
            STUDY.shards());
    List<RetrainPolicy> policies = new ArrayList<>();
    for (String pair : settings.list(LINES)) {
      String[] parts = pair.strip().split(":");
      policies.add(
          new RetrainPolicy(
              parts[0],
              parts[1],
              interval,
              settings.integer(EVERY_BARS),
              Instant.parse(settings.string(ANCHOR)),
              RetrainPolicy.Window.valueOf(settings.string(WINDOW).toUpperCase(Locale.ROOT)),
              settings.integer(WINDOW_BARS),
              settings.integer(LAG_BARS),
              GateCriterion.byId(settings.string(GATE_METRIC)),
              settings.decimal(GATE_MARGIN),
              settings.bool(GATE),
              training));
    }
    return new RetrainerConfig(
        settings,
        settings.string(GROUP_ID),
        policies,
        settings.integer(TRAIN_THREADS),
        Duration.ofMillis(settings.longValue(MAX_TRAINING_MS)),
        Topics.BARS.named(settings.string(BARS_TOPIC)),
        Topics.MODELS.named(settings.string(MODELS_TOPIC)),
        Topics.MODEL_PROMOTIONS.named(settings.string(PROMOTIONS_TOPIC)),
        Topics.MODEL_EVENTS.named(settings.string(EVENTS_TOPIC)));
  }

  /** What is wrong with a list of line:SYMBOL pairs. */
  static List<String> lineProblems(Object value) {
    List<String> problems = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<String> pairs = value instanceof List<?> list ? (List<String>) list : List.of();
    if (pairs.isEmpty()) {
      problems.add("name at least one line:SYMBOL pair");
    }
    List<String> symbols = new ArrayList<>();
    for (String pair : pairs) {
      String[] parts = pair.strip().split(":");
      if (parts.length != 2) {
        problems.add("'" + pair + "' must be line:SYMBOL, e.g. lstm-4h:BTCUSDT");
      } else if (symbols.contains(parts[1])) {
        problems.add("symbol " + parts[1] + " is named twice; a symbol belongs to one line");
      } else {
        symbols.add(parts[1]);
      }
    }
    return problems;
  }

  /** The brokers (and security settings) of the clients. */
  public Map<String, Object> clientConfig() {
    return CommonKeys.clientConfig(settings);
  }

  /** The registry settings of the serdes. */
  public Map<String, Object> serdeConfig() {
    return CommonKeys.serdeConfig(settings);
  }
}
