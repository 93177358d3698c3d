package io.lstmsignals.ingest.publish;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;

/**
 * The bars topic ingest writes (the contract's {@link Topics#BARS}, under a chosen name) and its
 * dead letters.
 */
public final class BarTopics {
  private BarTopics() {}

  /** The bars topic under {@code name}. */
  public static Topic<String, Bar> bars(String name) {
    return Topics.BARS.named(name);
  }

  /** The dead-letter topic of the bars topic {@code name}. */
  public static Topic<String, DeadLetter> deadLetters(String name) {
    return bars(name).deadLetters();
  }
}
