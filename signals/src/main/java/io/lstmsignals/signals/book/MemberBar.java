package io.lstmsignals.signals.book;

/**
 * One realized bar of a portfolio member, as the portfolio needs it (taken from the member's
 * P&amp;L snapshot).
 *
 * @param equity the member's equity after the bar
 * @param barReturn the market's return over the bar (drives the buy-and-hold benchmark)
 * @param costs fees and slippage charged on the bar
 * @param trades the member's trades so far
 */
public record MemberBar(
    long barOpenTime,
    long barCloseTime,
    double position,
    double barReturn,
    double costs,
    double equity,
    long trades) {}
