package io.lstmsignals.trainer.data;

import io.lstmsignals.schemas.contract.BarRules;
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
    BarRules.violation(open, high, low, close, volume)
        .ifPresent(
            violation -> {
              throw new IllegalArgumentException("OhlcvBar " + openTime + ": " + violation);
            });
  }
}
