package io.lstmsignals.ingest.bar;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a valid bar is also a believable one: exchanges print listing artifacts and bad ticks
 * that pass every OHLC rule (BNB's first bar with a low 67 % below its open, XRP's with a high 3×
 * its open). Two limits, each 0 to switch it off:
 *
 * <ul>
 *   <li>{@code maxRangeRatio}: {@code high / low} of one bar at most this (a 4h bar spanning more
 *       than 2.5× in price is a bad print, not a market);
 *   <li>{@code maxOpenGap}: {@code |open / previous close - 1|} at most this, for the bar after one
 *       already accepted in the same run (crypto trades around the clock, so consecutive bars
 *       barely gap).
 * </ul>
 *
 * The defaults let every bar of the shipped BTC and ETH history (2017–2026) through; its widest are
 * ETH's 2017-08-22T04:00Z print (high/low 2.15, opened 48.5 % below the previous close) and BTC's
 * 2020-03-13 crash bar (high/low 1.46). Immutable.
 *
 * @param maxRangeRatio largest {@code high / low}; 0 = no limit
 * @param maxOpenGap largest {@code |open / previous close - 1|}; 0 = no limit
 */
public record Plausibility(double maxRangeRatio, double maxOpenGap) {

  /** The configuration key of {@link #maxRangeRatio}. */
  public static final String MAX_RANGE_RATIO_KEY = "ingest.plausibility.max.range.ratio";

  /** The configuration key of {@link #maxOpenGap}. */
  public static final String MAX_OPEN_GAP_KEY = "ingest.plausibility.max.open.gap";

  /** The defaults: range 2.5×, open gap 60 %. */
  public static final Plausibility DEFAULT = new Plausibility(2.5, 0.6);

  /** No plausibility limits: every valid bar passes. */
  public static final Plausibility OFF = new Plausibility(0, 0);

  public Plausibility {
    if (!(maxRangeRatio == 0 || maxRangeRatio > 1) || Double.isInfinite(maxRangeRatio)) {
      throw new IllegalArgumentException(
          "Plausibility: maxRangeRatio " + maxRangeRatio + " must be 0 (off) or a number > 1");
    }
    if (!(maxOpenGap >= 0) || Double.isInfinite(maxOpenGap)) {
      throw new IllegalArgumentException(
          "Plausibility: maxOpenGap " + maxOpenGap + " must be 0 (off) or a number > 0");
    }
  }

  /**
   * The first limit the bar breaks, as a reason naming the values and the limit, or empty.
   *
   * @param previousClose the close of the symbol's bar before it, or null when none is known
   */
  public Optional<String> violation(OhlcvBar bar, Double previousClose) {
    if (maxRangeRatio > 0 && bar.high() / bar.low() > maxRangeRatio) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "implausible bar: high %s / low %s = %.3f exceeds the range limit %s (%s)",
              plain(bar.high()),
              plain(bar.low()),
              bar.high() / bar.low(),
              plain(maxRangeRatio),
              MAX_RANGE_RATIO_KEY));
    }
    if (maxOpenGap > 0 && previousClose != null) {
      double gap = Math.abs(bar.open() / previousClose - 1);
      if (gap > maxOpenGap) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "implausible bar: open %s is %.1f %% away from the previous close %s, over the"
                    + " limit of %.1f %% (%s)",
                plain(bar.open()),
                gap * 100,
                plain(previousClose),
                maxOpenGap * 100,
                MAX_OPEN_GAP_KEY));
      }
    }
    return Optional.empty();
  }

  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
