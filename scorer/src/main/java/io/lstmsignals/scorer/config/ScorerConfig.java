package io.lstmsignals.scorer.config;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.signing.ReleaseTrust;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.onnx.ExecutionProvider;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.InvalidConfigurationException;
import io.lstmsignals.service.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The scorer's configuration, validated at start-up before any client connects: every key is
 * declared once in {@link #SPEC} (type, default, validator, doc), and {@link #from} reports every
 * problem at once. Keys starting with {@value #STREAMS_PREFIX} go to Kafka Streams without the
 * prefix, after a check against its own keys.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API (mock://scope in
 *     driver tests)
 * @param applicationId Streams application id; instances sharing it share the partitions
 * @param modelLines the model lines this scorer serves; empty = every line on the models topic
 * @param flatWhenNoModel whether a bar with no model in force gets FLAT/NO_MODEL at once instead of
 *     waiting in the store for one (scorer.on.missing.model)
 * @param windowCapacity bars kept per symbol; a release needing more (W + 1 > capacity) is refused
 * @param barInterval the bars' interval; consecutive bars open exactly this far apart
 * @param onnx execution provider, CUDA device and intra-op threads
 * @param bars input topic of bars
 * @param signals output topic of signals
 * @param models compacted topic of model releases
 * @param promotions compacted topic of promotions (which version is in force, for which bars)
 * @param releaseTrust the public keys a release's signature must verify against
 * @param streamThreads Kafka Streams threads in this instance
 * @param commitInterval Streams commit interval (the transaction length under exactly-once)
 * @param pollTimeout how long the stream thread blocks waiting for bars (a due commit waits for it)
 * @param stateCacheBytes the record cache in front of the window store, for all stream threads
 * @param stateDir where the window store lives locally (restored from its changelog when missing)
 * @param waitRecheck how often bars waiting for their model are looked at again
 * @param windowStore where the per-symbol state lives between bars (changelogged either way)
 * @param maxInferenceBatch the most windows one ONNX Runtime call scores together
 * @param streamsOverrides extra Streams settings from {@code streams.*} keys
 * @param security Kafka client security settings, for every client (empty for PLAINTEXT)
 * @param registryAccess the registry's basic-auth and TLS settings (empty for an open registry)
 */
public record ScorerConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    List<String> modelLines,
    boolean flatWhenNoModel,
    int windowCapacity,
    BarInterval barInterval,
    OnnxRuntimeOptions onnx,
    Topic<String, Bar> bars,
    Topic<String, Signal> signals,
    Topic<String, ModelRelease> models,
    Topic<String, ModelPromotion> promotions,
    ReleaseTrust releaseTrust,
    int streamThreads,
    Duration commitInterval,
    Duration pollTimeout,
    long stateCacheBytes,
    String stateDir,
    Duration waitRecheck,
    WindowStore windowStore,
    int maxInferenceBatch,
    Map<String, Object> streamsOverrides,
    Map<String, Object> security,
    Map<String, Object> registryAccess) {

  /** Where the per-symbol state lives; both are changelogged, so either restores after a crash. */
  public enum WindowStore {
    /** On local disk: restarts read it back; the heap holds only RocksDB's caches. */
    ROCKSDB("rocksdb"),
    /** On the heap: rebuilt from the changelog at every start. */
    IN_MEMORY("in-memory");

    private final String configName;

    WindowStore(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    static WindowStore parse(String name) {
      return Arrays.stream(values())
          .filter(store -> store.configName.equalsIgnoreCase(name.trim()))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown window store " + name));
    }
  }

  /** The stage name the scorer writes into its dead letters. */
  public static final String DEAD_LETTER_STAGE = "scorer";

  public static final String BOOTSTRAP_SERVERS = CommonKeys.BOOTSTRAP_SERVERS;
  public static final String SCHEMA_REGISTRY_URL = CommonKeys.SCHEMA_REGISTRY_URL;
  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String MODEL_LINES = "scorer.model.lines";
  public static final String ON_MISSING_MODEL = "scorer.on.missing.model";
  public static final String WINDOW_CAPACITY = "scorer.window.capacity";
  public static final String BAR_INTERVAL = "scorer.bar.interval";
  public static final String ONNX_PROVIDER = "scorer.onnx.provider";
  public static final String ONNX_CUDA_DEVICE = "scorer.onnx.cuda.device.id";
  public static final String ONNX_INTRA_OP_THREADS = "scorer.onnx.intra.op.threads";
  public static final String BARS_TOPIC = "scorer.topic.bars";
  public static final String SIGNALS_TOPIC = "scorer.topic.signals";
  public static final String MODELS_TOPIC = "scorer.topic.models";
  public static final String PROMOTIONS_TOPIC = "scorer.topic.promotions";
  public static final String STREAM_THREADS = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
  public static final String COMMIT_INTERVAL_MS = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
  public static final String POLL_MS = StreamsConfig.POLL_MS_CONFIG;
  public static final String STATE_CACHE_MAX_BYTES =
      StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
  public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
  public static final String WAIT_RECHECK_MS = "scorer.wait.recheck.ms";
  public static final String TRUSTED_KEYS = "scorer.release.trusted.keys";
  public static final String ALLOW_UNSIGNED = "scorer.release.allow.unsigned";
  public static final String WINDOW_STORE = "scorer.window.store";
  public static final String INFERENCE_MAX_BATCH = "scorer.inference.max.batch";
  static final String WAIT = "wait";
  static final String FLAT = "flat";
  public static final String STREAMS_PREFIX = "streams.";

  /** Every key of the scorer, declared once. */
  public static final ConfigSpec SPEC =
      CommonKeys.connection(ConfigSpec.forService("scorer"))
          .define(
              APPLICATION_ID,
              Type.STRING,
              "lstm-scorer",
              new ConfigDef.NonEmptyString(),
              "Kafka Streams application id. Instances sharing it share the bars' partitions; it"
                  + " also names the window store's changelog.")
          .define(
              MODEL_LINES,
              Type.LIST,
              "",
              null,
              "The model lines this scorer serves, comma separated; empty = every line. A symbol"
                  + " is routed to the line whose releases name it.")
          .define(
              ON_MISSING_MODEL,
              Type.STRING,
              WAIT,
              CommonKeys.oneOf(List.of(WAIT, FLAT)),
              "A bar whose line has no version in force yet: wait keeps it in the store, unscored,"
                  + " until one is (nothing wrong is ever committed); flat decides it FLAT with"
                  + " reason NO_MODEL at once (for those who prefer a signal now to the right one).")
          .define(
              WINDOW_CAPACITY,
              Type.INT,
              49,
              Range.between(2, 4096),
              "Bars kept per symbol. A release needing more (W + 1 bars) is refused.")
          .define(
              BAR_INTERVAL,
              Type.STRING,
              BarInterval.FOUR_HOURS.name(),
              ConfigDef.ValidString.in(BarInterval.SUPPORTED.toArray(String[]::new)),
              "Interval of the bars scored, in exchange notation.")
          .define(
              ONNX_PROVIDER,
              Type.STRING,
              ExecutionProvider.CPU.configName(),
              CommonKeys.oneOf(
                  Arrays.stream(ExecutionProvider.values())
                      .map(ExecutionProvider::configName)
                      .toList()),
              "ONNX Runtime execution provider: cpu; cuda (fails at start-up when CUDA cannot be"
                  + " used); cuda-or-cpu (falls back to the CPU and says so).")
          .define(
              ONNX_CUDA_DEVICE,
              Type.INT,
              0,
              Range.between(0, 64),
              "CUDA device id, for the cuda providers.")
          .define(
              ONNX_INTRA_OP_THREADS,
              Type.INT,
              1,
              Range.between(1, 256),
              "ONNX Runtime intra-op threads per session (stream threads already run in"
                  + " parallel).")
          .defineTopic(
              BARS_TOPIC, Topics.BARS, "Input topic of bars; rejected bars go to <name>.dlq.")
          .defineTopic(SIGNALS_TOPIC, Topics.SIGNALS, "Output topic of signals.")
          .defineTopic(
              MODELS_TOPIC,
              Topics.MODELS,
              "Compacted topic of model releases; refused releases go to <name>.dlq.")
          .defineTopic(
              PROMOTIONS_TOPIC,
              Topics.MODEL_PROMOTIONS,
              "Compacted topic of promotions: which version of a line is in force, for which bars.")
          .define(
              TRUSTED_KEYS,
              Type.LIST,
              "",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> trust(value, true),
                  () -> "files holding Ed25519 public keys (bin/models keys generate)"),
              "Public key files (.pub) of those whose signed releases this scorer serves, comma"
                  + " separated; trust the next key before signing with it, to rotate. A release"
                  + " whose signature does not verify against one of them is refused.")
          .define(
              ALLOW_UNSIGNED,
              Type.BOOLEAN,
              false,
              null,
              "Whether unsigned releases are served too (local experiments only: anyone who can"
                  + " write the models topic then deploys a model). A bad signature is refused"
                  + " either way.")
          .define(
              STREAM_THREADS,
              Type.INT,
              2,
              Range.between(1, 64),
              "Kafka Streams threads in this instance. Two by default: a thread waits while its"
                  + " commit flushes (under exactly-once every commit does), and the other scores"
                  + " meanwhile.")
          .define(
              COMMIT_INTERVAL_MS,
              Type.LONG,
              50L,
              Range.between(1, 600_000),
              "Streams commit interval in ms: the length of a transaction under exactly-once, so"
                  + " the longest a signal waits to become readable.")
          .define(
              POLL_MS,
              Type.LONG,
              5L,
              Range.between(1, 60_000),
              "How long the stream thread blocks waiting for bars, in ms. A commit that falls due"
                  + " meanwhile waits for it, so a long wait adds to a live signal's latency (Kafka"
                  + " Streams' default is 100); a short one costs an idle poll now and then.")
          .define(
              STATE_CACHE_MAX_BYTES,
              Type.LONG,
              32L << 20,
              Range.atLeast(0),
              "Bytes of the record cache in front of the window store, shared by the stream"
                  + " threads: it holds each symbol's state until the commit writes it once, so it"
                  + " should fit every live symbol (~1.2 KiB each; the default fits ~25,000)."
                  + " Evicting early costs CPU in bursts (bin/bench live, 10,000 symbols' p99: 763 ms"
                  + " with Kafka Streams' default of 10 MiB, 607 ms with 32 MiB).")
          .define(
              STATE_DIR,
              Type.STRING,
              "var/state/scorer",
              new ConfigDef.NonEmptyString(),
              "Where the window store lives locally (relative paths from the working directory);"
                  + " restored from its changelog when missing. Instances on one machine need their"
                  + " own.")
          .define(
              WAIT_RECHECK_MS,
              Type.LONG,
              1_000L,
              Range.between(10, 600_000),
              "How often, in ms, bars waiting for their model are looked at again (they are also"
                  + " decided as soon as the next bar of their symbol arrives).")
          .define(
              WINDOW_STORE,
              Type.STRING,
              WindowStore.ROCKSDB.configName(),
              CommonKeys.oneOf(
                  Arrays.stream(WindowStore.values()).map(WindowStore::configName).toList()),
              "Where each symbol's window and waiting bars live, changelogged either way:"
                  + " rocksdb (on disk in the state dir; a clean restart reads it back) or in-memory"
                  + " (on the heap, about 1.7 KiB a symbol; rebuilt from the changelog at every start,"
                  + " under a second for 10,000 symbols). Live bursts measured alike on both.")
          .define(
              INFERENCE_MAX_BATCH,
              Type.INT,
              64,
              Range.between(1, 4096),
              "The most windows one ONNX Runtime call scores: the bars a task's records make"
                  + " decidable are scored together, in the same transaction as their state; 1"
                  + " scores each window alone.")
          .streamsPassThrough("Kafka Streams settings, e.g. streams.replication.factor=3.")
          .reserve(
              STREAMS_PREFIX + StreamsConfig.NUM_STREAM_THREADS_CONFIG, "set num.stream.threads")
          .reserve(
              STREAMS_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "set commit.interval.ms")
          .reserve(STREAMS_PREFIX + StreamsConfig.POLL_MS_CONFIG, "set poll.ms")
          .reserve(
              STREAMS_PREFIX + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
              "set " + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)
          .build();

  public ScorerConfig {
    modelLines = List.copyOf(modelLines);
    streamsOverrides = Map.copyOf(streamsOverrides);
    security = Map.copyOf(security);
    registryAccess = Map.copyOf(registryAccess);
  }

  /**
   * Reads and validates every key; values may be text (a properties file) or typed.
   *
   * @throws io.lstmsignals.service.config.InvalidConfigurationException listing every problem
   */
  public static ScorerConfig from(Map<String, ?> values) {
    return from(SPEC.parse(values));
  }

  /** The configuration of parsed settings. */
  public static ScorerConfig from(Settings settings) {
    boolean allowUnsigned = settings.bool(ALLOW_UNSIGNED);
    if (settings.list(TRUSTED_KEYS).isEmpty() && !allowUnsigned) {
      throw new InvalidConfigurationException(
          "scorer",
          List.of(
              "Missing value for configuration "
                  + TRUSTED_KEYS
                  + ": with no trusted key every release is refused; trust the .pub file of the"
                  + " key releases are signed with (bin/models keys generate), or set "
                  + ALLOW_UNSIGNED
                  + "=true for local experiments"));
    }
    return new ScorerConfig(
        settings.string(BOOTSTRAP_SERVERS),
        settings.string(SCHEMA_REGISTRY_URL),
        settings.string(APPLICATION_ID),
        settings.list(MODEL_LINES),
        settings.string(ON_MISSING_MODEL).equalsIgnoreCase(FLAT),
        settings.integer(WINDOW_CAPACITY),
        BarInterval.parse(settings.string(BAR_INTERVAL)),
        new OnnxRuntimeOptions(
            ExecutionProvider.parse(settings.string(ONNX_PROVIDER)),
            settings.integer(ONNX_CUDA_DEVICE),
            settings.integer(ONNX_INTRA_OP_THREADS)),
        Topics.BARS.named(settings.string(BARS_TOPIC)),
        Topics.SIGNALS.named(settings.string(SIGNALS_TOPIC)),
        Topics.MODELS.named(settings.string(MODELS_TOPIC)),
        Topics.MODEL_PROMOTIONS.named(settings.string(PROMOTIONS_TOPIC)),
        trust(settings.list(TRUSTED_KEYS), allowUnsigned),
        settings.integer(STREAM_THREADS),
        Duration.ofMillis(settings.longValue(COMMIT_INTERVAL_MS)),
        Duration.ofMillis(settings.longValue(POLL_MS)),
        settings.longValue(STATE_CACHE_MAX_BYTES),
        settings.string(STATE_DIR),
        Duration.ofMillis(settings.longValue(WAIT_RECHECK_MS)),
        WindowStore.parse(settings.string(WINDOW_STORE)),
        settings.integer(INFERENCE_MAX_BATCH),
        settings.passThrough(STREAMS_PREFIX),
        settings.kafkaSecurity(),
        CommonKeys.registryAccess(settings));
  }

  @SuppressWarnings("unchecked")
  private static ReleaseTrust trust(Object files, boolean allowUnsigned) {
    try {
      return ReleaseTrust.read(
          ((List<String>) files).stream().map(String::strip).map(Path::of).toList(), allowUnsigned);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TRUSTED_KEYS, files, e.getMessage());
    }
  }

  /** The serde settings: the registry URL and access, and generated classes on read. */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> config = new HashMap<>(AvroSerdeConfig.specificRecords(schemaRegistryUrl));
    config.putAll(registryAccess);
    return config;
  }

  /** What every Kafka client of the scorer starts from: the brokers, and security. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(security);
    config.put(BOOTSTRAP_SERVERS, bootstrapServers);
    return config;
  }

  /** The dead-letter topic of the bars topic. */
  public Topic<String, DeadLetter> barsDeadLetters() {
    return bars.deadLetters();
  }

  /** The dead-letter topic of the models topic. */
  public Topic<String, DeadLetter> modelsDeadLetters() {
    return models.deadLetters();
  }
}
