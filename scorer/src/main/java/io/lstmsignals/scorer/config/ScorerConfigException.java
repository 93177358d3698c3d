package io.lstmsignals.scorer.config;

import java.util.List;

/** The scorer's configuration is invalid; the message lists every problem, one per line. */
public final class ScorerConfigException extends RuntimeException {
  private final List<String> problems;

  public ScorerConfigException(List<String> problems) {
    super("Invalid scorer configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
