package io.lstmsignals.signals.report;

/**
 * One realized bar of a P&amp;L series (a symbol or the portfolio), as the report needs it: the
 * fields of its P&amp;L snapshot.
 *
 * @param barOpenTime epoch ms, UTC (for the portfolio: the earliest open time among the members'
 *     bars closing at barCloseTime)
 * @param barCloseTime epoch ms, UTC
 * @param position position held over the bar
 * @param barReturn the market's return over the bar (for the portfolio: the equal-capital
 *     buy-and-hold's)
 * @param strategyReturn the strategy's return over the bar, costs included
 * @param trades position changes (fills) so far, this bar included (for the portfolio: its
 *     members'); the one count of trades, shared by snapshots and report
 * @param cumulativeReturn equity / starting capital − 1 after the bar
 * @param modelVersion the model whose signal decided the position, null when none (or for the
 *     portfolio)
 */
public record PnlPoint(
    long barOpenTime,
    long barCloseTime,
    double position,
    double barReturn,
    double strategyReturn,
    long trades,
    double cumulativeReturn,
    String modelVersion) {}
