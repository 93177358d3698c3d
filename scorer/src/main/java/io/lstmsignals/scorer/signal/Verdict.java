package io.lstmsignals.scorer.signal;

/** What to do with one bar, as the models in force say: score it, decide it FLAT, or hold it. */
public sealed interface Verdict {

  /**
   * Score the bar with {@code scorer}.
   *
   * @param optIn whether the line serves the symbol by an opt-in (not trained on it)
   */
  record Score(String line, Scorer scorer, boolean optIn) implements Verdict {}

  /** Decide the bar FLAT without scoring, for {@code cause}. */
  record Flat(FlatCause cause, String detail, String line, String version) implements Verdict {}

  /** Keep the bar until something changes; {@code waitingFor} says what it needs. */
  record Hold(String waitingFor) implements Verdict {}
}
