package io.lstmsignals.schemas.topic;

import java.util.Map;

/**
 * Every topic of the pipeline, with the configuration it is created with. The one place names and
 * configs live.
 *
 * <p>Data flows one way: ingest → {@link #BARS} → scorer → {@link #SIGNALS} → P&amp;L → {@link
 * #FILLS}, {@link #PNL}; trainer → {@link #MODELS} → scorer. Every keyed topic is keyed by symbol
 * (a UTF-8 string), and {@link #BARS}, {@link #SIGNALS}, {@link #FILLS} and {@link #PNL} share one
 * partition count so that a symbol lives on the same partition number everywhere and per-symbol
 * joins need no repartition.
 *
 * <p>Market history and decisions are kept forever ({@code retention.ms=-1}): users replay and
 * retrain from them.
 */
public final class Topics {

  /**
   * Partitions of the per-symbol topics; bounds how many scorer or P&amp;L instances can share the
   * work.
   */
  public static final int SYMBOL_PARTITIONS = 6;

  /**
   * Largest model release the models topic accepts, in bytes; producers of releases raise
   * max.request.size to it.
   */
  public static final int MODEL_MAX_BYTES = 16 * 1024 * 1024;

  private static final String FOREVER = "-1";
  private static final Map<String, String> KEEP_FOREVER =
      Map.of(
          "cleanup.policy",
          "delete",
          "retention.ms",
          FOREVER,
          "message.timestamp.type",
          "CreateTime");

  /** Closed 4h bars, validated by ingest. Value {@code Bar}; record timestamp = bar close time. */
  public static final TopicSpec BARS =
      new TopicSpec("lstm.bars.4h", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER);

  /**
   * Long/flat decisions, one per (symbol, bar). Value {@code Signal}; record timestamp = bar close
   * time.
   */
  public static final TopicSpec SIGNALS =
      new TopicSpec("lstm.signals", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER);

  /** Paper-trading position changes. Value {@code Fill}. */
  public static final TopicSpec FILLS =
      new TopicSpec("lstm.fills", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER);

  /** Paper-trading P&amp;L per symbol per bar, and the portfolio's. Value {@code PnlSnapshot}. */
  public static final TopicSpec PNL =
      new TopicSpec("lstm.pnl", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER);

  /**
   * Model releases, keyed by model name. Compacted: the latest release of a name is the one in
   * force, and a scorer that starts reads it from here. One partition keeps releases in one total
   * order. Messages are large (the ONNX artifact rides inline), hence {@code max.message.bytes} =
   * {@link #MODEL_MAX_BYTES}.
   */
  public static final TopicSpec MODELS =
      new TopicSpec(
          "lstm.models",
          1,
          (short) -1,
          Map.of(
              "cleanup.policy", "compact",
              "max.message.bytes", String.valueOf(MODEL_MAX_BYTES),
              "min.compaction.lag.ms", "0"));

  private Topics() {}

  /**
   * The dead-letter topic of an input topic: {@code <name>.dlq}, value {@code DeadLetter}, kept
   * forever, since a rejected record is data someone must look at. One partition is enough for what
   * should be a trickle.
   */
  public static TopicSpec deadLetterOf(TopicSpec input) {
    return new TopicSpec(input.name() + ".dlq", 1, input.replicationFactor(), KEEP_FOREVER);
  }
}
