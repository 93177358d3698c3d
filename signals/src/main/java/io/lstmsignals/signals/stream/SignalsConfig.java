package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.BarRules;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.signals.book.FillConvention;
import io.lstmsignals.signals.book.LedgerSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The P&amp;L processor's configuration, validated at startup before any client connects: every key
 * is declared once in {@link #SPEC}, and {@link #from} reports every problem at once. Keys starting
 * with {@value #STREAMS_PREFIX} go to Kafka Streams without the prefix, after a check against its
 * own keys; the processing guarantee is always exactly_once_v2.
 *
 * @param portfolioSymbols the symbols of the equal-capital portfolio
 * @param streamsOverrides extra Streams settings from {@code streams.*} keys
 * @param models the models topic, read by the report and the dashboard for each version's ranges
 * @param modelEvents the retrainer's model-events topic the dashboard shows (may not exist)
 * @param dashboardHost the address the dashboard binds to
 * @param dashboardPort the dashboard's port; 0 = any free port, -1 = no dashboard
 * @param security Kafka client security settings, for every client (empty for PLAINTEXT)
 * @param registryAccess the registry's basic-auth and TLS settings (empty for an open registry)
 */
public record SignalsConfig(
    String bootstrapServers,
    String registryUrl,
    String applicationId,
    String stateDir,
    Topic<String, Signal> signals,
    Topic<String, Bar> bars,
    Topic<String, Fill> fills,
    Topic<String, PnlSnapshot> pnl,
    short replicationFactor,
    LedgerSettings ledger,
    String portfolioName,
    List<String> portfolioSymbols,
    Map<String, Object> streamsOverrides,
    Topic<String, ModelRelease> models,
    Topic<String, ModelEvent> modelEvents,
    String dashboardHost,
    int dashboardPort,
    Map<String, Object> security,
    Map<String, Object> registryAccess) {

  public static final String BOOTSTRAP_SERVERS = CommonKeys.BOOTSTRAP_SERVERS;
  public static final String REGISTRY_URL = CommonKeys.SCHEMA_REGISTRY_URL;
  public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
  public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
  public static final String SIGNALS_TOPIC = "signals.topic.signals";
  public static final String BARS_TOPIC = "signals.topic.bars";
  public static final String FILLS_TOPIC = "signals.topic.fills";
  public static final String PNL_TOPIC = "signals.topic.pnl";
  public static final String REPLICATION_FACTOR = "signals.topic.replication.factor";
  public static final String STARTING_CAPITAL = "signals.starting.capital";
  public static final String FEE_BPS = "signals.fee.bps";
  public static final String SLIPPAGE_BPS = "signals.slippage.bps";
  public static final String FILL_MODE = "signals.fill.mode";
  public static final String PORTFOLIO_NAME = "signals.portfolio.name";
  public static final String PORTFOLIO_SYMBOLS = "signals.portfolio.symbols";
  public static final String MODELS_TOPIC = "signals.topic.models";
  public static final String MODEL_EVENTS_TOPIC = "signals.topic.model.events";
  public static final String DASHBOARD_HOST = "signals.dashboard.host";
  public static final String DASHBOARD_PORT = "signals.dashboard.port";
  public static final String STREAMS_PREFIX = "streams.";

  private static final ConfigDef.Validator BASIS_POINTS =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            double bps = (Double) value;
            if (!(bps >= 0 && bps < 10_000)) {
              throw new ConfigException(name, value, "must be >= 0 and < 10000");
            }
          },
          () -> "[0, 10000)");

  private static final ConfigDef.Validator SYMBOLS =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            List<?> symbols = (List<?>) value;
            if (symbols.isEmpty()) {
              throw new ConfigException(name, value, "must name at least one symbol");
            }
            for (Object symbol : symbols) {
              if (!BarRules.isValidSymbol(String.valueOf(symbol))) {
                throw new ConfigException(
                    name, value, "symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
              }
            }
          },
          () -> "symbols, comma separated");

  /** Every key of the P&amp;L processor, declared once. */
  public static final ConfigSpec SPEC =
      CommonKeys.connection(ConfigSpec.forService("signals"))
          .define(
              APPLICATION_ID,
              Type.STRING,
              "lstm-signals",
              new ConfigDef.NonEmptyString(),
              "Kafka Streams application id of the P&L processor.")
          .define(
              STATE_DIR,
              Type.STRING,
              "var/state/signals",
              new ConfigDef.NonEmptyString(),
              "Where the books live locally (relative paths from the working directory); restored"
                  + " from their changelogs when missing. Instances on one machine need their own.")
          .defineTopic(SIGNALS_TOPIC, Topics.SIGNALS, "Input topic of signals.")
          .defineTopic(BARS_TOPIC, Topics.BARS, "Input topic of bars.")
          .defineTopic(FILLS_TOPIC, Topics.FILLS, "Output topic of paper fills.")
          .defineTopic(PNL_TOPIC, Topics.PNL, "Output topic of P&L snapshots.")
          .defineTopic(
              MODELS_TOPIC,
              Topics.MODELS,
              "Models topic: the report and the dashboard read each version's training and"
                  + " validation ranges from it.")
          .defineTopic(
              MODEL_EVENTS_TOPIC,
              Topics.MODEL_EVENTS,
              "The retrainer's model-events topic (each decision: promoted, rejected or failed,"
                  + " the version in force, the challenger, the reason) shown by the dashboard; its"
                  + " panel stays empty while the topic does not exist.")
          .define(
              DASHBOARD_HOST,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              "Address the read-only dashboard binds to; 127.0.0.1 keeps it on this machine."
                  + " Elsewhere it asks for http.auth.username/password when they are set (put a"
                  + " TLS proxy in front beyond a trusted network).")
          .define(
              DASHBOARD_PORT,
              Type.INT,
              8090,
              Range.between(-1, 65535),
              "Port of the dashboard (http://host:port/); 0 = any free port, -1 = no dashboard.")
          .define(
              REPLICATION_FACTOR,
              Type.SHORT,
              (short) -1,
              CommonKeys.REPLICATION_FACTOR,
              "Replication factor of its internal topics (the books' changelogs, the portfolio's"
                  + " repartition topic); -1 = the broker's default.")
          .define(
              STARTING_CAPITAL,
              Type.DOUBLE,
              10_000.0,
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    double capital = (Double) value;
                    if (!(capital > 0) || Double.isInfinite(capital)) {
                      throw new ConfigException(name, value, "must be a finite number > 0");
                    }
                  },
                  () -> "> 0"),
              "Starting capital of each symbol's book, in the quote asset.")
          .define(
              FEE_BPS,
              Type.DOUBLE,
              0.0,
              BASIS_POINTS,
              "Fee per position change, in basis points of the notional traded.")
          .define(
              SLIPPAGE_BPS,
              Type.DOUBLE,
              0.0,
              BASIS_POINTS,
              "Slippage per position change, in basis points of the notional traded.")
          .define(
              FILL_MODE,
              Type.STRING,
              FillConvention.REFERENCE_CLOSE.name(),
              CommonKeys.oneOf(
                  Arrays.stream(FillConvention.values()).map(FillConvention::name).toList()),
              "REFERENCE_CLOSE fills at close(b), the study's convention; NEXT_OPEN at"
                  + " open(b+1).")
          .define(
              PORTFOLIO_NAME,
              Type.STRING,
              "PORTFOLIO",
              new ConfigDef.NonEmptyString(),
              "Key of the portfolio's snapshots on the P&L topic.")
          .define(
              PORTFOLIO_SYMBOLS,
              Type.LIST,
              "BTCUSDT",
              SYMBOLS,
              "Members of the equal-capital portfolio, comma separated. The portfolio waits for"
                  + " its slowest member, so list only symbols that trade.")
          .streamsPassThrough("Kafka Streams settings, e.g. streams.commit.interval.ms=1000.")
          .build();

  public SignalsConfig {
    portfolioSymbols = List.copyOf(portfolioSymbols);
    streamsOverrides = Map.copyOf(streamsOverrides);
    security = Map.copyOf(security);
    registryAccess = Map.copyOf(registryAccess);
  }

  /**
   * Reads and validates a configuration; values may be text (a properties file) or typed.
   *
   * @throws io.lstmsignals.service.config.InvalidConfigurationException listing every problem
   */
  public static SignalsConfig from(Map<String, ?> values) {
    return from(SPEC.parse(values));
  }

  /** The configuration of parsed settings. */
  public static SignalsConfig from(Settings settings) {
    short replication = settings.shortValue(REPLICATION_FACTOR);
    return new SignalsConfig(
        settings.string(BOOTSTRAP_SERVERS),
        settings.string(REGISTRY_URL),
        settings.string(APPLICATION_ID),
        settings.string(STATE_DIR),
        Topics.SIGNALS.named(settings.string(SIGNALS_TOPIC)),
        Topics.BARS.named(settings.string(BARS_TOPIC)),
        Topics.FILLS.named(settings.string(FILLS_TOPIC)),
        Topics.PNL.named(settings.string(PNL_TOPIC)),
        replication,
        new LedgerSettings(
            settings.decimal(STARTING_CAPITAL),
            settings.decimal(FEE_BPS),
            settings.decimal(SLIPPAGE_BPS),
            FillConvention.valueOf(settings.string(FILL_MODE).toUpperCase(Locale.ROOT))),
        settings.string(PORTFOLIO_NAME),
        settings.list(PORTFOLIO_SYMBOLS),
        settings.passThrough(STREAMS_PREFIX),
        Topics.MODELS.named(settings.string(MODELS_TOPIC)),
        Topics.MODEL_EVENTS.named(settings.string(MODEL_EVENTS_TOPIC)),
        settings.string(DASHBOARD_HOST),
        settings.integer(DASHBOARD_PORT),
        settings.kafkaSecurity(),
        CommonKeys.registryAccess(settings));
  }

  /** Config for the Avro serdes: the registry URL and access; generated classes are read. */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> config = new HashMap<>(AvroSerdeConfig.specificRecords(registryUrl));
    config.putAll(registryAccess);
    return config;
  }

  /** What every Kafka client of the processor starts from: the brokers, and security. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(security);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Kafka Streams properties: exactly-once v2, the overrides, the internal topics' replication. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(security);
    props.putAll(streamsOverrides);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    return props;
  }

  /**
   * The input and output topics as the catalogue specifies them (the processor never creates them:
   * {@code bin/stack topics create} does).
   */
  public List<TopicSpec> topics() {
    return List.of(
        signals.spec(),
        signalsDeadLetters().spec(),
        bars.spec(),
        barsDeadLetters().spec(),
        fills.spec(),
        pnl.spec());
  }

  public Topic<String, DeadLetter> signalsDeadLetters() {
    return signals.deadLetters();
  }

  public Topic<String, DeadLetter> barsDeadLetters() {
    return bars.deadLetters();
  }
}
