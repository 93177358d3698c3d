package io.lstmsignals.trainer.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One closed OHLCV bar as the trainer sees it: prices in the quote asset, volume in the base asset.
 *
 * @param openTime start of the bar, UTC
 */
public record OhlcvBar(
    Instant openTime, double open, double high, double low, double close, double volume) {

  public OhlcvBar {
    Objects.requireNonNull(openTime, "openTime");
    requireFinite(openTime, "open", open);
    requireFinite(openTime, "high", high);
    requireFinite(openTime, "low", low);
    requireFinite(openTime, "close", close);
    requireFinite(openTime, "volume", volume);
    if (low <= 0) {
      throw new IllegalArgumentException("OhlcvBar " + openTime + ": low " + low + " must be > 0");
    }
    if (high < Math.max(open, close) || low > Math.min(open, close)) {
      throw new IllegalArgumentException(
          "OhlcvBar "
              + openTime
              + ": high "
              + high
              + " and low "
              + low
              + " must bracket open "
              + open
              + " and close "
              + close);
    }
    if (volume < 0) {
      throw new IllegalArgumentException(
          "OhlcvBar " + openTime + ": volume " + volume + " must be >= 0");
    }
  }

  private static void requireFinite(Instant openTime, String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "OhlcvBar " + openTime + ": " + field + " " + value + " must be finite");
    }
  }
}
