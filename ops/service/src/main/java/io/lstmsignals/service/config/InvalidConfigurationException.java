package io.lstmsignals.service.config;

import java.util.List;

/**
 * A service's configuration has problems; the message lists every one, one per line, each as {@code
 * Invalid value V for configuration K: reason} (or {@code Missing value for configuration K: ...}).
 * The one exception type configuration errors take in every service and command.
 */
public final class InvalidConfigurationException extends RuntimeException {
  private final List<String> problems;

  public InvalidConfigurationException(String service, List<String> problems) {
    super(
        "Invalid "
            + service
            + " configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each, in key order. */
  public List<String> problems() {
    return problems;
  }
}
