package io.lstmsignals.ingest.publish;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

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

  /** Creates the bars topic {@code name} and its dead-letter topic unless they exist. */
  public static void ensure(Map<String, Object> adminConfig, String name, Duration timeout) {
    try (Admin admin = Admin.create(adminConfig)) {
      new TopicProvisioner(admin, timeout)
          .ensure(List.of(bars(name).spec(), deadLetters(name).spec()));
    }
  }
}
