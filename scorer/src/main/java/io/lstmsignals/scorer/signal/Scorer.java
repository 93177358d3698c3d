package io.lstmsignals.scorer.signal;

/**
 * A model that predicts the next log-return of a symbol from its last {@link #barsNeeded()} raw
 * bars.
 *
 * <p>Implementations are safe for concurrent use by several stream threads.
 */
public interface Scorer {

  /** The model line this scorer belongs to, e.g. lstm-4h. */
  String modelName();

  /** The release version, e.g. 2024-11-30T20Z-seed42. */
  String version();

  /** W, the number of feature rows the model reads. */
  int windowBars();

  /** W + 1: the model derives W rows of returns from W + 1 raw bars. */
  default int barsNeeded() {
    return windowBars() + 1;
  }

  /**
   * Predicts ln(close(b+1) / close(b)) for the newest bar b.
   *
   * @param bars {@link #barsNeeded()} × 5 floats: open, high, low, close, volume per bar, oldest
   *     first
   * @return the prediction; may be non-finite if the model misbehaves, which callers must check
   * @throws ScoringException if the runtime fails to run the model
   */
  double predictLogReturn(float[] bars);
}
