package io.lstmsignals.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarIntervalTest {

  @Test
  void shouldParseExchangeNotation() {
    assertThat(BarInterval.parse("4h").length()).isEqualTo(Duration.ofHours(4));
    assertThat(BarInterval.parse("15m").length()).isEqualTo(Duration.ofMinutes(15));
    assertThat(BarInterval.parse("1d").length()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void unknownIntervalMustBeRejectedNamingTheValidOnes() {
    assertThatThrownBy(() -> BarInterval.parse("7h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown interval '7h'")
        .hasMessageContaining("4h");
  }

  @Test
  void fourHourGridShouldStartAtUtcMidnight() {
    BarInterval fourHours = BarInterval.FOUR_HOURS;
    assertThat(fourHours.isOnGrid(Instant.parse("2024-01-01T20:00:00Z"))).isTrue();
    assertThat(fourHours.isOnGrid(Instant.parse("2024-01-01T02:00:00Z"))).isFalse();
    assertThat(fourHours.slotOf(Instant.parse("2024-01-01T07:59:59Z")))
        .isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
  }

  @Test
  void shouldKnowWhichIntervalsDivideFourHours() {
    assertThat(BarInterval.parse("1h").divides(BarInterval.FOUR_HOURS)).isTrue();
    assertThat(BarInterval.parse("15m").divides(BarInterval.FOUR_HOURS)).isTrue();
    assertThat(BarInterval.parse("3m").divides(BarInterval.FOUR_HOURS)).isTrue();
    assertThat(BarInterval.FOUR_HOURS.divides(BarInterval.FOUR_HOURS)).isFalse();
    assertThat(BarInterval.parse("8h").divides(BarInterval.FOUR_HOURS)).isFalse();
  }
}
