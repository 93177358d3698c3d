package io.lstmsignals.scorer.config;

import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.onnx.ExecutionProvider;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The scorer's configuration, validated at start-up before any client connects. Keys without the
 * {@code scorer.} prefix are the Kafka ones they name; keys starting with {@value #STREAMS_PREFIX}
 * are passed to Kafka Streams without the prefix (e.g. {@code streams.replication.factor=1}).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API (or mock://scope in
 *     driver tests)
 * @param applicationId Streams application id; instances sharing it share the partitions
 * @param modelName the model line followed on the models topic
 * @param windowCapacity bars kept per symbol; a release needing more (W + 1 > capacity) is refused
 * @param barInterval the bars' interval; consecutive bars open exactly this far apart
 * @param onnx execution provider, CUDA device and intra-op threads
 * @param barsTopic input topic of bars
 * @param signalsTopic output topic of signals
 * @param modelsTopic compacted topic of model releases
 * @param streamThreads Kafka Streams threads in this instance
 * @param commitInterval Streams commit interval (the transaction length under exactly-once)
 * @param stateDir where the window store lives locally (restored from its changelog when missing)
 * @param modelWait how long start-up waits for the models topic to be read up to its end
 * @param streamsOverrides extra Streams settings from {@code streams.*} keys
 */
public record ScorerConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    String modelName,
    int windowCapacity,
    Duration barInterval,
    OnnxRuntimeOptions onnx,
    String barsTopic,
    String signalsTopic,
    String modelsTopic,
    int streamThreads,
    Duration commitInterval,
    String stateDir,
    Duration modelWait,
    Map<String, String> streamsOverrides) {

  /** The stage name the scorer writes into its dead letters. */
  public static final String DEAD_LETTER_STAGE = "scorer";

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String APPLICATION_ID = "application.id";
  public static final String MODEL_NAME = "scorer.model.name";

  /**
   * The model line a scorer follows and {@code scorer release} publishes to, unless told otherwise.
   */
  public static final String DEFAULT_MODEL_NAME = "lstm-4h";

  public static final String WINDOW_CAPACITY = "scorer.window.capacity";
  public static final String BAR_INTERVAL = "scorer.bar.interval";
  public static final String ONNX_PROVIDER = "scorer.onnx.provider";
  public static final String ONNX_CUDA_DEVICE = "scorer.onnx.cuda.device.id";
  public static final String ONNX_INTRA_OP_THREADS = "scorer.onnx.intra.op.threads";
  public static final String BARS_TOPIC = "scorer.topic.bars";
  public static final String SIGNALS_TOPIC = "scorer.topic.signals";
  public static final String MODELS_TOPIC = "scorer.topic.models";
  public static final String STREAM_THREADS = "num.stream.threads";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String STATE_DIR = "state.dir";
  public static final String MODEL_WAIT_MS = "scorer.model.wait.ms";
  public static final String STREAMS_PREFIX = "streams.";

  private static final Set<String> KNOWN =
      Set.of(
          BOOTSTRAP_SERVERS,
          SCHEMA_REGISTRY_URL,
          APPLICATION_ID,
          MODEL_NAME,
          WINDOW_CAPACITY,
          BAR_INTERVAL,
          ONNX_PROVIDER,
          ONNX_CUDA_DEVICE,
          ONNX_INTRA_OP_THREADS,
          BARS_TOPIC,
          SIGNALS_TOPIC,
          MODELS_TOPIC,
          STREAM_THREADS,
          COMMIT_INTERVAL_MS,
          STATE_DIR,
          MODEL_WAIT_MS);
  private static final Map<String, Duration> INTERVALS =
      Map.of(
          "1m",
          Duration.ofMinutes(1),
          "5m",
          Duration.ofMinutes(5),
          "15m",
          Duration.ofMinutes(15),
          "30m",
          Duration.ofMinutes(30),
          "1h",
          Duration.ofHours(1),
          "2h",
          Duration.ofHours(2),
          "4h",
          Duration.ofHours(4),
          "1d",
          Duration.ofDays(1));

  public ScorerConfig {
    streamsOverrides = Map.copyOf(streamsOverrides);
  }

  /**
   * Reads and validates every key.
   *
   * @throws ScorerConfigException listing every problem, each as "Invalid value V for K: rule"
   */
  public static ScorerConfig from(Properties properties) {
    Reader in = new Reader(properties);
    String bootstrap = in.required(BOOTSTRAP_SERVERS);
    String registry = in.string(SCHEMA_REGISTRY_URL, null);
    if (registry == null) {
      in.problems.add(
          "Missing value for " + SCHEMA_REGISTRY_URL + ": the registry's base URL is required");
    } else if (!registry.matches("(https?|mock)://\\S+")) {
      in.problems.add(
          "Invalid value "
              + registry
              + " for "
              + SCHEMA_REGISTRY_URL
              + ": must start with http://, https:// or mock://");
    }
    String applicationId = in.string(APPLICATION_ID, "lstm-scorer");
    String modelName = in.string(MODEL_NAME, DEFAULT_MODEL_NAME);
    int capacity = in.integer(WINDOW_CAPACITY, 49, 2, 4096);
    Duration interval =
        in.parse(
            BAR_INTERVAL,
            "4h",
            value -> {
              Duration d = INTERVALS.get(value);
              if (d == null) {
                throw new IllegalArgumentException(
                    "must be one of " + new TreeSet<>(INTERVALS.keySet()));
              }
              return d;
            });
    ExecutionProvider provider = in.parse(ONNX_PROVIDER, "cpu", ExecutionProvider::parse);
    int device = in.integer(ONNX_CUDA_DEVICE, 0, 0, 64);
    int intraOp = in.integer(ONNX_INTRA_OP_THREADS, 1, 1, 256);
    String bars = in.topic(BARS_TOPIC, Topics.BARS.name());
    String signals = in.topic(SIGNALS_TOPIC, Topics.SIGNALS.name());
    String models = in.topic(MODELS_TOPIC, Topics.MODELS.name());
    int threads = in.integer(STREAM_THREADS, 1, 1, 64);
    int commitMs = in.integer(COMMIT_INTERVAL_MS, 100, 1, 600_000);
    String stateDir =
        in.string(STATE_DIR, System.getProperty("java.io.tmpdir") + "/lstm-scorer-state");
    int waitMs = in.integer(MODEL_WAIT_MS, 30_000, 0, 600_000);
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith(STREAMS_PREFIX)) {
        overrides.put(key.substring(STREAMS_PREFIX.length()), properties.getProperty(key));
      } else if (!KNOWN.contains(key)) {
        in.problems.add(
            "Unknown key "
                + key
                + ": not a scorer setting (Streams settings take the prefix "
                + STREAMS_PREFIX
                + ")");
      }
    }
    if (!in.problems.isEmpty()) {
      throw new ScorerConfigException(in.problems);
    }
    return new ScorerConfig(
        bootstrap,
        registry,
        applicationId,
        modelName,
        capacity,
        interval,
        new OnnxRuntimeOptions(provider, device, intraOp),
        bars,
        signals,
        models,
        threads,
        Duration.ofMillis(commitMs),
        stateDir,
        Duration.ofMillis(waitMs),
        overrides);
  }

  /** The serde settings: the registry URL, and generated classes on read. */
  public Map<String, Object> serdeConfig() {
    return Map.of(SCHEMA_REGISTRY_URL, schemaRegistryUrl, "specific.avro.reader", true);
  }

  /** The bar interval in exchange notation, e.g. 4h. */
  public String barIntervalName() {
    return intervalName(barInterval);
  }

  /**
   * An interval in exchange notation (4h for PT4H).
   *
   * @throws IllegalArgumentException if it is not one of the supported intervals
   */
  public static String intervalName(Duration interval) {
    return INTERVALS.entrySet().stream()
        .filter(e -> e.getValue().equals(interval))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "interval "
                        + interval
                        + " has no exchange notation; supported: "
                        + new TreeSet<>(INTERVALS.keySet())));
  }

  /** The dead-letter topic of the bars topic. */
  public String barsDeadLetterTopic() {
    return Topics.deadLetterOf(Topics.BARS.withName(barsTopic)).name();
  }

  /** The dead-letter topic of the models topic. */
  public String modelsDeadLetterTopic() {
    return Topics.deadLetterOf(Topics.MODELS.withName(modelsTopic)).name();
  }

  private static final class Reader {
    private final Properties properties;
    private final List<String> problems = new ArrayList<>();

    Reader(Properties properties) {
      this.properties = properties;
    }

    String string(String key, String defaultValue) {
      String value = properties.getProperty(key);
      if (value == null) {
        return defaultValue;
      }
      if (value.isBlank()) {
        problems.add("Invalid value '" + value + "' for " + key + ": must not be blank");
        return defaultValue;
      }
      return value.trim();
    }

    String required(String key) {
      String value = string(key, null);
      if (value == null && properties.getProperty(key) == null) {
        problems.add("Missing value for " + key + ": it is required");
      }
      return value;
    }

    String topic(String key, String defaultValue) {
      String value = string(key, defaultValue);
      if (!value.matches("[a-zA-Z0-9._-]{1,245}")) {
        problems.add(
            "Invalid value " + value + " for " + key + ": must be 1-245 of [a-zA-Z0-9._-]");
      }
      return value;
    }

    int integer(String key, int defaultValue, int min, int max) {
      String value = string(key, null);
      if (value == null) {
        return defaultValue;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
          problems.add(
              "Invalid value " + value + " for " + key + ": must be >= " + min + " and <= " + max);
          return defaultValue;
        }
        return parsed;
      } catch (NumberFormatException e) {
        problems.add("Invalid value " + value + " for " + key + ": must be an integer");
        return defaultValue;
      }
    }

    <T> T parse(String key, String defaultValue, Function<String, T> parser) {
      String value = string(key, defaultValue);
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        problems.add("Invalid value " + value + " for " + key + ": " + e.getMessage());
        return parser.apply(defaultValue);
      }
    }
  }
}
