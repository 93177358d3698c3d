package io.lstmsignals.trainer.eval;

import java.util.OptionalDouble;

/**
 * Point-forecast accuracy of predicted closes, with the study's definitions.
 *
 * <ul>
 *   <li>MAE = mean |y − ŷ|, RMSE = √mean (y − ŷ)², in the quote asset (USD);
 *   <li>MAPE = mean |y − ŷ| / y, a fraction (× 100 for the study's %);
 *   <li>directional accuracy: the share of rows where sign(y − ref) = sign(ŷ − ref), leaving out
 *       rows where either sign is 0; undefined when no row is left (a forecast that always repeats
 *       the reference close).
 * </ul>
 *
 * @param rows rows measured
 * @param directionalRows rows counted by the directional accuracy
 */
public record ForecastMetrics(
    int rows,
    double mae,
    double rmse,
    double mape,
    OptionalDouble directionalAccuracy,
    int directionalRows) {

  public ForecastMetrics {
    if (rows < 1 || directionalRows < 0 || directionalRows > rows) {
      throw new IllegalArgumentException(
          "ForecastMetrics: rows "
              + rows
              + " and directionalRows "
              + directionalRows
              + " must satisfy 1 <= rows and 0 <= directionalRows <= rows");
    }
  }

  /**
   * Scores predicted closes.
   *
   * @param actual y, the true closes
   * @param predicted ŷ, the forecast closes
   * @param reference ref, the last close known before each forecast
   */
  public static ForecastMetrics of(double[] actual, double[] predicted, double[] reference) {
    int n = actual.length;
    if (n == 0 || predicted.length != n || reference.length != n) {
      throw new IllegalArgumentException(
          "ForecastMetrics: actual "
              + n
              + ", predicted "
              + predicted.length
              + " and reference "
              + reference.length
              + " values; need the same number, at least 1");
    }
    double absolute = 0.0;
    double squared = 0.0;
    double percentage = 0.0;
    int directional = 0;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      double error = actual[i] - predicted[i];
      absolute += Math.abs(error);
      squared += error * error;
      percentage += Math.abs(error) / actual[i];
      double trueSign = Math.signum(actual[i] - reference[i]);
      double predictedSign = Math.signum(predicted[i] - reference[i]);
      if (trueSign != 0 && predictedSign != 0) {
        directional++;
        if (trueSign == predictedSign) {
          hits++;
        }
      }
    }
    OptionalDouble accuracy =
        directional == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits / directional);
    return new ForecastMetrics(
        n, absolute / n, Math.sqrt(squared / n), percentage / n, accuracy, directional);
  }

  /** MAPE in percent, as the study prints it. */
  public double mapePercent() {
    return 100.0 * mape;
  }
}
