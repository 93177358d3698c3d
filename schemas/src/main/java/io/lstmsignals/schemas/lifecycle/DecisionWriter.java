package io.lstmsignals.schemas.lifecycle;

import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.LifecycleRules;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.topic.Topic;
import io.lstmsignals.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a scheduled decision of one model line atomically, after the lifecycle's checks: the
 * release it puts in force (if new), its promotion and its model event, in one Kafka transaction.
 * Readers with {@code read_committed} see all three or none; an instance that lost the line (a
 * zombie after a rebalance) is fenced by its transactional id and cannot commit. One per line.
 */
public final class DecisionWriter implements AutoCloseable {

  private final Topic<String, ModelRelease> models;
  private final Topic<String, ModelPromotion> promotions;
  private final Topic<String, ModelEvent> events;
  private final Serializer<ModelRelease> releaseSerializer;
  private final Serializer<ModelPromotion> promotionSerializer;
  private final Serializer<ModelEvent> eventSerializer;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param clientConfig the brokers (and security settings) of a producer
   * @param serdeConfig the registry settings of the value serializers
   * @param transactionalId stable per line, so a restarted or new owner fences the previous one
   */
  public DecisionWriter(
      Map<String, Object> clientConfig,
      Map<String, Object> serdeConfig,
      Topic<String, ModelRelease> models,
      Topic<String, ModelPromotion> promotions,
      Topic<String, ModelEvent> events,
      String transactionalId) {
    this.models = models;
    this.promotions = promotions;
    this.events = events;
    this.releaseSerializer = models.valueSerializer(serdeConfig);
    this.promotionSerializer = promotions.valueSerializer(serdeConfig);
    this.eventSerializer = events.valueSerializer(serdeConfig);
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_BYTES);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MODEL_MAX_BYTES);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
  }

  /**
   * Checks and writes one decision.
   *
   * @param release the release the decision puts in force, when it is a new one
   * @param promotionId the decision's id in its line (its schedule boundary)
   * @param lines the lines as they stand before the decision
   * @throws IllegalArgumentException listing what is wrong (nothing is written)
   */
  public void write(
      Optional<ModelRelease> release,
      Promotion promotion,
      String promotionId,
      ModelEvent event,
      ModelLines lines) {
    List<String> problems = new ArrayList<>();
    ModelLines after = lines;
    if (release.isPresent()) {
      problems.addAll(LifecycleRecords.problems(release.get(), lines));
      after = lines.withRelease(LifecycleRecords.release(release.get()));
    }
    problems.addAll(LifecycleRules.promotionProblems(promotion, after));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    String line = promotion.line();
    producer.beginTransaction();
    try {
      release.ifPresent(
          r ->
              send(
                  models,
                  ModelVersions.releaseKey(r.getModelName(), r.getVersion()),
                  r,
                  releaseSerializer));
      send(
          promotions,
          ModelVersions.promotionKey(line, promotionId),
          LifecycleRecords.toAvro(promotion),
          promotionSerializer);
      send(events, ModelVersions.promotionKey(line, promotionId), event, eventSerializer);
      producer.commitTransaction();
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException fenced) {
        e.addSuppressed(fenced);
      }
      throw e;
    }
  }

  private <V extends SpecificRecord> void send(
      Topic<String, V> topic, String key, V value, Serializer<V> serializer) {
    producer.send(
        new ProducerRecord<>(
            topic.name(),
            topic.keySerde().serializer().serialize(topic.name(), key),
            serializer.serialize(topic.name(), value)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
