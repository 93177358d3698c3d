package io.lstmsignals.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics from their {@link TopicSpec}s. Idempotent: a topic that exists is left alone, but
 * one whose partition count differs from the spec is reported, since per-symbol joins rely on it.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin an admin client the caller owns and closes
   */
  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Creates the topics that do not exist yet, and returns once the brokers serve them (a topic's
   * creation is acknowledged before every broker's metadata shows it; a client asking in between
   * would be told it does not exist).
   *
   * @return the names of the topics this call created
   * @throws IllegalStateException if an existing topic has another partition count than its spec,
   *     or the broker does not answer within the timeout
   */
  public List<String> ensure(Collection<TopicSpec> specs) {
    List<String> created = new ArrayList<>();
    for (TopicSpec spec : specs) {
      NewTopic topic =
          new NewTopic(
                  spec.name(),
                  Optional.of(spec.partitions()),
                  Optional.of(spec.replicationFactor()))
              .configs(spec.configs());
      try {
        admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(spec.name());
        log.info(
            "Created topic={} partitions={} configs={}",
            spec.name(),
            spec.partitions(),
            spec.sortedConfigs());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "Could not create topic " + spec.name() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
        checkPartitions(spec);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Broker did not create topic " + spec.name() + " within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while creating topic " + spec.name(), e);
      }
    }
    awaitServed(created);
    return created;
  }

  private void awaitServed(List<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(topics)
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (described.values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
          return;
        }
      } catch (ExecutionException notYetEverywhere) {
        // UnknownTopicOrPartition until the broker's metadata has the new topics: ask again.
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Broker did not serve the new topics " + topics + " within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Broker did not serve the new topics " + topics + " within " + timeout);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
      }
    }
  }

  private void checkPartitions(TopicSpec spec) {
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(Set.of(spec.name()))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      int actual = described.get(spec.name()).partitions().size();
      if (actual != spec.partitions()) {
        throw new IllegalStateException(
            "Topic "
                + spec.name()
                + " exists with "
                + actual
                + " partitions, expected "
                + spec.partitions()
                + ": symbols would land on different partitions across"
                + " topics; recreate it or use the same count everywhere");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Could not describe topic " + spec.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing topic " + spec.name(), e);
    }
  }
}
