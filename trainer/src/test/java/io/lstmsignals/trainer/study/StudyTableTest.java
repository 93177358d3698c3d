package io.lstmsignals.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StudyTableTest {

  private static final long[] TIMES = {1, 2, 3};
  private static final double[] MARKET = {0.01, -0.02, 0.03};

  @Test
  void lstmRowsShowMeanAndSampleStdBesideThePublishedSingleSeedFigures() {
    SeedRun first = run(StudyConfiguration.DEFAULT, 42, 500.0, new double[] {1, 0, 1});
    SeedRun second = run(StudyConfiguration.DEFAULT, 43, 510.0, new double[] {1, 1, 1});

    StudyTable table = table(List.of(first, second));

    String markdown = table.markdown();
    assertThat(markdown)
        .contains(
            "| LSTM default (48 in, 32 units, 2 layers, dropout 0.1) | this run (2 seeds) |"
                + " 505.00 ± 7.07 |");
    assertThat(markdown)
        .contains("| | published | 522.29 | 785.45 | 0.6761 | 0.4938 | 0.2596 | 4.2660 |");
    assertThat(markdown).contains("| | published | 518.36 | 784.09 | 0.6701 | n/a | n/a | n/a |");
    assertThat(markdown).contains("ARIMA(1,1,1) | this run | not reproduced");
    assertThat(markdown)
        .contains("## How sure", "| 95 % CI |", "1.83σ (SE 1/√n), 1.82σ (Lo iid)")
        .contains("Deflated Sharpe ratio (Bailey & López de Prado 2014) of the best run")
        .contains("given 2 runs tried");
    assertThat(table.csv().lines())
        .hasSize(5)
        .allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(22));
    assertThat(table.runsCsv().lines()).hasSize(3);
  }

  @Test
  void aConfigurationThatNeverGoesLongHasAnUndefinedSharpe() {
    SeedRun flat = run(StudyConfiguration.WIDE, 42, 500.0, new double[] {0, 0, 0});

    StudyTable.Summary summary = table(List.of(flat)).summaries().getFirst();

    assertThat(summary.sharpe().format(4)).isEqualTo("undefined");
    assertThat(summary.neverLong()).isEqualTo(1);
  }

  @Test
  void summaryStatisticUsesDdofOneAndCountsUndefinedRuns() {
    SummaryStatistic statistic =
        SummaryStatistic.of(
            new OptionalDouble[] {
              OptionalDouble.of(1), OptionalDouble.of(3), OptionalDouble.empty()
            });

    assertThat(statistic.mean()).hasValue(2.0);
    assertThat(statistic.std()).hasValue(Math.sqrt(2.0));
    assertThat(statistic.format(2)).isEqualTo("2.00 ± 1.41 (undefined in 1/3)");
  }

  private static SeedRun run(
      StudyConfiguration configuration, long seed, double mae, double[] positions) {
    ForecastMetrics forecast =
        new ForecastMetrics(3, mae, mae * 1.5, 0.0067, OptionalDouble.of(0.5), 3);
    return SeedRun.measured(
        configuration,
        seed,
        forecast,
        ReturnSeries.longFlat(TIMES, positions, MARKET),
        ReturnSeries.buyAndHold(TIMES, MARKET),
        10,
        1.0);
  }

  private static StudyTable table(List<SeedRun> runs) {
    ForecastMetrics naive =
        new ForecastMetrics(402, 518.36, 784.09, 0.006701, OptionalDouble.empty(), 0);
    ReturnSeries holdSeries = ReturnSeries.buyAndHold(TIMES, MARKET);
    PerformanceMetrics hold = PerformanceMetrics.of4h(holdSeries);
    return new StudyTable(
        "test",
        naive,
        hold,
        StationaryBootstrap.standard().sharpe(holdSeries.returns(), 2190),
        OptionalDouble.of(0.6),
        List.of(42L, 43L),
        runs);
  }
}
