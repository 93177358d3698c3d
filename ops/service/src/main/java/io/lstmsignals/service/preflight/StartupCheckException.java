package io.lstmsignals.service.preflight;

/**
 * Something a service or command needs before it starts is not there: the broker, the registry, a
 * topic. The message is one line naming the thing (its address, URL or name) and what to do; the
 * command lines print it without a stack trace and exit with {@link
 * io.lstmsignals.service.cli.CommandLines#UNAVAILABLE}.
 */
public final class StartupCheckException extends RuntimeException {
  public StartupCheckException(String message) {
    super(message);
  }

  public StartupCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
