package io.lstmsignals.scorer.signal;

import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.window.BarWindow;

/**
 * The long/flat decision on the close of a symbol's newest bar b, given the model view's verdict
 * for it: score with the model in force and apply the study's rule ({@link DecisionRule}: LONG iff
 * close(b) × exp(r̂) is strictly above close(b)), or FLAT with the reason the model did not decide.
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
   * @param verdict what the models in force say of bar b (never {@link Verdict.Hold}: held bars are
   *     not decided)
   */
  public SignalCall decide(BarWindow window, double referenceClose, Verdict verdict) {
    return switch (verdict) {
      case Verdict.Flat flat ->
          flat(flat.cause(), flat.detail(), referenceClose, flat.line(), flat.version(), false);
      case Verdict.Score score -> score(window, referenceClose, score);
      case Verdict.Hold hold ->
          throw new IllegalArgumentException(
              "SignalPolicy: a held bar (waiting for " + hold.waitingFor() + ") is not decided");
    };
  }

  private SignalCall score(BarWindow window, double referenceClose, Verdict.Score score) {
    Scorer scorer = score.scorer();
    int needed = scorer.barsNeeded();
    if (window.contiguousBars() < needed) {
      String held =
          "window holds " + window.contiguousBars() + " of " + needed + " contiguous bars";
      return window.restartedAfterGap()
          ? flat(
              FlatCause.GAP_IN_WINDOW,
              held + " since a gap",
              referenceClose,
              score.line(),
              scorer.version(),
              score.optIn())
          : flat(
              FlatCause.WARMING_UP,
              held,
              referenceClose,
              score.line(),
              scorer.version(),
              score.optIn());
    }
    if (scratch.length != needed * ModelInput.FIELDS) {
      scratch = new float[needed * ModelInput.FIELDS];
    }
    window.copyNewest(needed, scratch);
    double predicted;
    try {
      predicted = scorer.predictLogReturn(scratch);
    } catch (ScoringException e) {
      return flat(
          FlatCause.SCORING_FAILED,
          e.getMessage(),
          referenceClose,
          score.line(),
          scorer.version(),
          score.optIn());
    }
    return fromPrediction(referenceClose, predicted, score.line(), scorer.version(), score.optIn());
  }

  /**
   * The rule itself: LONG iff referenceClose × exp(predictedLogReturn) > referenceClose, strictly.
   */
  public static SignalCall fromPrediction(
      double referenceClose,
      double predictedLogReturn,
      String line,
      String modelVersion,
      boolean optIn) {
    if (!Double.isFinite(predictedLogReturn)) {
      return flat(
          FlatCause.SCORING_FAILED,
          "model returned " + predictedLogReturn,
          referenceClose,
          line,
          modelVersion,
          optIn);
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
          line,
          modelVersion,
          optIn);
    }
    return new SignalCall(
        Position.FLAT,
        FlatCause.PREDICTED_NOT_UP,
        "predicted close " + predictedClose + " <= reference close " + referenceClose,
        predictedLogReturn,
        referenceClose,
        predictedClose,
        line,
        modelVersion,
        optIn);
  }

  private static SignalCall flat(
      FlatCause cause,
      String detail,
      double referenceClose,
      String line,
      String modelVersion,
      boolean optIn) {
    return new SignalCall(
        Position.FLAT, cause, detail, null, referenceClose, null, line, modelVersion, optIn);
  }
}
