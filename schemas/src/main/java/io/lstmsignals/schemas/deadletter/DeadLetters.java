package io.lstmsignals.schemas.deadletter;

import io.lstmsignals.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds the {@link DeadLetter} of every stage, so that a dead letter reads the same whichever
 * stage wrote it: the same location format for a topic position, the same reason prefixes for
 * exceptions.
 *
 * <p>Every factory takes the rejecting stage ({@code ingest}, {@code scorer}, ...) and the
 * rejection time; a null location, key, payload or text is written as absent.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /**
   * Where a record sits in its topic, as dead letters write it: {@code "partition 2 offset 1234"}.
   */
  public static String location(int partition, long offset) {
    return "partition " + partition + " offset " + offset;
  }

  /**
   * A record read from a topic that the stage would not accept.
   *
   * @param location from {@link #location(int, long)}, or null when the position is unknown
   * @param payload the record's original bytes, or null
   * @param payloadText the record as text (e.g. its Avro JSON form), or null
   * @param reason why, naming the value and the rule
   * @param errorType the class name of the exception behind the rejection, or null
   */
  public static DeadLetter rejected(
      String stage,
      String topic,
      String location,
      String key,
      byte[] payload,
      String payloadText,
      String reason,
      String errorType,
      Instant failedAt) {
    return letter(stage, topic, location, key, payload, payloadText, reason, errorType, failedAt);
  }

  /** A record that could not be deserialized, kept byte for byte. */
  public static DeadLetter undeserializable(
      String stage,
      String topic,
      String location,
      String key,
      byte[] payload,
      Exception error,
      Instant failedAt) {
    return letter(
        stage,
        topic,
        location,
        key,
        payload,
        null,
        "could not deserialize: " + error.getMessage(),
        error.getClass().getName(),
        failedAt);
  }

  /** A record that was read but whose processing threw. */
  public static DeadLetter processingFailed(
      String stage,
      String topic,
      String location,
      String key,
      byte[] payload,
      String payloadText,
      Exception error,
      Instant failedAt) {
    return letter(
        stage,
        topic,
        location,
        key,
        payload,
        payloadText,
        "processing failed: " + error.getMessage(),
        error.getClass().getName(),
        failedAt);
  }

  /**
   * An input line of a file or URL that the stage would not accept; the payload is the line's UTF-8
   * bytes.
   *
   * @param origin the file path or URL
   * @param location where in it, e.g. {@code "line 17"}, or null
   * @param text the line, or null when there was none
   * @param errorType the class name of the exception behind the rejection, or null
   */
  public static DeadLetter rejectedLine(
      String stage,
      String origin,
      String location,
      String key,
      String text,
      String reason,
      String errorType,
      Instant failedAt) {
    return letter(
        stage,
        origin,
        location,
        key,
        text == null ? null : text.getBytes(StandardCharsets.UTF_8),
        text,
        reason,
        errorType,
        failedAt);
  }

  private static DeadLetter letter(
      String stage,
      String origin,
      String location,
      String key,
      byte[] payload,
      String payloadText,
      String reason,
      String errorType,
      Instant failedAt) {
    Objects.requireNonNull(stage, "DeadLetter stage");
    Objects.requireNonNull(origin, "DeadLetter origin");
    Objects.requireNonNull(reason, "DeadLetter reason");
    Objects.requireNonNull(failedAt, "DeadLetter failedAt");
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setOrigin(origin)
        .setLocation(location)
        .setKey(key)
        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
        .setPayloadText(payloadText)
        .setReason(reason)
        .setErrorType(errorType)
        .setFailedAt(failedAt)
        .build();
  }
}
