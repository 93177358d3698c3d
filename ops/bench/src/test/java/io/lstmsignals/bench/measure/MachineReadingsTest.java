package io.lstmsignals.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineReadingsTest {

  @Test
  void shouldCountEverythingButIdleAndIowaitAsBusy() {
    // Given user nice system idle iowait irq softirq steal guest guest_nice
    String line = "cpu  100 5 50 800 20 3 2 0 40 0";

    // When
    CpuUsage.MachineTicks ticks = CpuUsage.machineTicks(line);

    // Then guest time (already in user) is not counted twice
    assertThat(ticks.total()).isEqualTo(980);
    assertThat(ticks.busy()).isEqualTo(160);
  }

  @Test
  void aLineThatIsNotTheCpuTotalIsRefused() {
    assertThatThrownBy(() -> CpuUsage.machineTicks("cpu0 1 2 3 4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/proc/stat");
  }

  @Test
  void shouldTakeTheThreeLoadAverages() {
    assertThat(LoadAverage.fromProc("1.92 1.50 1.20 3/456 7890\n")).isEqualTo("1.92 1.50 1.20");
  }

  @Test
  void shouldReportTheLoadAverageOrSayItIsUnavailable() {
    assertThat(LoadAverage.now()).startsWith("load average ").contains("cores");
  }
}
