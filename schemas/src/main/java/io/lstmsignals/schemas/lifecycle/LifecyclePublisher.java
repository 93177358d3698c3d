package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.LifecycleRules;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes releases and promotions after checking them ({@link LifecycleRules}) against the lines as
 * they stand ({@link LifecycleHistory}): the one way the trainer, {@code scorer release} and {@code
 * models} put anything on the lifecycle topics. Each send waits for the broker's acknowledgement.
 */
public final class LifecyclePublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LifecyclePublisher.class);

  private final Topic<String, ModelRelease> models;
  private final Topic<String, ModelPromotion> promotions;
  private final KafkaProducer<String, ModelRelease> releaseProducer;
  private final KafkaProducer<String, ModelPromotion> promotionProducer;

  /**
   * @param clientConfig the brokers (and security settings) of a producer
   * @param serdeConfig the registry settings of the value serializers
   */
  public LifecyclePublisher(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      Topic<String, ModelRelease> models,
      Topic<String, ModelPromotion> promotions) {
    this.models = models;
    this.promotions = promotions;
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_BYTES);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MODEL_MAX_BYTES);
    this.releaseProducer =
        new KafkaProducer<>(
            config, models.keySerde().serializer(), models.valueSerializer(serdeConfig));
    this.promotionProducer =
        new KafkaProducer<>(
            config, promotions.keySerde().serializer(), promotions.valueSerializer(serdeConfig));
  }

  /**
   * Publishes a release, keyed {@code <line>/<version>}.
   *
   * @throws IllegalArgumentException listing what is wrong with it (nothing is written)
   */
  public RecordMetadata publish(ModelRelease release, LifecycleHistory current)
      throws InterruptedException {
    List<String> problems = LifecycleRecords.problems(release, current.lines());
    refuseIf(problems);
    String key = ModelVersions.releaseKey(release.getModelName(), release.getVersion());
    RecordMetadata meta = send(releaseProducer, new ProducerRecord<>(models.name(), key, release));
    log.info(
        "Released line={} version={} sha256={} symbols={} to {}-{}@{}",
        release.getModelName(),
        release.getVersion(),
        release.getSha256(),
        release.getSymbols(),
        meta.topic(),
        meta.partition(),
        meta.offset());
    return meta;
  }

  /**
   * Writes a promotion under {@code <line>/<id>} ({@code id} unique per decision; a re-write of the
   * same decision reuses it).
   *
   * @throws IllegalArgumentException listing what is wrong with it (nothing is written)
   */
  public RecordMetadata promote(Promotion promotion, String id, LifecycleHistory current)
      throws InterruptedException {
    refuseIf(LifecycleRules.promotionProblems(promotion, current.lines()));
    RecordMetadata meta =
        send(
            promotionProducer,
            new ProducerRecord<>(
                promotions.name(),
                ModelVersions.promotionKey(promotion.line(), id),
                LifecycleRecords.toAvro(promotion)));
    log.info(
        "Promotion line={} action={} version={} effectiveFrom={} by={} to {}-{}@{}",
        promotion.line(),
        promotion.action(),
        promotion.version(),
        promotion.effectiveFrom(),
        promotion.actor(),
        meta.topic(),
        meta.partition(),
        meta.offset());
    return meta;
  }

  private static void refuseIf(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static <V> RecordMetadata send(
      KafkaProducer<String, V> producer, ProducerRecord<String, V> record)
      throws InterruptedException {
    try {
      return producer.send(record).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Could not write to " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    releaseProducer.close();
    promotionProducer.close();
  }
}
