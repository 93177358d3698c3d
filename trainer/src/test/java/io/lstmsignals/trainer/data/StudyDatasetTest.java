package io.lstmsignals.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.trainer.testing.StudyData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudyDatasetTest {

  @Test
  void studyDataSplitsIntoTheStudysSegments() {
    StudyDataset data = StudyData.dataset(48);

    assertThat(data.bars().size()).isEqualTo(2010);
    assertThat(data.split()).isEqualTo(new StudySplit(2009, 1448, 160, 401));
    assertThat(data.targetTime(0)).isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
    assertThat(data.targetTime(1447)).isEqualTo(Instant.parse("2024-08-29T08:00:00Z"));
    assertThat(data.targetTime(data.validationRows().from()))
        .isEqualTo(Instant.parse("2024-08-29T12:00:00Z"));
    assertThat(data.targetTime(data.validationRows().to() - 1))
        .isEqualTo(Instant.parse("2024-09-25T00:00:00Z"));
    assertThat(data.targetTime(data.testRows().from()))
        .isEqualTo(Instant.parse("2024-09-25T04:00:00Z"));
    assertThat(data.targetTime(data.testRows().to() - 1))
        .isEqualTo(Instant.parse("2024-11-30T20:00:00Z"));
    assertThat(data.trainingRows()).isEqualTo(new RowRange(48, 1448));
  }

  @Test
  void scalersAreFittedOnTrainingRowsOnly() {
    StudyDataset data = StudyData.dataset(48);
    BarSeries bars = data.bars();
    double trainMaxReturn = Double.NEGATIVE_INFINITY;
    double allMaxVolume = Double.NEGATIVE_INFINITY;
    for (int row = 0; row < data.rows(); row++) {
      double r = Math.log(bars.bar(row + 1).close() / bars.bar(row).close());
      if (row < 1448) {
        trainMaxReturn = Math.max(trainMaxReturn, r);
      }
      allMaxVolume = Math.max(allMaxVolume, Math.log1p(bars.bar(row + 1).volume()));
    }

    assertThat(data.featureScaler().max(0)).isEqualTo(trainMaxReturn);
    assertThat(data.targetScaler().max(0)).isEqualTo(trainMaxReturn);
    assertThat(data.featureScaler().max(1)).isLessThanOrEqualTo(allMaxVolume);
    assertThat(data.scaledTarget(0)).isBetween(0.0, 1.0);
  }

  @Test
  void rawWindowEndsAtTheReferenceBar() {
    StudyDataset data = StudyData.dataset(48);
    int row = data.testRows().from();

    float[] window = data.rawWindow(row);

    assertThat(window).hasSize(49 * ModelInput.FIELDS);
    assertThat(window[48 * ModelInput.FIELDS + ModelInput.CLOSE])
        .isEqualTo((float) data.referenceClose(row));
    assertThat(window[ModelInput.CLOSE]).isEqualTo((float) data.bars().bar(row - 48).close());
  }

  @Test
  void tooFewBarsForTheWindowIsAClearError() {
    BarSeries few =
        StudyData.bars()
            .between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-11T00:00:00Z"));

    assertThatThrownBy(() -> StudyDataset.prepare(few, Feature.STUDY, 48))
        .isInstanceOf(BarDataException.class)
        .hasMessageContaining("60 bars give 59 return rows")
        .hasMessageContaining("windowBars 48 needs more than 48 training rows")
        .hasMessageContaining("at least " + StudyDataset.minimumBars(48) + " bars");
  }

  @Test
  void gapInTheBarsIsAClearError() {
    List<OhlcvBar> bars = new ArrayList<>(StudyData.bars().bars());
    bars.remove(100);
    BarSeries gapped = new BarSeries("gapped", Duration.ofHours(4), bars);

    assertThatThrownBy(() -> StudyDataset.prepare(gapped, Feature.STUDY, 48))
        .isInstanceOf(BarDataException.class)
        .hasMessageContaining(
            "gap between the bars at 2024-01-17T12:00:00Z and 2024-01-17T20:00:00Z (1 missing");
  }

  @Test
  void splitFollowsTheFloorRules() {
    assertThat(StudySplit.of(2009)).isEqualTo(new StudySplit(2009, 1448, 160, 401));
    assertThat(StudySplit.of(10)).isEqualTo(new StudySplit(10, 8, 0, 2));
    assertThat(StudyDataset.minimumBars(48)).isGreaterThan(49);
  }
}
