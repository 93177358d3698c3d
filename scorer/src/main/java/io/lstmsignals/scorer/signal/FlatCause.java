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
  NO_MODEL,
  MODEL_REJECTED,
  SCORING_FAILED
}
