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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a bar whose processing threw (a bug, or window bytes that cannot be read) to {@code
 * <topic>.dlq} with its original bytes and topic-partition@offset, then resumes with the next bar,
 * so one bad symbol cannot stop the others. Configured like {@link
 * DeadLetterDeserializationHandler}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private final AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
  private ScorerMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    serializer.configure(configs, false);
    if (configs.get(DeadLetterDeserializationHandler.METRICS_CONFIG)
        instanceof ScorerMetrics configured) {
      metrics = configured;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (SchemaRegistryUnavailableException.causes(exception)) {
      // The registry is down, the record is fine: failing makes the stream thread restart from the
      // last commit (ManagedStreams replaces it), so the record is read again once the registry
      // answers instead of being dead-lettered.
      log.warn(
          "Schema registry unreachable while reading tp={}-{}@{}; not dead-lettering it: {}",
          context.topic(),
          context.partition(),
          context.offset(),
          exception.getMessage());
      return Response.fail();
    }
    String deadLetterTopic = Topics.BARS.named(context.topic()).deadLetters().name();
    byte[] rawKey = context.sourceRawKey();
    String key =
        rawKey == null ? String.valueOf(record.key()) : new String(rawKey, StandardCharsets.UTF_8);
    log.error(
        "Dead-lettering bar whose processing failed tp={}-{}@{} key={} node={} to topic={}",
        context.topic(),
        context.partition(),
        context.offset(),
        key,
        context.processorNodeId(),
        deadLetterTopic,
        exception);
    DeadLetter letter =
        DeadLetters.processingFailed(
            ScorerConfig.DEAD_LETTER_STAGE,
            context.topic(),
            DeadLetters.location(context.partition(), context.offset()),
            key,
            context.sourceRawValue(),
            String.valueOf(record.value()),
            exception,
            Instant.now());
    if (metrics != null) {
      metrics.deadLettered(context.topic());
    }
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                deadLetterTopic,
                null,
                context.timestamp(),
                rawKey,
                serializer.serialize(deadLetterTopic, letter))));
  }
}
