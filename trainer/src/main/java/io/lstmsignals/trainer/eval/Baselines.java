package io.lstmsignals.trainer.eval;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.StudyDataset;
import java.util.OptionalDouble;

/** The study's baselines. */
public final class Baselines {

  /**
   * The study scores its naive and ARIMA forecasts on the last 402 raw bars (one bar more than the
   * LSTM test).
   */
  public static final int STUDY_NAIVE_BARS = 402;

  private Baselines() {}

  /**
   * The naive forecast ŷ_t = close_(t−1) on the last {@code lastBars} bars. Its directional
   * accuracy is undefined: it never predicts a move.
   */
  public static ForecastMetrics naive(BarSeries bars, int lastBars) {
    if (lastBars < 1 || lastBars >= bars.size()) {
      throw new IllegalArgumentException(
          "Baselines: naive forecast over the last "
              + lastBars
              + " of "
              + bars.size()
              + " bars; need 1 <= lastBars < bars");
    }
    double[] actual = new double[lastBars];
    double[] predicted = new double[lastBars];
    int first = bars.size() - lastBars;
    for (int i = 0; i < lastBars; i++) {
      actual[i] = bars.bar(first + i).close();
      predicted[i] = bars.bar(first + i - 1).close();
    }
    return ForecastMetrics.of(actual, predicted, predicted);
  }

  /** Buy-and-hold over the dataset's test rows. */
  public static PerformanceMetrics buyAndHold(StudyDataset data) {
    return TestEvaluation.of(data, new double[data.testRows().size()]).buyAndHoldMetrics();
  }

  /**
   * The directional accuracy of always predicting "up" on the test rows: the share of up moves
   * among the rows that moved (the study's 0.5362 for buy-and-hold).
   */
  public static OptionalDouble alwaysUpDirectionalAccuracy(StudyDataset data) {
    int moved = 0;
    int up = 0;
    for (int i = 0; i < data.testRows().size(); i++) {
      int row = data.testRows().row(i);
      double move = Math.signum(data.actualClose(row) - data.referenceClose(row));
      if (move != 0) {
        moved++;
        if (move > 0) {
          up++;
        }
      }
    }
    return moved == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) up / moved);
  }
}
