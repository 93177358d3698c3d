package io.lstmsignals.schemas.topic;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A topic's name and the configuration it must be created with.
 *
 * <p>Immutable. {@link #withName} and {@link #withPartitions} return copies, so a test can give
 * every run its own topic while keeping the production configuration.
 *
 * @param name the topic name
 * @param partitions partition count; topics joined per symbol must share it
 * @param replicationFactor replication factor, or -1 for the broker's default
 * @param configs topic-level configs (cleanup.policy, retention.ms, ...)
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  /**
   * What a topic name a user may choose must be: Kafka's characters, and short enough for the
   * {@code .dlq} suffix of its dead-letter topic.
   */
  public static final String NAME_RULE =
      "must be 1-245 of [a-zA-Z0-9._-] (the .dlq suffix must fit)";

  /** Whether a user-chosen topic name keeps {@link #NAME_RULE}. */
  public static boolean isValidName(String name) {
    return name != null && name.matches("[a-zA-Z0-9._-]{1,245}");
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException(
          "Invalid topic name '" + name + "': must be 1-249 of [a-zA-Z0-9._-]");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Invalid partitions " + partitions + " for topic " + name + ": must be >= 1");
    }
    if (replicationFactor < 1 && replicationFactor != -1) {
      throw new IllegalArgumentException(
          "Invalid replication factor "
              + replicationFactor
              + " for topic "
              + name
              + ": must be >= 1 or -1 (broker default)");
    }
    configs = Map.copyOf(configs);
  }

  /** The same topic under another name (e.g. a per-test name). */
  public TopicSpec withName(String newName) {
    return new TopicSpec(newName, partitions, replicationFactor, configs);
  }

  /** The same topic with another partition count. */
  public TopicSpec withPartitions(int newPartitions) {
    return new TopicSpec(name, newPartitions, replicationFactor, configs);
  }

  /**
   * The same topic with another replication factor (1 on a single local broker, 3 in production).
   */
  public TopicSpec withReplicationFactor(short newReplicationFactor) {
    return new TopicSpec(name, partitions, newReplicationFactor, configs);
  }

  /** The topic's configs in a stable order, for logs and diffs. */
  public Map<String, String> sortedConfigs() {
    return new TreeMap<>(configs);
  }
}
