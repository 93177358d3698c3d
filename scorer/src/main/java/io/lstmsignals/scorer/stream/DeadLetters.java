package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the scorer's {@link DeadLetter} records. */
final class DeadLetters {
  static final String STAGE = "scorer";

  private DeadLetters() {}

  /** A record the scorer read but would not accept; {@code payloadText} is its Avro JSON form. */
  static DeadLetter rejected(String topic, String location, String key, String payloadText, String reason,
      Instant now) {
    return DeadLetter.newBuilder().setStage(STAGE).setOrigin(topic).setLocation(location).setKey(key)
        .setPayload(null).setPayloadText(payloadText).setReason(reason).setErrorType(null).setFailedAt(now).build();
  }

  /** A record the scorer could not read at all, kept byte for byte. */
  static DeadLetter unreadable(String topic, String location, String key, byte[] payload, Exception error,
      Instant now) {
    return DeadLetter.newBuilder().setStage(STAGE).setOrigin(topic).setLocation(location).setKey(key)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload)).setPayloadText(null)
        .setReason("could not deserialize: " + error.getMessage()).setErrorType(error.getClass().getName())
        .setFailedAt(now).build();
  }

  /** A record the scorer read but failed to process. */
  static DeadLetter failed(String topic, String location, String key, byte[] payload, String payloadText,
      Exception error, Instant now) {
    return DeadLetter.newBuilder().setStage(STAGE).setOrigin(topic).setLocation(location).setKey(key)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload)).setPayloadText(payloadText)
        .setReason("processing failed: " + error.getMessage()).setErrorType(error.getClass().getName())
        .setFailedAt(now).build();
  }

  static String location(int partition, long offset) {
    return "partition " + partition + " offset " + offset;
  }
}
