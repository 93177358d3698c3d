package io.lstmsignals.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

  @Test
  void shouldReportCountRateAndEtaOncePerPeriod() {
    // Given 1,000 records expected, 1 record per 10 ms, a report every second
    FileReplayTest.FakeTime time = new FileReplayTest.FakeTime();
    List<String> lines = new ArrayList<>();
    ProgressMeter meter = new ProgressMeter(1_000, time, Duration.ofSeconds(1), lines::add);
    // When
    for (int i = 0; i < 250; i++) {
      time.now += 10_000_000L;
      meter.step();
    }
    // Then
    assertThat(lines).hasSize(2);
    assertThat(lines.getFirst())
        .isEqualTo("progress: 100/1,000 records (10%), 100 records/s, ETA 9s");
    assertThat(meter.ratePerSecond()).isEqualTo(100.0);
  }

  @Test
  void shouldFormatLongEtas() {
    assertThat(ProgressMeter.formatDuration(59)).isEqualTo("59s");
    assertThat(ProgressMeter.formatDuration(61)).isEqualTo("1m01s");
    assertThat(ProgressMeter.formatDuration(7_260)).isEqualTo("2h01m");
  }
}
