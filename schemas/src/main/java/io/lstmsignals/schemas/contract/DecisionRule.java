package io.lstmsignals.schemas.contract;

/**
 * The reference study's long/flat rule, the one decision the scorer emits and the trainer scores:
 * with the newest close {@code ref} and the model's predicted log-return {@code r̂}, the predicted
 * close is {@code ref · exp(r̂)}, and the position over the next bar is LONG iff it is strictly
 * above {@code ref}, else FLAT. There is no short.
 */
public final class DecisionRule {

  /** The rule in words, as model cards state it. */
  public static final String TEXT = "LONG iff close_last * exp(log_return) > close_last, else FLAT";

  private DecisionRule() {}

  /** {@code ref · exp(r̂)}. */
  public static double predictedClose(double referenceClose, double predictedLogReturn) {
    return referenceClose * Math.exp(predictedLogReturn);
  }

  /** LONG iff the predicted close is strictly above the reference close. */
  public static boolean isLong(double referenceClose, double predictedClose) {
    return predictedClose > referenceClose;
  }
}
