package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.InvalidConfigurationException;
import io.lstmsignals.service.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Ingest's configuration (the live poller's, and the broker settings replays share), every key
 * declared once in {@link #SPEC}. Keys starting with {@value #PRODUCER_PREFIX} go to the bars'
 * producer without the prefix, after a check against the producer's own keys.
 *
 * @param endpoints the broker, the registry and the producer settings from {@code producer.*}
 * @param since where a symbol the topic does not hold yet starts polling; null = 1,000 bars ago
 * @param plausibility the range and open-gap limits every published bar keeps (replay and poll)
 */
public record IngestConfig(
    KafkaEndpoints endpoints,
    String barsTopic,
    List<String> symbols,
    BarInterval interval,
    URI baseUrl,
    Instant since,
    int pageLimit,
    Duration requestTimeout,
    Plausibility plausibility) {

  public static final String BARS_TOPIC = "ingest.topic.bars";
  public static final String SYMBOLS = "ingest.poll.symbols";
  public static final String INTERVAL = "ingest.poll.interval";
  public static final String BASE_URL = "ingest.poll.base.url";
  public static final String SINCE = "ingest.poll.since";
  public static final String PAGE_LIMIT = "ingest.poll.page.limit";
  public static final String REQUEST_TIMEOUT_MS = "ingest.poll.request.timeout.ms";
  public static final String PRODUCER_PREFIX = "producer.";

  private static final List<String> POLLABLE =
      BarInterval.SUPPORTED.stream()
          .filter(
              name ->
                  name.equals(BarInterval.FOUR_HOURS.name())
                      || BarInterval.parse(name).divides(BarInterval.FOUR_HOURS))
          .toList();

  /** Every key of ingest, declared once. */
  public static final ConfigSpec SPEC =
      CommonKeys.connection(ConfigSpec.forService("ingest"))
          .defineTopic(
              BARS_TOPIC, Topics.BARS, "Topic of the 4h bars; rejected input goes to <name>.dlq.")
          .define(
              SYMBOLS,
              Type.LIST,
              "",
              null,
              "Symbols the poller follows, comma separated, e.g. BTCUSDT,ETHUSDT (required to poll).")
          .define(
              INTERVAL,
              Type.STRING,
              BarInterval.FOUR_HOURS.name(),
              CommonKeys.oneOf(POLLABLE),
              "Interval the poller fetches: 4h, or a divisor of it, aggregated into 4h bars.")
          .define(
              BASE_URL,
              Type.STRING,
              "https://api.binance.com",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    if (!String.valueOf(value).matches("https?://\\S+")) {
                      throw new ConfigException(name, value, "must be an http(s):// URL");
                    }
                  },
                  () -> "http(s) URL"),
              "Base URL of the Binance-style klines API (GET /api/v3/klines).")
          .define(
              SINCE,
              Type.STRING,
              "",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    String text = String.valueOf(value);
                    if (!text.isEmpty()) {
                      try {
                        Instant.parse(text);
                      } catch (DateTimeParseException e) {
                        throw new ConfigException(
                            name, value, "must be an ISO-8601 UTC time like 2024-01-01T00:00:00Z");
                      }
                    }
                  },
                  () -> "ISO-8601 UTC time, or empty"),
              "Where a symbol the topic does not hold yet starts; empty = 1,000 bars ago.")
          .define(
              PAGE_LIMIT,
              Type.INT,
              1000,
              Range.between(1, 1000),
              "Klines per request (Binance serves at most 1000).")
          .define(
              REQUEST_TIMEOUT_MS,
              Type.LONG,
              10_000L,
              Range.between(100, 600_000),
              "Timeout of one request to the klines API, in ms.")
          .define(
              Plausibility.MAX_RANGE_RATIO_KEY,
              Type.DOUBLE,
              Plausibility.DEFAULT.maxRangeRatio(),
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    double ratio = (Double) value;
                    if (!(ratio == 0 || ratio > 1) || Double.isInfinite(ratio)) {
                      throw new ConfigException(name, value, "must be 0 (off) or a number > 1");
                    }
                  },
                  () -> "0 or > 1"),
              "Largest high / low of one bar; a wider bar is a bad print (a listing artifact) and"
                  + " goes to the dead-letter topic instead of the bars topic. 0 = no limit.")
          .define(
              Plausibility.MAX_OPEN_GAP_KEY,
              Type.DOUBLE,
              Plausibility.DEFAULT.maxOpenGap(),
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    double gap = (Double) value;
                    if (!(gap >= 0) || Double.isInfinite(gap)) {
                      throw new ConfigException(name, value, "must be 0 (off) or a number > 0");
                    }
                  },
                  () -> ">= 0"),
              "Largest |open / previous close - 1| between consecutive bars of a symbol in one"
                  + " run (0.6 = 60 %); a bar opening further away goes to the dead-letter topic."
                  + " 0 = no limit.")
          .passThrough(
              PRODUCER_PREFIX,
              ConfigSpec.Client.PRODUCER,
              "Settings of the bars' producer, e.g. producer.compression.type=zstd.")
          .reserve(
              PRODUCER_PREFIX + "enable.idempotence",
              "bars are published with an idempotent producer, never otherwise")
          .reserve(PRODUCER_PREFIX + "acks", "bars are acknowledged by all in-sync replicas")
          .build();

  public IngestConfig {
    symbols = List.copyOf(symbols);
  }

  /**
   * Reads and validates a configuration; values may be text or typed.
   *
   * @throws InvalidConfigurationException listing every problem
   */
  public static IngestConfig from(Map<String, ?> values) {
    return from(SPEC.parse(values));
  }

  /** The configuration of parsed settings. */
  public static IngestConfig from(Settings settings) {
    String since = settings.string(SINCE);
    return new IngestConfig(
        new KafkaEndpoints(
            settings.string(CommonKeys.BOOTSTRAP_SERVERS),
            settings.string(CommonKeys.SCHEMA_REGISTRY_URL),
            settings.passThrough(PRODUCER_PREFIX),
            settings.kafkaSecurity(),
            CommonKeys.registryAccess(settings)),
        settings.string(BARS_TOPIC),
        settings.list(SYMBOLS),
        BarInterval.parse(settings.string(INTERVAL)),
        URI.create(settings.string(BASE_URL)),
        since.isEmpty() ? null : Instant.parse(since),
        settings.integer(PAGE_LIMIT),
        Duration.ofMillis(settings.longValue(REQUEST_TIMEOUT_MS)),
        new Plausibility(
            settings.decimal(Plausibility.MAX_RANGE_RATIO_KEY),
            settings.decimal(Plausibility.MAX_OPEN_GAP_KEY)));
  }

  /**
   * The symbols to poll.
   *
   * @throws InvalidConfigurationException when none is configured
   */
  public List<String> requireSymbols() {
    if (symbols.isEmpty()) {
      throw new InvalidConfigurationException(
          SPEC.service(),
          List.of(
              "Missing value for configuration "
                  + SYMBOLS
                  + ": the poller needs at least one symbol (--symbols BTCUSDT,ETHUSDT)"));
    }
    return symbols;
  }
}
