package io.lstmsignals.signals.book;

/**
 * A paper fill: the position moved from {@code positionBefore} to {@code positionAfter}.
 *
 * @param fillTime close time of bar b (REFERENCE_CLOSE) or open time of bar b+1 (NEXT_OPEN), epoch
 *     ms
 * @param signalBarOpenTime open time of bar b, whose signal caused the change
 * @param price market price of the fill before slippage
 * @param notional |positionAfter − positionBefore| × equity at the fill, quote asset
 * @param fee notional × feeBps / 10000
 * @param slippage notional × slippageBps / 10000
 */
public record PositionChange(
    long fillTime,
    long signalBarOpenTime,
    double positionBefore,
    double positionAfter,
    double price,
    double notional,
    double fee,
    double slippage,
    FillConvention fillConvention,
    String modelVersion) {

  public boolean isBuy() {
    return positionAfter > positionBefore;
  }
}
