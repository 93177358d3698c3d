package io.lstmsignals.ops.demo;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import java.util.List;

/**
 * The topics one pipeline run uses: the standard ones of {@link Topics}, or copies under a suffix
 * so that runs on a shared broker (tests) do not see each other's bars and signals.
 */
public record PipelineTopics(
    Topic<String, Bar> bars,
    Topic<String, Signal> signals,
    Topic<String, Fill> fills,
    Topic<String, PnlSnapshot> pnl,
    Topic<String, ModelRelease> models,
    Topic<String, ModelPromotion> promotions,
    Topic<String, ModelEvent> events) {

  /** The production topic names. */
  public static PipelineTopics standard() {
    return new PipelineTopics(
        Topics.BARS,
        Topics.SIGNALS,
        Topics.FILLS,
        Topics.PNL,
        Topics.MODELS,
        Topics.MODEL_PROMOTIONS,
        Topics.MODEL_EVENTS);
  }

  /** The same topics and configs, every name followed by {@code .<suffix>}. */
  public static PipelineTopics suffixed(String suffix) {
    return new PipelineTopics(
        renamed(Topics.BARS, suffix),
        renamed(Topics.SIGNALS, suffix),
        renamed(Topics.FILLS, suffix),
        renamed(Topics.PNL, suffix),
        renamed(Topics.MODELS, suffix),
        renamed(Topics.MODEL_PROMOTIONS, suffix),
        renamed(Topics.MODEL_EVENTS, suffix));
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> renamed(
      Topic<String, V> topic, String suffix) {
    return topic.named(topic.name() + "." + suffix);
  }

  /** Every topic to create, dead-letter topics included. */
  public List<TopicSpec> specs() {
    return List.of(
        bars.spec(),
        bars.deadLetters().spec(),
        signals.spec(),
        signals.deadLetters().spec(),
        fills.spec(),
        pnl.spec(),
        models.spec(),
        models.deadLetters().spec(),
        promotions.spec(),
        events.spec());
  }
}
