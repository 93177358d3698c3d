package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The model lifecycle as its commands use it: read the lines as they stand, release a version,
 * promote, roll back, retire — each write checked against what the topics hold at that moment.
 * Closes its producers.
 */
public final class ModelLifecycle implements AutoCloseable {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Object> clientConfig;
  private final Map<String, Object> serdeConfig;
  private final Topic<String, ModelRelease> models;
  private final Topic<String, ModelPromotion> promotions;
  private final LifecyclePublisher publisher;

  /**
   * @param clientConfig the brokers (and security settings) of its consumers and producers
   * @param serdeConfig the registry settings of the serdes
   */
  public ModelLifecycle(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      Topic<String, ModelRelease> models,
      Topic<String, ModelPromotion> promotions) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.serdeConfig = Map.copyOf(serdeConfig);
    this.models = models;
    this.promotions = promotions;
    this.publisher = new LifecyclePublisher(clientConfig, serdeConfig, models, promotions);
  }

  /** Both topics, read to their end now. */
  public LifecycleHistory history() {
    return LifecycleHistory.read(clientConfig, serdeConfig, models, promotions, READ_TIMEOUT);
  }

  /**
   * Publishes a release after the checks.
   *
   * @throws IllegalArgumentException listing what is wrong with it (nothing is written)
   */
  public RecordMetadata release(ModelRelease release) throws InterruptedException {
    return publisher.publish(release, history());
  }

  /**
   * Puts {@code version} of {@code line} in force.
   *
   * @param action PROMOTE or ROLLBACK (the record says which)
   * @param effectiveFrom open time of the first bar it applies to; null = the next bar processed
   * @param optInSymbols symbols the line also serves though not trained on them
   * @param maxAgeBars expiry in bars after the version's training; empty = never
   * @throws IllegalArgumentException naming what is wrong (an unknown version, ...)
   */
  public Promotion putInForce(
      Promotion.Action action,
      String line,
      String version,
      Instant effectiveFrom,
      List<String> optInSymbols,
      OptionalInt maxAgeBars,
      String actor,
      String reason)
      throws InterruptedException {
    return putInForce(
        action, line, version, effectiveFrom, null, optInSymbols, maxAgeBars, actor, reason);
  }

  /**
   * Puts {@code version} of {@code line} in force until {@code validUntil}: on a line a retrainer
   * decides, bars from then on wait for its next scheduled decision.
   *
   * @param validUntil null = until another promotion
   */
  public Promotion putInForce(
      Promotion.Action action,
      String line,
      String version,
      Instant effectiveFrom,
      Instant validUntil,
      List<String> optInSymbols,
      OptionalInt maxAgeBars,
      String actor,
      String reason)
      throws InterruptedException {
    LifecycleHistory current = history();
    String sha256 =
        current
            .lines()
            .release(line, version)
            .map(Release::sha256)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "line "
                            + line
                            + " has no version "
                            + version
                            + " (known: "
                            + current.lines().releases(line).stream().map(Release::version).toList()
                            + ")"));
    Promotion promotion =
        new Promotion(
            line,
            action,
            version,
            sha256,
            effectiveFrom,
            validUntil,
            optInSymbols,
            maxAgeBars,
            Instant.now(),
            actor,
            reason);
    publisher.promote(promotion, "manual-" + UUID.randomUUID(), current);
    return promotion;
  }

  /** Takes {@code line} out of service from {@code effectiveFrom} (null = the next bar). */
  public Promotion retire(String line, Instant effectiveFrom, String actor, String reason)
      throws InterruptedException {
    Promotion promotion =
        new Promotion(
            line,
            Promotion.Action.RETIRE,
            null,
            null,
            effectiveFrom,
            null,
            List.of(),
            OptionalInt.empty(),
            Instant.now(),
            actor,
            reason);
    publisher.promote(promotion, "manual-" + UUID.randomUUID(), history());
    return promotion;
  }

  @Override
  public void close() {
    publisher.close();
  }
}
