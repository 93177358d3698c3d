package io.lstmsignals.signals.book;

/**
 * One bar b+1 realized under the position decided on bar b, and the ledger's running figures after
 * it.
 *
 * @param barReturn the market's return over the bar: close(b+1)/close(b) − 1 (REFERENCE_CLOSE) or
 *     close(b+1)/open(b+1) − 1 (NEXT_OPEN)
 * @param strategyReturn the ledger's return over close(b) → close(b+1), costs included
 * @param costs fee + slippage charged on this bar, quote asset
 * @param drawdown equity / peak − 1, ≤ 0
 * @param maxDrawdown the most negative drawdown so far, ≤ 0
 * @param signalMissing true when no signal arrived for bar b in time and the bar was realized flat
 */
public record RealizedBar(
    long barOpenTime,
    long barCloseTime,
    double position,
    double barReturn,
    double strategyReturn,
    double costs,
    double equity,
    double cumulativeReturn,
    double drawdown,
    double maxDrawdown,
    long barsRealized,
    long barsLong,
    long trades,
    String modelVersion,
    boolean signalMissing) {}
