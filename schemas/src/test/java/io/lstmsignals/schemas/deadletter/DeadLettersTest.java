package io.lstmsignals.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final Instant NOW = Instant.parse("2024-03-01T08:00:00Z");
  private static final byte[] BYTES = {0, 1, 2, 3};

  @Test
  void shouldWriteATopicPositionAsPartitionThenOffset() {
    assertThat(DeadLetters.location(2, 1234L)).isEqualTo("partition 2 offset 1234");
  }

  @Test
  void shouldKeepEverythingGivenForARejectedRecord() {
    DeadLetter letter =
        DeadLetters.rejected(
            "signals",
            "bars-4h",
            DeadLetters.location(0, 7),
            "BTCUSDT",
            BYTES,
            "{\"symbol\": \"BTCUSDT\"}",
            "bar of BTCUSDT rejected: close 0 <= 0",
            IllegalStateException.class.getName(),
            NOW);

    assertThat(letter.getStage()).isEqualTo("signals");
    assertThat(letter.getOrigin()).isEqualTo("bars-4h");
    assertThat(letter.getLocation()).isEqualTo("partition 0 offset 7");
    assertThat(letter.getKey()).isEqualTo("BTCUSDT");
    assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(BYTES));
    assertThat(letter.getPayloadText()).isEqualTo("{\"symbol\": \"BTCUSDT\"}");
    assertThat(letter.getReason()).isEqualTo("bar of BTCUSDT rejected: close 0 <= 0");
    assertThat(letter.getErrorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.getFailedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldLeaveUnknownPartsOfARejectedRecordAbsent() {
    DeadLetter letter =
        DeadLetters.rejected("scorer", "unknown", null, null, null, null, "no such bar", null, NOW);

    assertThat(letter.getLocation()).isNull();
    assertThat(letter.getKey()).isNull();
    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getErrorType()).isNull();
  }

  @Test
  void shouldNameTheDeserializationErrorAndKeepTheBytes() {
    DeadLetter letter =
        DeadLetters.undeserializable(
            "scorer",
            "bars-4h",
            DeadLetters.location(1, 3),
            "ETHUSDT",
            BYTES,
            new IllegalArgumentException("unknown magic byte 9"),
            NOW);

    assertThat(letter.getReason()).isEqualTo("could not deserialize: unknown magic byte 9");
    assertThat(letter.getErrorType()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(BYTES));
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getLocation()).isEqualTo("partition 1 offset 3");
  }

  @Test
  void shouldNameTheProcessingErrorAndKeepBytesAndText() {
    DeadLetter letter =
        DeadLetters.processingFailed(
            "scorer",
            "bars-4h",
            DeadLetters.location(1, 4),
            "ETHUSDT",
            BYTES,
            "bar text",
            new IllegalStateException("window unreadable"),
            NOW);

    assertThat(letter.getReason()).isEqualTo("processing failed: window unreadable");
    assertThat(letter.getErrorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.getPayload()).isEqualTo(ByteBuffer.wrap(BYTES));
    assertThat(letter.getPayloadText()).isEqualTo("bar text");
  }

  @Test
  void shouldKeepALineAsTextAndAsUtf8Bytes() {
    String line = "1709280000000,61000,60000,61200,60500,12.5";
    DeadLetter letter =
        DeadLetters.rejectedLine(
            "ingest",
            "data/BTCUSDT-4h.csv",
            "line 17",
            "BTCUSDT",
            line,
            "high 61000 < low 61200",
            null,
            NOW);

    assertThat(letter.getOrigin()).isEqualTo("data/BTCUSDT-4h.csv");
    assertThat(letter.getLocation()).isEqualTo("line 17");
    assertThat(letter.getPayloadText()).isEqualTo(line);
    assertThat(letter.getPayload())
        .isEqualTo(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    assertThat(letter.getReason()).isEqualTo("high 61000 < low 61200");
  }

  @Test
  void shouldLeaveAMissingLineAbsent() {
    DeadLetter letter =
        DeadLetters.rejectedLine(
            "ingest",
            "https://api.binance.com/api/v3/klines",
            null,
            null,
            null,
            "HTTP 429",
            "java.io.IOException",
            NOW);

    assertThat(letter.getPayload()).isNull();
    assertThat(letter.getPayloadText()).isNull();
    assertThat(letter.getErrorType()).isEqualTo("java.io.IOException");
  }

  @Test
  void shouldRefuseALetterWithoutAReason() {
    assertThatThrownBy(
            () ->
                DeadLetters.rejected("scorer", "bars-4h", null, null, null, null, null, null, NOW))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("DeadLetter reason");
  }
}
