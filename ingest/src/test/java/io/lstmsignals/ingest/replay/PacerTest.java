package io.lstmsignals.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void speedZeroShouldNeverWait() throws Exception {
    FileReplayTest.FakeTime time = new FileReplayTest.FakeTime();
    Pacer pacer = new Pacer(0, time);
    pacer.awaitTurn(T);
    pacer.awaitTurn(T.plusSeconds(86_400));
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void shouldWaitOnlyForTheTimeNotAlreadySpent() throws Exception {
    // Given 60x: one hour of bars per minute
    FileReplayTest.FakeTime time = new FileReplayTest.FakeTime();
    Pacer pacer = new Pacer(60, time);
    pacer.awaitTurn(T);
    // When 20 s pass in publishing before the bar an hour later is due
    time.now += 20_000_000_000L;
    pacer.awaitTurn(T.plusSeconds(3600));
    // Then
    assertThat(time.sleeps).containsExactly(40_000_000_000L);
  }

  @Test
  void shouldNotWaitWhenBehindSchedule() throws Exception {
    FileReplayTest.FakeTime time = new FileReplayTest.FakeTime();
    Pacer pacer = new Pacer(60, time);
    pacer.awaitTurn(T);
    time.now += 120_000_000_000L;
    pacer.awaitTurn(T.plusSeconds(3600));
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void negativeSpeedMustBeRejected() {
    assertThatThrownBy(() -> new Pacer(-1, new FileReplayTest.FakeTime()))
        .hasMessage(
            "Invalid value -1.0 for speed: must be a finite number >= 0 (0 = as fast as possible)");
  }
}
