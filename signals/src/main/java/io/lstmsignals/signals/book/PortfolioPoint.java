package io.lstmsignals.signals.book;

/**
 * The equal-capital portfolio at one instant T (a close time of at least one member's bar).
 *
 * @param barOpenTime the earliest open time among the members' bars closing at T
 * @param position equity-weighted mean position of the members at T
 * @param benchmarkReturn return of the equal-capital buy-and-hold portfolio over the step
 * @param strategyReturn return of the portfolio's equity over the step
 * @param costs members' fees and slippage charged within the step
 * @param steps portfolio steps so far, this one included
 * @param stepsLong steps so far with a non-zero position
 * @param trades members' trades so far
 */
public record PortfolioPoint(
    long barOpenTime,
    long barCloseTime,
    double position,
    double benchmarkReturn,
    double strategyReturn,
    double costs,
    double equity,
    double cumulativeReturn,
    double drawdown,
    double maxDrawdown,
    long steps,
    long stepsLong,
    long trades) {}
