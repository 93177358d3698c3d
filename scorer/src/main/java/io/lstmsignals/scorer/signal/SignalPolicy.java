package io.lstmsignals.scorer.signal;

import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.model.ModelState;
import io.lstmsignals.scorer.model.Scorer;
import io.lstmsignals.scorer.model.ScoringException;
import io.lstmsignals.scorer.window.BarWindow;

/**
 * The long/flat rule of the study, applied to one symbol's window on the close of its newest bar b:
 * LONG iff close(b) × exp(r̂) is strictly above close(b), else FLAT with the reason the model did
 * not say up.
 *
 * <p>Not thread-safe: it owns a scratch buffer; use one per processor.
 */
public final class SignalPolicy {
  private float[] scratch = new float[0];

  /**
   * Decides the position over bar b+1.
   *
   * @param window the symbol's window, whose newest bar is b
   * @param referenceClose close(b) as published (double, not the window's float32)
   * @param model the model state read once for this bar
   */
  public SignalCall decide(BarWindow window, double referenceClose, ModelState model) {
    return switch (model) {
      case ModelState.NoModel none ->
          flat(
              FlatCause.NO_MODEL,
              "no release of model " + none.modelName() + " has been loaded",
              referenceClose,
              null);
      case ModelState.Rejected rejected ->
          flat(
              FlatCause.MODEL_REJECTED,
              "release "
                  + rejected.version()
                  + " of model "
                  + rejected.modelName()
                  + " was refused: "
                  + rejected.detail(),
              referenceClose,
              null);
      case ModelState.Serving serving -> score(window, referenceClose, serving.scorer());
    };
  }

  private SignalCall score(BarWindow window, double referenceClose, Scorer scorer) {
    int needed = scorer.barsNeeded();
    if (window.contiguousBars() < needed) {
      String held =
          "window holds " + window.contiguousBars() + " of " + needed + " contiguous bars";
      return window.restartedAfterGap()
          ? flat(FlatCause.GAP_IN_WINDOW, held + " since a gap", referenceClose, scorer.version())
          : flat(FlatCause.WARMING_UP, held, referenceClose, scorer.version());
    }
    if (scratch.length != needed * ModelInput.FIELDS) {
      scratch = new float[needed * ModelInput.FIELDS];
    }
    window.copyNewest(needed, scratch);
    double predicted;
    try {
      predicted = scorer.predictLogReturn(scratch);
    } catch (ScoringException e) {
      return flat(FlatCause.SCORING_FAILED, e.getMessage(), referenceClose, scorer.version());
    }
    return fromPrediction(referenceClose, predicted, scorer.version());
  }

  /**
   * The rule itself: LONG iff referenceClose × exp(predictedLogReturn) > referenceClose, strictly.
   */
  public static SignalCall fromPrediction(
      double referenceClose, double predictedLogReturn, String modelVersion) {
    if (!Double.isFinite(predictedLogReturn)) {
      return flat(
          FlatCause.SCORING_FAILED,
          "model returned " + predictedLogReturn,
          referenceClose,
          modelVersion);
    }
    double predictedClose = DecisionRule.predictedClose(referenceClose, predictedLogReturn);
    if (DecisionRule.isLong(referenceClose, predictedClose)) {
      return new SignalCall(
          Position.LONG,
          null,
          null,
          predictedLogReturn,
          referenceClose,
          predictedClose,
          modelVersion);
    }
    return new SignalCall(
        Position.FLAT,
        FlatCause.PREDICTED_NOT_UP,
        "predicted close " + predictedClose + " <= reference close " + referenceClose,
        predictedLogReturn,
        referenceClose,
        predictedClose,
        modelVersion);
  }

  private static SignalCall flat(
      FlatCause cause, String detail, double referenceClose, String modelVersion) {
    return new SignalCall(Position.FLAT, cause, detail, null, referenceClose, null, modelVersion);
  }
}
