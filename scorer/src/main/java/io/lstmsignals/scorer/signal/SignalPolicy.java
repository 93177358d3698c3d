package io.lstmsignals.scorer.signal;

import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.window.BarWindow;

/**
 * The long/flat decision on the close of a symbol's newest bar b, given the model view's verdict
 * for it: score with the model in force and apply the study's rule ({@link DecisionRule}: LONG iff
 * close(b) × exp(r̂) is strictly above close(b)), or FLAT with the reason the model did not decide.
 *
 * <p>Stateless: {@link #prepare} copies the window it needs, so the windows of several bars can
 * wait for one batched model run.
 */
public final class SignalPolicy {

  /** What deciding a bar takes: nothing more (the call is made), or the model's prediction. */
  public sealed interface Step {}

  /** The bar is decided without the model. */
  public record Decided(SignalCall call) implements Step {}

  /**
   * The bar needs {@code score}'s model on {@code window} (a copy of the symbol's newest W + 1
   * bars, so later bars do not change it); {@link #finish} turns the prediction into the call.
   */
  public record Infer(Verdict.Score score, float[] window, double referenceClose) implements Step {}

  /**
   * Decides the position over bar b+1, running the model itself when it is needed.
   *
   * @param window the symbol's window, whose newest bar is b
   * @param referenceClose close(b) as published (double, not the window's float32)
   * @param verdict what the models in force say of bar b (never {@link Verdict.Hold}: held bars are
   *     not decided)
   */
  public SignalCall decide(BarWindow window, double referenceClose, Verdict verdict) {
    return switch (prepare(window, referenceClose, verdict)) {
      case Decided decided -> decided.call();
      case Infer infer -> {
        try {
          yield finish(infer, infer.score().scorer().predictLogReturn(infer.window()));
        } catch (ScoringException e) {
          yield failed(infer, e);
        }
      }
    };
  }

  /**
   * The first half of {@link #decide}: the call when no model run is needed, else the window the
   * model must run on, so that the windows of many bars can run together.
   */
  public Step prepare(BarWindow window, double referenceClose, Verdict verdict) {
    return switch (verdict) {
      case Verdict.Flat flat ->
          new Decided(
              flat(
                  flat.cause(), flat.detail(), referenceClose, flat.line(), flat.version(), false));
      case Verdict.Score score -> prepareScore(window, referenceClose, score);
      case Verdict.Hold hold ->
          throw new IllegalArgumentException(
              "SignalPolicy: a held bar (waiting for " + hold.waitingFor() + ") is not decided");
    };
  }

  private Step prepareScore(BarWindow window, double referenceClose, Verdict.Score score) {
    Scorer scorer = score.scorer();
    int needed = scorer.barsNeeded();
    if (window.contiguousBars() < needed) {
      String held =
          "window holds " + window.contiguousBars() + " of " + needed + " contiguous bars";
      return new Decided(
          window.restartedAfterGap()
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
                  score.optIn()));
    }
    float[] bars = new float[needed * ModelInput.FIELDS];
    window.copyNewest(needed, bars);
    return new Infer(score, bars, referenceClose);
  }

  /** The call for a bar whose model predicted {@code predictedLogReturn}. */
  public static SignalCall finish(Infer infer, double predictedLogReturn) {
    Verdict.Score score = infer.score();
    return fromPrediction(
        infer.referenceClose(),
        predictedLogReturn,
        score.line(),
        score.scorer().version(),
        score.optIn());
  }

  /** The call for a bar whose model run failed. */
  public static SignalCall failed(Infer infer, ScoringException e) {
    Verdict.Score score = infer.score();
    return flat(
        FlatCause.SCORING_FAILED,
        e.getMessage(),
        infer.referenceClose(),
        score.line(),
        score.scorer().version(),
        score.optIn());
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
