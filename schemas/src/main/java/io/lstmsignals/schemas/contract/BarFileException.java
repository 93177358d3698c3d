package io.lstmsignals.schemas.contract;

/**
 * A bar file that cannot be read at all (missing, empty, wrong header, bad name); the message names
 * the file.
 */
public final class BarFileException extends RuntimeException {
  public BarFileException(String message) {
    super(message);
  }

  public BarFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
