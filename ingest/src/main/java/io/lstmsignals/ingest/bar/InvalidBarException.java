package io.lstmsignals.ingest.bar;

/**
 * A bar that breaks one of the rules of {@link OhlcvBar}; the message names the bar, the value and
 * the rule.
 */
public final class InvalidBarException extends IllegalArgumentException {
  public InvalidBarException(String message) {
    super(message);
  }
}
