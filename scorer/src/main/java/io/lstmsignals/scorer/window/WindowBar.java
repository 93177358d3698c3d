package io.lstmsignals.scorer.window;

/**
 * One bar as the window keeps it: its open time and raw OHLCV. Prices are in the quote asset,
 * volume in the base asset; the window stores them as float32, the precision the model reads.
 *
 * @param openTimeMillis open time of the bar, epoch milliseconds UTC
 */
public record WindowBar(
    long openTimeMillis, double open, double high, double low, double close, double volume) {

  public WindowBar {
    if (!Double.isFinite(open)
        || !Double.isFinite(high)
        || !Double.isFinite(low)
        || !Double.isFinite(close)
        || !Double.isFinite(volume)) {
      throw new IllegalArgumentException(
          "WindowBar@"
              + openTimeMillis
              + ": OHLCV must be finite, got open "
              + open
              + " high "
              + high
              + " low "
              + low
              + " close "
              + close
              + " volume "
              + volume);
    }
  }
}
