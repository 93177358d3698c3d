package io.lstmsignals.trainer.eval;

import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.PredictionsCsv;
import java.time.Instant;

/**
 * One one-step-ahead test forecast.
 *
 * @param referenceTime open time of the window's last bar, whose close is the reference
 * @param targetTime open time of the predicted bar
 * @param referenceClose ref, the last close known before the predicted bar
 * @param actualClose y, the predicted bar's true close
 * @param predictedLogReturn r̂, the model's output
 * @param predictedClose ŷ = ref · exp(r̂)
 * @param isLong the study's rule: long over the predicted bar iff ŷ &gt; ref strictly
 */
public record ForecastRow(
    Instant referenceTime,
    Instant targetTime,
    double referenceClose,
    double actualClose,
    double predictedLogReturn,
    double predictedClose,
    boolean isLong) {

  /** The row for a predicted log-return, applying the study's price and decision rules. */
  public static ForecastRow of(
      Instant referenceTime,
      Instant targetTime,
      double referenceClose,
      double actualClose,
      double predictedLogReturn) {
    if (!Double.isFinite(predictedLogReturn)) {
      throw new IllegalArgumentException(
          "ForecastRow "
              + referenceTime
              + ": predicted log-return "
              + predictedLogReturn
              + " must be finite");
    }
    double predictedClose = DecisionRule.predictedClose(referenceClose, predictedLogReturn);
    return new ForecastRow(
        referenceTime,
        targetTime,
        referenceClose,
        actualClose,
        predictedLogReturn,
        predictedClose,
        DecisionRule.isLong(referenceClose, predictedClose));
  }

  /** The row as the artifact's predictions.csv writes it (the model's output is float32). */
  public PredictionsCsv.Row asPrediction() {
    return new PredictionsCsv.Row(
        referenceTime,
        referenceClose,
        (float) predictedLogReturn,
        predictedClose,
        isLong,
        targetTime,
        actualClose);
  }

  /** The market's simple return over the predicted bar, y / ref − 1. */
  public double marketReturn() {
    return actualClose / referenceClose - 1.0;
  }
}
