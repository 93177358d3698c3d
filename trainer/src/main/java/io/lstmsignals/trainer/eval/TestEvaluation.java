package io.lstmsignals.trainer.eval;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.schemas.contract.PredictionsCsv;
import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The study's one-step walk-forward test with frozen weights: every test row forecast from the
 * window before it, scored as a forecast and as the long/flat strategy (long over a bar iff its
 * forecast close is above the reference; no costs), next to buy-and-hold over the same bars.
 *
 * @param strategy the long/flat strategy's bar returns, timed by the predicted bars' open times
 * @param buyAndHold always long over the same bars
 */
public record TestEvaluation(
    List<ForecastRow> rows,
    ForecastMetrics forecast,
    ReturnSeries strategy,
    PerformanceMetrics strategyMetrics,
    ReturnSeries buyAndHold,
    PerformanceMetrics buyAndHoldMetrics) {

  public TestEvaluation {
    rows = List.copyOf(rows);
  }

  /**
   * Scores predicted log-returns for the dataset's test rows.
   *
   * @param predictedLogReturns one per test row, in row order (unscaled)
   */
  public static TestEvaluation of(StudyDataset data, double[] predictedLogReturns) {
    return of(data, data.testRows(), predictedLogReturns);
  }

  /**
   * Scores predicted log-returns for any rows of the dataset, the same way.
   *
   * @param predictedLogReturns one per row of {@code test}, in row order (unscaled)
   */
  public static TestEvaluation of(StudyDataset data, RowRange test, double[] predictedLogReturns) {
    if (predictedLogReturns.length != test.size()) {
      throw new IllegalArgumentException(
          "TestEvaluation: "
              + predictedLogReturns.length
              + " predictions for "
              + test.size()
              + " rows");
    }
    List<ForecastRow> rows = new ArrayList<>(test.size());
    for (int i = 0; i < test.size(); i++) {
      int row = test.row(i);
      rows.add(
          ForecastRow.of(
              data.referenceTime(row),
              data.targetTime(row),
              data.referenceClose(row),
              data.actualClose(row),
              predictedLogReturns[i]));
    }
    return of(rows);
  }

  /** Scores forecast rows (in time order). */
  public static TestEvaluation of(List<ForecastRow> rows) {
    int n = rows.size();
    double[] actual = new double[n];
    double[] predicted = new double[n];
    double[] reference = new double[n];
    long[] times = new long[n];
    double[] positions = new double[n];
    double[] marketReturns = new double[n];
    for (int i = 0; i < n; i++) {
      ForecastRow row = rows.get(i);
      actual[i] = row.actualClose();
      predicted[i] = row.predictedClose();
      reference[i] = row.referenceClose();
      times[i] = row.targetTime().toEpochMilli();
      positions[i] = row.isLong() ? 1.0 : 0.0;
      marketReturns[i] = row.marketReturn();
    }
    ReturnSeries strategy = ReturnSeries.longFlat(times, positions, marketReturns);
    ReturnSeries buyAndHold = ReturnSeries.buyAndHold(times, marketReturns);
    return new TestEvaluation(
        rows,
        ForecastMetrics.of(actual, predicted, reference),
        strategy,
        PerformanceMetrics.of4h(strategy),
        buyAndHold,
        PerformanceMetrics.of4h(buyAndHold));
  }

  /** Whether the strategy was long on at least one bar (its Sharpe is undefined otherwise). */
  public boolean everLong() {
    return rows.stream().anyMatch(ForecastRow::isLong);
  }

  /** Writes the rows as {@link PredictionsCsv}, header first. */
  public void writePredictions(Writer out) throws IOException {
    out.write(PredictionsCsv.HEADER + "\n");
    for (ForecastRow row : rows) {
      out.write(row.asPrediction().line() + "\n");
    }
  }
}
