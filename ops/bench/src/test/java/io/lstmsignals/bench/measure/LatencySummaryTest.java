package io.lstmsignals.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void shouldTakeNearestRankPercentilesOfOneToHundred() {
    // Given 1..100 in shuffled order
    long[] values = LongStream.rangeClosed(1, 100).map(v -> (v * 37) % 100 + 1).toArray();

    // When
    LatencySummary summary = LatencySummary.of(values);

    // Then
    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.p50Nanos()).isEqualTo(50);
    assertThat(summary.p99Nanos()).isEqualTo(99);
    assertThat(summary.maxNanos()).isEqualTo(100);
  }

  @Test
  void shouldReportAnObservedValueForSmallSamples() {
    // Given three latencies: rank ceil(0.5 * 3) = 2 and ceil(0.99 * 3) = 3
    LatencySummary summary = LatencySummary.of(new long[] {30, 10, 20});

    // Then
    assertThat(summary.p50Nanos()).isEqualTo(20);
    assertThat(summary.p99Nanos()).isEqualTo(30);
    assertThat(summary.maxNanos()).isEqualTo(30);
  }

  @Test
  void shouldLetOneOutlierInAHundredPassP99ButNotMax() {
    // Given 99 fast latencies and one slow one
    long[] values = new long[100];
    java.util.Arrays.fill(values, 5_000_000L);
    values[42] = 900_000_000L;

    // When
    LatencySummary summary = LatencySummary.of(values);

    // Then
    assertThat(summary.p99Millis()).isEqualTo(5.0);
    assertThat(summary.maxMillis()).isEqualTo(900.0);
  }

  @Test
  void singleLatencyIsEveryPercentile() {
    LatencySummary summary = LatencySummary.of(new long[] {7});

    assertThat(summary.p50Nanos()).isEqualTo(7);
    assertThat(summary.p99Nanos()).isEqualTo(7);
    assertThat(summary.maxNanos()).isEqualTo(7);
  }

  @Test
  void emptyLatenciesAreRefused() {
    assertThatThrownBy(() -> LatencySummary.of(new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no latencies");
  }
}
