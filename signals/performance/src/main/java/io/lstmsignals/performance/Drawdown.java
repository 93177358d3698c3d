package io.lstmsignals.performance;

/**
 * The drawdown of an equity curve after its latest point, and what it needs to go on: the peak so
 * far and the deepest drawdown so far. The one definition of drawdown the project uses: {@code
 * equity / peak − 1}, a fraction ≤ 0 (−0.25 = a 25 % fall), 0 at a new high.
 *
 * @param peak the highest equity so far (the starting equity counts)
 * @param current the drawdown at the latest point
 * @param maximum the most negative drawdown so far
 */
public record Drawdown(double peak, double current, double maximum) {

  public Drawdown {
    if (!(peak > 0) || current > 0 || maximum > current) {
      throw new IllegalArgumentException(
          "Drawdown: peak "
              + peak
              + " must be > 0 and maximum "
              + maximum
              + " <= current "
              + current
              + " <= 0");
    }
  }

  /** The drawdown of a curve that has only its starting equity. */
  public static Drawdown start(double equity) {
    return new Drawdown(equity, 0.0, 0.0);
  }

  /** A drawdown restored from a saved peak and maximum, at a point on the peak's curve. */
  public static Drawdown restored(double peak, double equity, double maximum) {
    double current = Math.min(0.0, equity / peak - 1.0);
    return new Drawdown(peak, current, Math.min(maximum, current));
  }

  /** The drawdown after the curve moves to {@code equity}. */
  public Drawdown after(double equity) {
    double newPeak = Math.max(peak, equity);
    double now = equity / newPeak - 1.0;
    return new Drawdown(newPeak, now, Math.min(maximum, now));
  }
}
