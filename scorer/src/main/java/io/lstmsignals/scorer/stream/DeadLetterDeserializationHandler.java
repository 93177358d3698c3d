package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.schemas.registry.SchemaRegistryUnavailableException;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the scorer cannot deserialize to {@code <topic>.dlq} as a {@link DeadLetter}
 * holding the original bytes and topic-partition@offset, then resumes. Streams produces the dead
 * letter in the task's transaction, so under exactly-once it is written iff the offset is
 * committed.
 *
 * <p>Configured from the Streams config: {@code schema.registry.url}, and optionally a {@link
 * ScorerMetrics} under {@value #METRICS_CONFIG}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  /** Config key under which the topology's owner passes its {@link ScorerMetrics} instance. */
  public static final String METRICS_CONFIG = "scorer.metrics.instance";

  private final AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
  private ScorerMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    serializer.configure(configs, false);
    if (configs.get(METRICS_CONFIG) instanceof ScorerMetrics configured) {
      metrics = configured;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (SchemaRegistryUnavailableException.causes(exception)) {
      // The registry is down, the record is fine: failing makes the stream thread restart from the
      // last commit (ManagedStreams replaces it), so the record is read again once the registry
      // answers instead of being dead-lettered.
      log.warn(
          "Schema registry unreachable while reading tp={}-{}@{}; not dead-lettering it: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
    String deadLetterTopic = Topics.BARS.named(record.topic()).deadLetters().name();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    log.warn(
        "Dead-lettering undeserializable record tp={}-{}@{} key={} task={} to topic={}",
        record.topic(),
        record.partition(),
        record.offset(),
        key,
        context.taskId(),
        deadLetterTopic,
        exception);
    DeadLetter letter =
        DeadLetters.undeserializable(
            ScorerConfig.DEAD_LETTER_STAGE,
            record.topic(),
            DeadLetters.location(record.partition(), record.offset()),
            key,
            record.value(),
            exception,
            Instant.now());
    byte[] value = serializer.serialize(deadLetterTopic, letter);
    if (metrics != null) {
      metrics.deadLettered(record.topic());
    }
    return Response.resume(
        List.of(
            new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(), value)));
  }
}
