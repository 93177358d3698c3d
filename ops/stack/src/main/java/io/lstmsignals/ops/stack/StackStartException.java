package io.lstmsignals.ops.stack;

/**
 * A stack could not be started or reached: a port is taken, the JDK is too old, a child process
 * died or did not become ready in time, or an external endpoint did not answer. The message says
 * which and what to do about it.
 */
public final class StackStartException extends RuntimeException {

  public StackStartException(String message) {
    super(message);
  }

  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
