package io.lstmsignals.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.testing.StudyData;
import org.junit.jupiter.api.Test;

/** The study's published baseline figures, reproduced from the data to the printed precision. */
class BaselinesTest {

  @Test
  void naiveForecastOnTheLast402BarsReproducesThePublishedFigures() {
    ForecastMetrics naive = Baselines.naive(StudyData.bars(), Baselines.STUDY_NAIVE_BARS);

    assertThat(naive.rows()).isEqualTo(402);
    assertThat(naive.mae()).isCloseTo(518.36, within(0.005));
    assertThat(naive.rmse()).isCloseTo(784.09, within(0.005));
    assertThat(naive.mapePercent()).isCloseTo(0.6701, within(0.00005));
    assertThat(naive.directionalAccuracy())
        .as("a forecast that never moves has no direction")
        .isEmpty();
  }

  @Test
  void buyAndHoldOnThe401TestRowsReproducesThePublishedFigures() {
    StudyDataset data = StudyData.dataset(48);

    PerformanceMetrics hold = Baselines.buyAndHold(data);

    assertThat(hold.bars()).isEqualTo(401);
    assertThat(hold.cumulativeReturn()).isCloseTo(0.4956, within(0.00005));
    assertThat(hold.sharpe()).hasValueCloseTo(5.0096, within(0.00005));
    assertThat(Baselines.alwaysUpDirectionalAccuracy(data))
        .hasValueCloseTo(0.5362, within(0.00005));
  }
}
