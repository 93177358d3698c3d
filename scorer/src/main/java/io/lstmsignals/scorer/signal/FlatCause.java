package io.lstmsignals.scorer.signal;

/**
 * Why a call is FLAT. The names are those of the {@code FlatReason} contract, so the shell maps
 * them by name. {@link #PREDICTED_NOT_UP} is the model's own call; every other cause means the
 * model did not decide.
 */
public enum FlatCause {
  PREDICTED_NOT_UP,
  WARMING_UP,
  GAP_IN_WINDOW,
  /** Only with scorer.on.missing.model=flat: no model was in force and the scorer did not wait. */
  NO_MODEL,
  SCORING_FAILED,
  /** No model line serves the symbol. */
  NO_MODEL_FOR_SYMBOL,
  /** The version in force is older than its line allows. */
  MODEL_EXPIRED,
  /** The bar precedes the first version its line put in force. */
  BEFORE_FIRST_MODEL
}
