package io.lstmsignals.ingest.bar;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.BarRules;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One closed OHLCV bar of one symbol, valid by construction: finite positive prices, {@code high >=
 * max(open, close)}, {@code low <= min(open, close)}, {@code volume >= 0}, the open time on the
 * interval's grid and {@code closeTime == openTime + interval} (close exclusive, as in the {@code
 * Bar} contract).
 *
 * @param symbol exchange symbol in upper case, e.g. BTCUSDT
 * @param interval bar length
 * @param openTime start of the bar, inclusive, UTC
 * @param closeTime end of the bar, exclusive
 * @param open first trade price, quote asset
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param volume traded volume, base asset
 */
public record OhlcvBar(
    String symbol,
    BarInterval interval,
    Instant openTime,
    Instant closeTime,
    double open,
    double high,
    double low,
    double close,
    double volume) {

  public OhlcvBar {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(openTime, "openTime");
    Objects.requireNonNull(closeTime, "closeTime");
    String id = "Bar " + symbol + "@" + openTime;
    if (!BarRules.isValidSymbol(symbol)) {
      throw new InvalidBarException(id + ": symbol '" + symbol + "' " + BarRules.SYMBOL_RULE);
    }
    Optional<String> violation = BarRules.violation(open, high, low, close, volume);
    if (violation.isPresent()) {
      throw new InvalidBarException(id + ": " + violation.get());
    }
    if (!interval.isOnGrid(openTime)) {
      throw new InvalidBarException(
          id
              + ": open time "
              + openTime
              + " is not on the "
              + interval
              + " UTC grid (nearest slot "
              + interval.slotOf(openTime)
              + ")");
    }
    if (!closeTime.equals(openTime.plus(interval.length()))) {
      throw new InvalidBarException(
          id
              + ": close time "
              + closeTime
              + " must be open time + "
              + interval
              + " = "
              + openTime.plus(interval.length()));
    }
  }

  /** A bar whose close time follows from its open time and interval. */
  public static OhlcvBar of(
      String symbol,
      BarInterval interval,
      Instant openTime,
      double open,
      double high,
      double low,
      double close,
      double volume) {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(openTime, "openTime");
    return new OhlcvBar(
        symbol,
        interval,
        openTime,
        openTime.plus(interval.length()),
        open,
        high,
        low,
        close,
        volume);
  }

  /** "BTCUSDT 4h @2024-05-01T04:00:00Z", for messages and logs. */
  public String label() {
    return symbol + " " + interval + " @" + openTime;
  }
}
