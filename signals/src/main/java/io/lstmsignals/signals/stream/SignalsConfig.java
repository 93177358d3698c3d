package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.signals.book.FillConvention;
import io.lstmsignals.signals.book.LedgerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The P&amp;L processor's configuration, validated at startup before any client connects. {@link
 * #from} checks every key, collects all problems and throws one {@link IllegalArgumentException}
 * whose lines read {@code Invalid value -5 for signals.fee.bps: must be >= 0}.
 *
 * <p>Keys (defaults in brackets): {@code bootstrap.servers} (required), {@code schema.registry.url}
 * (required), {@code application.id} [lstm-signals], {@code state.dir} [Kafka's default], {@code
 * signals.topic.signals}, {@code signals.topic.bars}, {@code signals.topic.fills}, {@code
 * signals.topic.pnl} [the {@link Topics} names], {@code signals.topic.partitions} [{@link
 * Topics#SYMBOL_PARTITIONS}], {@code signals.topic.replication.factor} [-1, the broker's default],
 * {@code signals.starting.capital} [10000], {@code signals.fee.bps} [0], {@code
 * signals.slippage.bps} [0], {@code signals.fill.mode} [REFERENCE_CLOSE | NEXT_OPEN], {@code
 * signals.portfolio.name} [PORTFOLIO], {@code signals.portfolio.symbols} [BTCUSDT; comma
 * separated]. Keys starting with {@code streams.} are passed to Kafka Streams without the prefix
 * (e.g. {@code streams.commit.interval.ms}); the processing guarantee is always exactly_once_v2.
 * Any other key is a problem.
 */
public record SignalsConfig(
    String bootstrapServers,
    String registryUrl,
    String applicationId,
    String stateDir,
    String signalsTopic,
    String barsTopic,
    String fillsTopic,
    String pnlTopic,
    int partitions,
    short replicationFactor,
    LedgerSettings ledger,
    String portfolioName,
    List<String> portfolioSymbols,
    Map<String, String> streamsOverrides) {

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "schema.registry.url";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String SIGNALS_TOPIC = "signals.topic.signals";
  public static final String BARS_TOPIC = "signals.topic.bars";
  public static final String FILLS_TOPIC = "signals.topic.fills";
  public static final String PNL_TOPIC = "signals.topic.pnl";
  public static final String PARTITIONS = "signals.topic.partitions";
  public static final String REPLICATION_FACTOR = "signals.topic.replication.factor";
  public static final String STARTING_CAPITAL = "signals.starting.capital";
  public static final String FEE_BPS = "signals.fee.bps";
  public static final String SLIPPAGE_BPS = "signals.slippage.bps";
  public static final String FILL_MODE = "signals.fill.mode";
  public static final String PORTFOLIO_NAME = "signals.portfolio.name";
  public static final String PORTFOLIO_SYMBOLS = "signals.portfolio.symbols";
  public static final String STREAMS_PREFIX = "streams.";

  private static final Set<String> KNOWN =
      Set.of(
          BOOTSTRAP_SERVERS,
          REGISTRY_URL,
          APPLICATION_ID,
          STATE_DIR,
          SIGNALS_TOPIC,
          BARS_TOPIC,
          FILLS_TOPIC,
          PNL_TOPIC,
          PARTITIONS,
          REPLICATION_FACTOR,
          STARTING_CAPITAL,
          FEE_BPS,
          SLIPPAGE_BPS,
          FILL_MODE,
          PORTFOLIO_NAME,
          PORTFOLIO_SYMBOLS);
  private static final Set<String> FIXED_STREAMS_KEYS =
      Set.of(
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.APPLICATION_ID_CONFIG,
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
          StreamsConfig.STATE_DIR_CONFIG);

  public SignalsConfig {
    portfolioSymbols = List.copyOf(portfolioSymbols);
    streamsOverrides = Map.copyOf(streamsOverrides);
  }

  /**
   * Reads and validates a configuration.
   *
   * @throws IllegalArgumentException listing every problem, one per line
   */
  public static SignalsConfig from(Properties properties) {
    Reader in = new Reader(properties);
    String bootstrap = in.required(BOOTSTRAP_SERVERS);
    String registry = in.required(REGISTRY_URL);
    if (registry != null && !registry.matches("(https?|mock)://.+")) {
      in.problem(REGISTRY_URL, registry, "must be an http(s):// URL (or mock://scope in tests)");
    }
    String applicationId = in.text(APPLICATION_ID, "lstm-signals");
    String stateDir = in.text(STATE_DIR, null);
    String signals = in.topic(SIGNALS_TOPIC, Topics.SIGNALS.name());
    String bars = in.topic(BARS_TOPIC, Topics.BARS.name());
    String fills = in.topic(FILLS_TOPIC, Topics.FILLS.name());
    String pnl = in.topic(PNL_TOPIC, Topics.PNL.name());
    int partitions =
        in.number(
            PARTITIONS, Topics.SYMBOL_PARTITIONS, Integer::parseInt, v -> v >= 1, "must be >= 1");
    int replication =
        in.number(
            REPLICATION_FACTOR,
            -1,
            Integer::parseInt,
            v -> v == -1 || (v >= 1 && v <= Short.MAX_VALUE),
            "must be -1 (broker default) or >= 1");
    double capital =
        in.number(
            STARTING_CAPITAL,
            10_000.0,
            Double::parseDouble,
            v -> v > 0 && Double.isFinite(v),
            "must be a finite number > 0");
    double fee =
        in.number(
            FEE_BPS,
            0.0,
            Double::parseDouble,
            v -> v >= 0 && v < 10_000,
            "must be >= 0 and < 10000");
    double slippage =
        in.number(
            SLIPPAGE_BPS,
            0.0,
            Double::parseDouble,
            v -> v >= 0 && v < 10_000,
            "must be >= 0 and < 10000");
    FillConvention mode =
        in.number(
            FILL_MODE,
            FillConvention.REFERENCE_CLOSE,
            v -> FillConvention.valueOf(v.toUpperCase(Locale.ROOT)),
            v -> true,
            "must be one of " + Arrays.toString(FillConvention.values()));
    String portfolioName = in.text(PORTFOLIO_NAME, "PORTFOLIO");
    String symbolList = in.text(PORTFOLIO_SYMBOLS, "BTCUSDT");
    List<String> symbols = new ArrayList<>();
    for (String symbol : symbolList.split(",")) {
      String trimmed = symbol.trim();
      if (!trimmed.matches("[A-Z0-9]{2,20}")) {
        in.problem(
            PORTFOLIO_SYMBOLS, symbolList, "each symbol must be 2-20 of [A-Z0-9], comma separated");
        break;
      }
      symbols.add(trimmed);
    }
    Map<String, String> overrides = new HashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith(STREAMS_PREFIX)) {
        String streamsKey = key.substring(STREAMS_PREFIX.length());
        if (FIXED_STREAMS_KEYS.contains(streamsKey)) {
          in.problem(
              key,
              properties.getProperty(key),
              "is set by the processor itself; use "
                  + streamsKey
                  + " without the prefix or leave it out");
        } else if (!StreamsConfig.configDef().names().contains(streamsKey)
            && !streamsKey.startsWith("consumer.")
            && !streamsKey.startsWith("producer.")
            && !streamsKey.startsWith("admin.")
            && !streamsKey.startsWith("main.consumer.")
            && !streamsKey.startsWith("restore.consumer.")
            && !streamsKey.startsWith("global.consumer.")) {
          in.problem(key, properties.getProperty(key), "is not a Kafka Streams config");
        } else {
          overrides.put(streamsKey, properties.getProperty(key));
        }
      } else if (!KNOWN.contains(key)) {
        in.problem(
            key,
            properties.getProperty(key),
            "unknown key; known keys are " + new TreeSet<>(KNOWN) + " and streams.*");
      }
    }
    in.throwIfProblems();
    return new SignalsConfig(
        bootstrap,
        registry,
        applicationId,
        stateDir,
        signals,
        bars,
        fills,
        pnl,
        partitions,
        (short) replication,
        new LedgerSettings(capital, fee, slippage, mode),
        portfolioName,
        symbols,
        overrides);
  }

  /** Config for the Avro serdes: the registry URL; generated classes are read. */
  public Map<String, Object> serdeConfig() {
    return Map.of(REGISTRY_URL, registryUrl, "specific.avro.reader", true);
  }

  /**
   * Kafka Streams properties: exactly-once v2, the overrides, the internal topics' replication
   * factor.
   */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(streamsOverrides);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(replicationFactor));
    if (stateDir != null) {
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    }
    return props;
  }

  /**
   * The input and output topics with this configuration's names, partition count and replication
   * factor.
   */
  public List<TopicSpec> topics() {
    return List.of(
        spec(Topics.SIGNALS, signalsTopic),
            spec(Topics.deadLetterOf(Topics.SIGNALS.withName(signalsTopic)), null),
        spec(Topics.BARS, barsTopic),
            spec(Topics.deadLetterOf(Topics.BARS.withName(barsTopic)), null),
        spec(Topics.FILLS, fillsTopic), spec(Topics.PNL, pnlTopic));
  }

  public String signalsDeadLetterTopic() {
    return Topics.deadLetterOf(Topics.SIGNALS.withName(signalsTopic)).name();
  }

  public String barsDeadLetterTopic() {
    return Topics.deadLetterOf(Topics.BARS.withName(barsTopic)).name();
  }

  private TopicSpec spec(TopicSpec base, String name) {
    TopicSpec named = name == null ? base : base.withName(name).withPartitions(partitions);
    return named.withReplicationFactor(replicationFactor);
  }

  /** Reads keys and collects problems. */
  private static final class Reader {
    private final Properties properties;
    private final Map<String, String> problems = new LinkedHashMap<>();

    Reader(Properties properties) {
      this.properties = properties;
    }

    String required(String key) {
      String value = properties.getProperty(key);
      if (value == null || value.isBlank()) {
        problems.put(key, "Missing value for " + key + ": it is required");
        return null;
      }
      return value.trim();
    }

    String text(String key, String defaultValue) {
      String value = properties.getProperty(key);
      if (value == null) {
        return defaultValue;
      }
      if (value.isBlank()) {
        problem(key, value, "must not be blank");
        return defaultValue;
      }
      return value.trim();
    }

    String topic(String key, String defaultValue) {
      String value = text(key, defaultValue);
      if (!value.matches("[a-zA-Z0-9._-]{1,245}")) {
        problem(key, value, "must be 1-245 of [a-zA-Z0-9._-] (the .dlq suffix must fit)");
      }
      return value;
    }

    <T> T number(
        String key,
        T defaultValue,
        Function<String, T> parse,
        java.util.function.Predicate<T> valid,
        String rule) {
      String value = properties.getProperty(key);
      if (value == null) {
        return defaultValue;
      }
      try {
        T parsed = parse.apply(value.trim());
        if (valid.test(parsed)) {
          return parsed;
        }
      } catch (IllegalArgumentException e) {
        // reported below with the rule
      }
      problem(key, value, rule);
      return defaultValue;
    }

    void problem(String key, String value, String rule) {
      problems.putIfAbsent(key, "Invalid value " + value + " for " + key + ": " + rule);
    }

    void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid signals configuration ("
                + problems.size()
                + " problem"
                + (problems.size() == 1 ? "" : "s")
                + "):\n"
                + String.join("\n", problems.values()));
      }
    }
  }
}
