package io.lstmsignals.ops.demo;

import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import java.util.List;

/**
 * The topics one pipeline run uses: the standard ones of {@link Topics}, or copies under a suffix
 * so that runs on a shared broker (tests) do not see each other's bars and signals.
 */
public record PipelineTopics(
    TopicSpec bars, TopicSpec signals, TopicSpec fills, TopicSpec pnl, TopicSpec models) {

  /** The production topic names. */
  public static PipelineTopics standard() {
    return new PipelineTopics(Topics.BARS, Topics.SIGNALS, Topics.FILLS, Topics.PNL, Topics.MODELS);
  }

  /** The same topics and configs, every name followed by {@code .<suffix>}. */
  public static PipelineTopics suffixed(String suffix) {
    PipelineTopics standard = standard();
    return new PipelineTopics(
        renamed(standard.bars, suffix),
        renamed(standard.signals, suffix),
        renamed(standard.fills, suffix),
        renamed(standard.pnl, suffix),
        renamed(standard.models, suffix));
  }

  private static TopicSpec renamed(TopicSpec spec, String suffix) {
    return spec.withName(spec.name() + "." + suffix);
  }

  /** Every topic to create, dead-letter topics included. */
  public List<TopicSpec> all() {
    return List.of(
        bars,
        Topics.deadLetterOf(bars),
        signals,
        Topics.deadLetterOf(signals),
        fills,
        pnl,
        models,
        Topics.deadLetterOf(models));
  }
}
