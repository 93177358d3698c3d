package io.lstmsignals.signals.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

  private static final long H4 = 4 * 3600_000L;
  private static final long T0 = Instant.parse("2024-09-25T08:00:00Z").toEpochMilli();

  @Test
  void shouldWriteTablesAndChartsForTheSelectedRange(@TempDir Path dir) throws Exception {
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    series.put(
        "BTCUSDT",
        List.of(
            new PnlPoint(T0, 1, 0.10, 0.10),
            new PnlPoint(T0 + H4, 0, -0.05, 0),
            new PnlPoint(T0 + 2 * H4, 1, 0.02, 0.02),
            new PnlPoint(T0 + 3 * H4, 1, 0.5, 0.5)));
    series.put(
        "NEVER (portfolio)",
        List.of(new PnlPoint(T0, 0, 0.01, 0), new PnlPoint(T0 + H4, 0, 0.02, 0)));
    PerformanceReport report =
        new PerformanceReport(series, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3 * H4));

    Path file = report.write(dir);

    String md = Files.readString(file);
    assertThat(md)
        .contains("## BTCUSDT")
        .contains("| cumulative return | 0.1220 | 0.0659 |")
        .contains("| bars | 3 | 3 |")
        .contains("![BTCUSDT equity](btcusdt-equity.svg)");
    assertThat(md).contains("## NEVER (portfolio)").contains("| Sharpe (annualized) | undefined |");
    assertThat(dir.resolve("btcusdt-equity.svg")).exists();
    assertThat(Files.readString(dir.resolve("never__portfolio_-equity.svg")))
        .contains("buy and hold");
  }
}
