package io.lstmsignals.signals.book;

import java.util.Objects;

/**
 * How a {@link PaperLedger} trades. Defaults ({@link #study}) reproduce the reference study: fills
 * at the reference close, no costs.
 *
 * @param startingCapital equity of a fresh ledger, in the quote asset
 * @param feeBps fee in basis points of the notional traded
 * @param slippageBps slippage cost in basis points of the notional traded
 */
public record LedgerSettings(
    double startingCapital, double feeBps, double slippageBps, FillConvention fillConvention) {

  public LedgerSettings {
    Objects.requireNonNull(fillConvention, "fillConvention");
    if (!(startingCapital > 0) || Double.isInfinite(startingCapital)) {
      throw new IllegalArgumentException(
          "LedgerSettings: startingCapital " + startingCapital + " must be finite and > 0");
    }
    if (!(feeBps >= 0 && feeBps < 10_000) || !(slippageBps >= 0 && slippageBps < 10_000)) {
      throw new IllegalArgumentException(
          "LedgerSettings: feeBps "
              + feeBps
              + " and slippageBps "
              + slippageBps
              + " must be within [0, 10000)");
    }
  }

  /** The study's settings: reference close, no fee, no slippage. */
  public static LedgerSettings study(double startingCapital) {
    return new LedgerSettings(startingCapital, 0, 0, FillConvention.REFERENCE_CLOSE);
  }

  /** Cost of trading, as a fraction of the notional. */
  double costRate() {
    return (feeBps + slippageBps) / 10_000.0;
  }
}
