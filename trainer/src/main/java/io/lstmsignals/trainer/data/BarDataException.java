package io.lstmsignals.trainer.data;

/**
 * Bar data the trainer cannot use; the message names the file and line, or the topic and offset,
 * and the rule.
 */
public final class BarDataException extends RuntimeException {

  public BarDataException(String message) {
    super(message);
  }

  public BarDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
