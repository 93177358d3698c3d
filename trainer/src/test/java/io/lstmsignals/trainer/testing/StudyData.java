package io.lstmsignals.trainer.testing;

import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.CsvBarSource;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingListener;
import io.lstmsignals.trainer.train.TrainingResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The study's data file as tests load it (tests run in the module directory; the data lives at the
 * root).
 */
public final class StudyData {

  public static final Path STUDY_CSV = Path.of("..", "data", "BTCUSDT-4h-2024.csv");

  private StudyData() {}

  public static BarSeries bars() {
    return new CsvBarSource(STUDY_CSV, Duration.ofHours(4)).read();
  }

  public static StudyDataset dataset(int windowBars) {
    return StudyDataset.prepare(bars(), Feature.STUDY, windowBars);
  }

  /**
   * A quickly trained model of the given config (a few epochs are enough for parity and contract
   * tests).
   */
  public static TrainingResult train(StudyDataset data, TrainingConfig config) {
    try (Trainer trainer = new Trainer(Kernels.best(), 2)) {
      return trainer.train(data, config, TrainingListener.none());
    }
  }
}
