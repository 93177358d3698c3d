package io.lstmsignals.schemas.contract;

import java.util.Optional;

/**
 * What makes OHLCV values a bar, the same for every stage that checks one: finite prices above 0,
 * {@code high >= low}, {@code high >= max(open, close)}, {@code low <= min(open, close)}, a finite
 * volume {@code >= 0}. (Where a bar sits in time, its interval grid and order, is checked by
 * whoever knows the sequence.)
 */
public final class BarRules {

  /** What a symbol is: exchange notation in upper case, e.g. BTCUSDT. */
  public static final String SYMBOL_RULE = "must be 2-30 upper-case letters or digits";

  private static final java.util.regex.Pattern SYMBOL =
      java.util.regex.Pattern.compile("[A-Z0-9]{2,30}");

  private BarRules() {}

  /** Whether {@code symbol} keeps {@link #SYMBOL_RULE}. */
  public static boolean isValidSymbol(String symbol) {
    return symbol != null && SYMBOL.matcher(symbol).matches();
  }

  /**
   * The first rule the values break, as a reason naming the value and the rule (e.g. {@code high
   * 99.0 < low 100.0}), or empty when they form a bar.
   */
  public static Optional<String> violation(
      double open, double high, double low, double close, double volume) {
    for (String field : new String[] {"open", "high", "low", "close"}) {
      double value =
          switch (field) {
            case "open" -> open;
            case "high" -> high;
            case "low" -> low;
            default -> close;
          };
      if (!Double.isFinite(value) || value <= 0) {
        return Optional.of(field + " " + value + " must be a finite price > 0");
      }
    }
    if (!Double.isFinite(volume) || volume < 0) {
      return Optional.of("volume " + volume + " must be finite and >= 0");
    }
    if (high < low) {
      return Optional.of("high " + high + " < low " + low);
    }
    if (high < Math.max(open, close)) {
      return Optional.of("high " + high + " < max(open " + open + ", close " + close + ")");
    }
    if (low > Math.min(open, close)) {
      return Optional.of("low " + low + " > min(open " + open + ", close " + close + ")");
    }
    return Optional.empty();
  }
}
