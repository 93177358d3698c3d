package io.lstmsignals.scorer.signal;

/** The runtime failed to run a loaded model on one window. */
public final class ScoringException extends RuntimeException {
  public ScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
