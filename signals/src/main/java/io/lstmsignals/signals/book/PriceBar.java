package io.lstmsignals.signals.book;

import java.time.Instant;

/**
 * The prices of one closed bar that the ledger needs. Times are epoch milliseconds, UTC; {@code
 * closeTime} is exclusive ({@code openTime + interval}), so the bar after it opens at {@code
 * closeTime}.
 */
public record PriceBar(long openTime, long closeTime, double open, double close) {

  public PriceBar {
    if (closeTime <= openTime) {
      throw new IllegalArgumentException(
          "PriceBar "
              + Instant.ofEpochMilli(openTime)
              + ": closeTime "
              + Instant.ofEpochMilli(closeTime)
              + " must be after openTime");
    }
    if (!(open > 0) || !(close > 0) || Double.isInfinite(open) || Double.isInfinite(close)) {
      throw new IllegalArgumentException(
          "PriceBar "
              + Instant.ofEpochMilli(openTime)
              + ": open "
              + open
              + " and close "
              + close
              + " must be finite and > 0");
    }
  }
}
