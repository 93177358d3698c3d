package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the {@link DeadLetter} of a rejected input record of this stage. */
final class DeadLetters {

  static final String STAGE = "signals";

  private DeadLetters() {}

  static DeadLetter of(RecordMetadata origin, String key, byte[] payload, String reason, Exception cause) {
    return DeadLetter.newBuilder()
        .setStage(STAGE)
        .setOrigin(origin.topic())
        .setLocation("partition " + origin.partition() + " offset " + origin.offset())
        .setKey(key)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .setPayloadText(null)
        .setReason(reason)
        .setErrorType(cause == null ? null : cause.getClass().getName())
        .setFailedAt(Instant.now())
        .build();
  }
}
