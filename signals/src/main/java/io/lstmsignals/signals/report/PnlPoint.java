package io.lstmsignals.signals.report;

/**
 * One realized bar of a P&amp;L series (a symbol or the portfolio), as the report needs it.
 *
 * @param barCloseTime epoch ms, UTC
 * @param position position held over the bar
 * @param barReturn the market's return over the bar (for the portfolio: the equal-capital
 *     buy-and-hold's)
 * @param strategyReturn the strategy's return over the bar, costs included
 */
public record PnlPoint(
    long barCloseTime, double position, double barReturn, double strategyReturn) {}
