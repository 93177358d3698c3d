package io.lstmsignals.scorer.model;

/**
 * A model release or artifact does not meet the scorer's contract; the message says what was
 * expected and found.
 */
public final class ModelContractException extends RuntimeException {
  public ModelContractException(String message) {
    super(message);
  }

  public ModelContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
