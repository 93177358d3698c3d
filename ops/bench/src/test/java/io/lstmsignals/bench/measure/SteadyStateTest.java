package io.lstmsignals.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SteadyStateTest {
  private static final long MS = 1_000_000L;

  @Test
  void shouldLeaveASlowStartOutOfTheSteadyRate() {
    // Given a slow first second (100 items), then 1,000 items per second for 10 s, polled every 100
    // ms
    int points = 1 + 100;
    long[] times = new long[points];
    long[] arrived = new long[points];
    times[0] = 1_000 * MS;
    arrived[0] = 100;
    for (int i = 1; i < points; i++) {
      times[i] = times[0] + i * 100 * MS;
      arrived[i] = 100 + i * 100L;
    }

    // When the warm-up is the first 100 items and 10,000 are measured
    SteadyState state = SteadyState.select(0, times, arrived, 100, 10_000);

    // Then the steady rate is the fast one, while the whole run's is lower
    assertThat(state.steady().items()).isEqualTo(10_000);
    assertThat(state.steady().perSecond()).isCloseTo(1_000, within(1e-9));
    assertThat(state.fromFirst().items()).isEqualTo(10_100);
    assertThat(state.fromFirst().perSecond()).isCloseTo(10_100 / 11.0, within(1e-9));
    assertThat(state.quarters()).hasSize(4);
    assertThat(state.quarterSpread()).isCloseTo(0, within(1e-9));
  }

  @Test
  void shouldStartAndEndOnTheChunksThatCrossTheCounts() {
    // Given chunks of 300 items every 100 ms
    long[] times = {100 * MS, 200 * MS, 300 * MS, 400 * MS, 500 * MS, 600 * MS};
    long[] arrived = {300, 600, 900, 1200, 1500, 1800};

    // When 500 warm-up items and 700 measured ones are asked for
    SteadyState state = SteadyState.select(0, times, arrived, 500, 700);

    // Then the steady part starts at 600 (first >= 500) and ends at 1200 (first >= 1200)
    assertThat(state.steady().items()).isEqualTo(600);
    assertThat(state.steady().nanos()).isEqualTo(200 * MS);
  }

  @Test
  void shouldShowAnUnsteadyPartInTheQuarterSpread() {
    // Given 400 items where the last quarter comes at half the rate
    long[] times = {0, 100 * MS, 200 * MS, 300 * MS, 500 * MS};
    long[] arrived = {0, 100, 200, 300, 400};

    // When
    SteadyState state = SteadyState.select(0, times, arrived, 0, 400);

    // Then: 1,000/s in three quarters, 500/s in the last
    assertThat(state.steady().items()).isEqualTo(300);
    assertThat(state.quarterSpread()).isGreaterThan(0.5);
  }

  @Test
  void tooFewArrivalsAreAnError() {
    long[] times = {100 * MS, 200 * MS};
    long[] arrived = {10, 20};

    assertThatThrownBy(() -> SteadyState.select(0, times, arrived, 10, 100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only 20 items arrived")
        .hasMessageContaining("need 110");
  }

  @Test
  void aSteadyPartInOneChunkIsAnError() {
    long[] times = {100 * MS, 200 * MS};
    long[] arrived = {5_000, 5_001};

    assertThatThrownBy(() -> SteadyState.select(0, times, arrived, 10, 100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("single chunk");
  }

  @Test
  void aTimelineGoingBackIsRefused() {
    long[] times = {200 * MS, 100 * MS};
    long[] arrived = {10, 20};

    assertThatThrownBy(() -> SteadyState.select(0, times, arrived, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point 1");
  }
}
