package io.lstmsignals.schemas.topic;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import java.util.Map;

/**
 * Every topic of the pipeline, with its contract and the configuration it is created with. The one
 * place names and configs live.
 *
 * <p>Data flows one way: ingest → {@link #BARS} → scorer → {@link #SIGNALS} → P&amp;L → {@link
 * #FILLS}, {@link #PNL}; trainer → {@link #MODELS} and {@link #MODEL_PROMOTIONS} → scorer, and the
 * retrainer's {@link #MODEL_EVENTS}. Every keyed topic is keyed by symbol (a UTF-8 string), and
 * {@link #BARS}, {@link #SIGNALS}, {@link #FILLS} and {@link #PNL} share one partition count so
 * that a symbol lives on the same partition number everywhere and per-symbol joins need no
 * repartition.
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

  /** Closed 4h bars, validated by ingest. Record timestamp = bar close time. */
  public static final Topic<String, Bar> BARS =
      Topic.keyedByString(
          new TopicSpec("lstm.bars.4h", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER), Bar.class);

  /** Long/flat decisions, one per (symbol, bar). Record timestamp = bar close time. */
  public static final Topic<String, Signal> SIGNALS =
      Topic.keyedByString(
          new TopicSpec("lstm.signals", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER), Signal.class);

  /** Paper-trading position changes. */
  public static final Topic<String, Fill> FILLS =
      Topic.keyedByString(
          new TopicSpec("lstm.fills", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER), Fill.class);

  /** Paper-trading P&amp;L per symbol per bar, and the portfolio's. */
  public static final Topic<String, PnlSnapshot> PNL =
      Topic.keyedByString(
          new TopicSpec("lstm.pnl", SYMBOL_PARTITIONS, (short) -1, KEEP_FOREVER),
          PnlSnapshot.class);

  /**
   * Model releases, immutable, keyed {@code <line>/<version>}: compaction keeps every version and
   * only dedupes a re-publish of the same one. One partition keeps releases in one total order.
   * Messages are large (the ONNX artifact rides inline), hence {@code max.message.bytes} = {@link
   * #MODEL_MAX_BYTES}. Which version is in force is {@link #MODEL_PROMOTIONS}' business.
   */
  public static final Topic<String, ModelRelease> MODELS =
      Topic.keyedByString(
          new TopicSpec(
              "lstm.models",
              1,
              (short) -1,
              Map.of(
                  "cleanup.policy",
                  "compact",
                  "max.message.bytes",
                  String.valueOf(MODEL_MAX_BYTES),
                  "min.compaction.lag.ms",
                  "0")),
          ModelRelease.class);

  /**
   * Promotions: which version of a line is in force for which bars, keyed {@code <line>/<id>} with
   * an id unique per decision, so compaction keeps every promotion (the in-force history a replay
   * needs) and only dedupes a re-write of the same decision. One partition: one total order, the
   * order in which promotions take effect.
   */
  public static final Topic<String, ModelPromotion> MODEL_PROMOTIONS =
      Topic.keyedByString(
          new TopicSpec(
              "lstm.models.promotions",
              1,
              (short) -1,
              Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
          ModelPromotion.class);

  /**
   * The retrainer's decisions, one per line and schedule boundary, keyed {@code <line>/<boundary>}:
   * with both models' figures and the reason. Compacted (every decision kept); what a restarted
   * retrainer resumes from.
   */
  public static final Topic<String, ModelEvent> MODEL_EVENTS =
      Topic.keyedByString(
          new TopicSpec(
              "lstm.models.events",
              1,
              (short) -1,
              Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
          ModelEvent.class);

  private Topics() {}

  /** The dead-letter topic of an input topic ({@link Topic#deadLetters()}). */
  public static <K> Topic<K, DeadLetter> deadLetterOf(Topic<K, ?> input) {
    return input.deadLetters();
  }

  /**
   * The spec of a dead-letter topic: {@code <name>.dlq}, kept forever, since a rejected record is
   * data someone must look at. One partition is enough for what should be a trickle.
   */
  static TopicSpec deadLetterSpec(TopicSpec input) {
    return new TopicSpec(input.name() + ".dlq", 1, input.replicationFactor(), KEEP_FOREVER);
  }
}
