package io.lstmsignals.trainer.retrain;

import io.lstmsignals.trainer.eval.TestEvaluation;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The metric a challenger must win on, and which way is better. An undefined figure (a Sharpe with
 * no variance: never long) counts as the worst, so a defined challenger beats an undefined champion
 * and an undefined challenger beats nothing.
 */
public enum GateCriterion {
  SHARPE(true),
  CUMULATIVE_RETURN(true),
  DIRECTIONAL_ACCURACY(true),
  MAE(false),
  RMSE(false);

  private final boolean higherIsBetter;

  GateCriterion(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** Its name in configuration and records: {@code sharpe}, {@code mae}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The criterion named {@code id}.
   *
   * @throws IllegalArgumentException naming the known ones
   */
  public static GateCriterion byId(String id) {
    for (GateCriterion criterion : values()) {
      if (criterion.id().equals(id)) {
        return criterion;
      }
    }
    throw new IllegalArgumentException(
        "Unknown gate metric '"
            + id
            + "': known are sharpe, cumulative_return, directional_accuracy, mae, rmse");
  }

  /** The figure of an evaluation. */
  public OptionalDouble value(TestEvaluation evaluation) {
    return switch (this) {
      case SHARPE -> evaluation.strategyMetrics().sharpe();
      case CUMULATIVE_RETURN -> OptionalDouble.of(evaluation.strategyMetrics().cumulativeReturn());
      case DIRECTIONAL_ACCURACY -> evaluation.forecast().directionalAccuracy();
      case MAE -> OptionalDouble.of(evaluation.forecast().mae());
      case RMSE -> OptionalDouble.of(evaluation.forecast().rmse());
    };
  }

  /** Whether {@code challenger} beats {@code champion} by more than {@code margin}. */
  public boolean beats(OptionalDouble challenger, OptionalDouble champion, double margin) {
    if (challenger.isEmpty()) {
      return false;
    }
    if (champion.isEmpty()) {
      return true;
    }
    double c = challenger.getAsDouble();
    double k = champion.getAsDouble();
    return higherIsBetter ? c > k + margin : c < k - margin;
  }

  /** The rule in words: {@code sharpe > champion + 0.1}. */
  public String describe(double margin) {
    return id() + (higherIsBetter ? " > champion + " : " < champion - ") + margin;
  }
}
