package io.lstmsignals.signals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

  private static final long H4 = 4 * 3600_000L;
  private static final long T0 = Instant.parse("2024-09-25T04:00:00Z").toEpochMilli();
  private static final int BARS = 120;
  private static final int VALIDATED_BARS = 40;

  /**
   * A symbol's snapshots: bar i opens at T0 + i·4h; long on even bars; market return alternating;
   * decided by "v1", validated up to bar 39's open.
   */
  private static List<PnlPoint> symbol(String version, double drift) {
    List<PnlPoint> points = new ArrayList<>();
    double equity = 1;
    long trades = 0;
    double position = 0;
    for (int i = 0; i < BARS; i++) {
      double market = drift + (i % 3 == 0 ? 0.02 : -0.01) + 0.001 * Math.sin(i);
      double p = i % 4 < 2 ? 1 : 0;
      if (p != position) {
        trades++;
      }
      position = p;
      double r = p * market;
      equity *= 1 + r;
      points.add(
          new PnlPoint(T0 + i * H4, T0 + (i + 1) * H4, p, market, r, trades, equity - 1, version));
    }
    return points;
  }

  private static ModelSample v1() {
    return new ModelSample(
        "v1",
        Optional.of(Instant.ofEpochMilli(T0 - 100 * H4)),
        Optional.of(Instant.ofEpochMilli(T0 - 10 * H4)),
        Optional.of(Instant.ofEpochMilli(T0 + (VALIDATED_BARS - 1) * H4)),
        Optional.empty(),
        Optional.empty());
  }

  private static PerformanceReport report(SequencedMap<String, List<PnlPoint>> series) {
    ObservedCosts costs = new ObservedCosts();
    costs.add(10_000, 10, 5, "REFERENCE_CLOSE");
    return new PerformanceReport(
        new PerformanceReport.Inputs(series, Map.of("v1", v1()), costs, List.of("AAAUSDT")),
        Instant.MIN,
        Instant.MAX,
        new StationaryBootstrap(1, 500));
  }

  @Test
  void headlineMustHoldOnlyTheBarsAfterTheDecidingModelsValidation(@TempDir Path dir)
      throws Exception {
    // Given a symbol decided by v1 on all bars, v1 validated up to bar 39, and a symbol decided by
    // an unknown model
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    series.put("AAAUSDT", symbol("v1", 0.001));
    series.put("BBBUSDT", symbol("v-unknown", 0.0));

    // When the report is analysed and written
    PerformanceReport report = report(series);
    PerformanceReport.Analysis a = report.analyse("AAAUSDT");
    PerformanceReport.Analysis b = report.analyse("BBBUSDT");
    String md = Files.readString(report.write(dir));

    // Then the headline is bars 40.. only, with the same figures as those bars measured alone
    assertThat(a.outOfSample().bars()).isEqualTo(BARS - VALIDATED_BARS);
    assertThat(a.outOfSample().strategy().barTimes()[0]).isEqualTo(T0 + (VALIDATED_BARS + 1) * H4);
    assertThat(a.count(PerformanceReport.Sample.IN_SAMPLE)).isEqualTo(VALIDATED_BARS);
    List<PnlPoint> tail = series.get("AAAUSDT").subList(VALIDATED_BARS, BARS);
    double equity = 1;
    for (PnlPoint p : tail) {
      equity *= 1 + p.strategyReturn();
    }
    assertThat(PerformanceMetrics.of4h(a.outOfSample().strategy()).cumulativeReturn())
        .isCloseTo(equity - 1, within(1e-12));
    assertThat(a.sharpe()).isPresent();
    assertThat(a.versusHold()).isPresent();
    // and a model the report cannot place has no headline at all
    assertThat(b.outOfSample().bars()).isZero();
    assertThat(b.count(PerformanceReport.Sample.NO_MODEL)).isEqualTo(BARS);

    assertThat(md)
        .contains("## AAAUSDT", "### Out-of-sample (headline)", "| Sharpe 95 % CI |")
        .contains("80 out-of-sample, 40 in the deciding model's training or validation range")
        .contains("fee 10 bps and slippage 5 bps", "fill mode REFERENCE_CLOSE")
        .contains("`v1`: trained 2024-09-08T12:00:00Z")
        .contains("No out-of-sample bars")
        .contains("![AAAUSDT equity](aaausdt-equity.svg)");
    assertThat(Files.readString(dir.resolve("aaausdt-equity.svg"))).contains("not out-of-sample");
  }

  @Test
  void aRetrainedLineMustBeSplitPerBarByTheVersionThatScoredIt() {
    // Given one symbol whose bars 0..59 v1 decided (validated to bar 39) and bars 60..119 v2
    // (validated to bar 89: its first 30 bars lie inside its own validation range)
    List<PnlPoint> points = new ArrayList<>();
    List<PnlPoint> base = symbol("v1", 0.001);
    for (int i = 0; i < BARS; i++) {
      PnlPoint p = base.get(i);
      points.add(
          new PnlPoint(
              p.barOpenTime(),
              p.barCloseTime(),
              p.position(),
              p.barReturn(),
              p.strategyReturn(),
              p.trades(),
              p.cumulativeReturn(),
              i < 60 ? "v1" : "v2"));
    }
    ModelSample v2 =
        new ModelSample(
            "v2",
            Optional.of(Instant.ofEpochMilli(T0)),
            Optional.of(Instant.ofEpochMilli(T0 + 80 * H4)),
            Optional.of(Instant.ofEpochMilli(T0 + 89 * H4)),
            Optional.empty(),
            Optional.empty());
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    series.put("AAAUSDT", points);

    // When the report is analysed
    PerformanceReport.Analysis a =
        new PerformanceReport(
                new PerformanceReport.Inputs(
                    series, Map.of("v1", v1(), "v2", v2), new ObservedCosts(), List.of("AAAUSDT")),
                Instant.MIN,
                Instant.MAX,
                new StationaryBootstrap(1, 200))
            .analyse("AAAUSDT");

    // Then the headline holds v1's bars 40..59 and v2's bars 90..119, bar by bar
    assertThat(a.outOfSample().bars()).isEqualTo(20 + 30);
    for (int i = 0; i < BARS; i++) {
      boolean outOfSample = (i >= 40 && i < 60) || i >= 90;
      assertThat(a.samples().get(i))
          .as("bar %d", i)
          .isEqualTo(
              outOfSample
                  ? PerformanceReport.Sample.OUT_OF_SAMPLE
                  : PerformanceReport.Sample.IN_SAMPLE);
    }
  }

  @Test
  void tradesAndEquityOverEveryBarMustEqualTheLastSnapshot() {
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    series.put("AAAUSDT", symbol("v1", 0.001));

    PerformanceReport.Analysis a = report(series).analyse("AAAUSDT");

    PnlPoint last = series.get("AAAUSDT").getLast();
    PerformanceMetrics all = PerformanceMetrics.of4h(a.all().strategy());
    assertThat(all.trades()).isEqualTo(last.trades());
    assertThat(all.cumulativeReturn()).isCloseTo(last.cumulativeReturn(), within(1e-12));
    assertThat(
            PerformanceMetrics.of4h(a.outOfSample().strategy()).trades()
                + PerformanceMetrics.of4h(a.other().strategy()).trades())
        .isEqualTo(last.trades());
  }

  @Test
  void portfolioInstantMustBeOutOfSampleOnlyWhenEveryMemberBarIs() {
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    series.put("AAAUSDT", symbol("v1", 0.001));
    List<PnlPoint> portfolio = new ArrayList<>();
    for (PnlPoint p : series.get("AAAUSDT")) {
      portfolio.add(
          new PnlPoint(
              p.barOpenTime(),
              p.barCloseTime(),
              p.position(),
              p.barReturn(),
              p.strategyReturn(),
              p.trades(),
              p.cumulativeReturn(),
              null));
    }
    series.put("PORTFOLIO" + PerformanceReport.PORTFOLIO_SUFFIX, portfolio);

    PerformanceReport.Analysis p =
        report(series).analyse("PORTFOLIO" + PerformanceReport.PORTFOLIO_SUFFIX);

    assertThat(p.outOfSample().bars()).isEqualTo(BARS - VALIDATED_BARS);
    assertThat(p.count(PerformanceReport.Sample.IN_SAMPLE)).isEqualTo(VALIDATED_BARS);
  }
}
