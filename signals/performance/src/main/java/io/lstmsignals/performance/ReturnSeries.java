package io.lstmsignals.performance;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A strategy's per-bar history: for each bar, its time, the position held over it and the
 * strategy's simple return over it. The input of {@link PerformanceMetrics}.
 *
 * <p>Bars are in time order (strictly increasing {@code barTimes}). A flat bar has position 0 and,
 * without costs, return 0; it still counts as a bar in every metric, as in the study. {@code
 * positionBefore} is the position held before the first bar (0 for a fresh strategy); it lets a
 * sub-range count the trade made on its first bar correctly.
 *
 * <p><b>Trades</b> are counted once, per bar: {@code trades[i]} is the number of position changes
 * (fills) made at the start of bar i. For one book that is 1 when {@code positions[i]} differs from
 * the position before it, else 0, and the constructors without {@code trades} derive it so; a
 * portfolio passes its members' fills ({@link #ofBook}), since its blended position changes
 * whenever prices move.
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param barTimes time of each bar in epoch milliseconds (the caller picks open or close time,
 *     consistently)
 * @param positions fraction of equity held over each bar (0 flat, 1 fully long)
 * @param returns the strategy's simple return over each bar, costs included
 * @param positionBefore the position held before the first bar
 * @param trades position changes (fills) at the start of each bar, ≥ 0
 */
public record ReturnSeries(
    long[] barTimes, double[] positions, double[] returns, double positionBefore, int[] trades) {

  public ReturnSeries {
    Objects.requireNonNull(barTimes, "barTimes");
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(returns, "returns");
    Objects.requireNonNull(trades, "trades");
    if (positions.length != barTimes.length
        || returns.length != barTimes.length
        || trades.length != barTimes.length) {
      throw new IllegalArgumentException(
          "ReturnSeries: lengths differ: barTimes "
              + barTimes.length
              + ", positions "
              + positions.length
              + ", returns "
              + returns.length
              + ", trades "
              + trades.length
              + "; must be equal");
    }
    for (int i = 0; i < barTimes.length; i++) {
      if (i > 0 && barTimes[i] <= barTimes[i - 1]) {
        throw new IllegalArgumentException(
            "ReturnSeries: bar "
                + i
                + " time "
                + Instant.ofEpochMilli(barTimes[i])
                + " is not after bar "
                + (i - 1)
                + " time "
                + Instant.ofEpochMilli(barTimes[i - 1])
                + "; bar times must be strictly increasing");
      }
      if (trades[i] < 0) {
        throw new IllegalArgumentException(
            "ReturnSeries: bar "
                + i
                + " at "
                + Instant.ofEpochMilli(barTimes[i])
                + " has "
                + trades[i]
                + " trades; must be >= 0");
      }
      if (!Double.isFinite(positions[i]) || !Double.isFinite(returns[i]) || returns[i] < -1) {
        throw new IllegalArgumentException(
            "ReturnSeries: bar "
                + i
                + " at "
                + Instant.ofEpochMilli(barTimes[i])
                + " has position "
                + positions[i]
                + " and return "
                + returns[i]
                + "; both must be finite and the return >= -1");
      }
    }
    if (!Double.isFinite(positionBefore)) {
      throw new IllegalArgumentException(
          "ReturnSeries: positionBefore " + positionBefore + " must be finite");
    }
    barTimes = barTimes.clone();
    positions = positions.clone();
    returns = returns.clone();
    trades = trades.clone();
  }

  /** A series whose trades are its position changes, starting from {@code positionBefore}. */
  public ReturnSeries(
      long[] barTimes, double[] positions, double[] returns, double positionBefore) {
    this(barTimes, positions, returns, positionBefore, positionChanges(positions, positionBefore));
  }

  private static int[] positionChanges(double[] positions, double positionBefore) {
    int[] changes = new int[positions.length];
    double previous = positionBefore;
    for (int i = 0; i < positions.length; i++) {
      changes[i] = positions[i] != previous ? 1 : 0;
      previous = positions[i];
    }
    return changes;
  }

  /**
   * A book's series with the trades the book counted on each bar (for a portfolio: its members'
   * fills), starting flat.
   */
  public static ReturnSeries ofBook(
      long[] barTimes, double[] positions, double[] returns, int[] trades) {
    return new ReturnSeries(barTimes, positions, returns, 0.0, trades);
  }

  /** A series that starts flat. */
  public static ReturnSeries startingFlat(long[] barTimes, double[] positions, double[] returns) {
    return new ReturnSeries(barTimes, positions, returns, 0.0);
  }

  /**
   * The long/flat series of the study: {@code return_i = position_i · marketReturn_i}, no costs.
   *
   * @param marketReturns the market's simple return over each bar, e.g. close(b+1)/close(b) − 1
   */
  public static ReturnSeries longFlat(long[] barTimes, double[] positions, double[] marketReturns) {
    return longFlat(barTimes, positions, marketReturns, 0.0);
  }

  /**
   * The long/flat series with a cost per position change, starting flat: each bar's return is
   * {@link #filledAtClose} of the position before it and the one held over it.
   *
   * @param costBps fee plus slippage, basis points of the notional traded
   */
  public static ReturnSeries longFlat(
      long[] barTimes, double[] positions, double[] marketReturns, double costBps) {
    double[] strategy = new double[marketReturns.length];
    double before = 0.0;
    for (int i = 0; i < strategy.length; i++) {
      strategy[i] = filledAtClose(before, positions[i], marketReturns[i], costBps);
      before = positions[i];
    }
    return startingFlat(barTimes, positions, strategy);
  }

  /**
   * The cost model, once: the strategy's simple return over a bar when the position goes from
   * {@code q} to {@code p} at the bar's reference close. The cost rate {@code c = |p − q| · costBps
   * / 10000} is charged on the equity at the fill, then {@code p} is held over the bar: {@code (1 −
   * c)(1 + p·R) − 1 = p·R − c·(1 + p·R)}, exactly {@code p·R} without costs.
   *
   * @param marketReturn R, the market's simple return over the bar
   * @param costBps fee plus slippage, basis points of the notional traded
   */
  public static double filledAtClose(double q, double p, double marketReturn, double costBps) {
    double costRate = Math.abs(p - q) * (costBps / 10_000.0);
    return p * marketReturn - costRate * (1.0 + p * marketReturn);
  }

  /** Buy-and-hold over the same bars: always long, return = the market's; no costs. */
  public static ReturnSeries buyAndHold(long[] barTimes, double[] marketReturns) {
    double[] ones = new double[marketReturns.length];
    Arrays.fill(ones, 1.0);
    return startingFlat(barTimes, ones, marketReturns);
  }

  public int size() {
    return barTimes.length;
  }

  @Override
  public long[] barTimes() {
    return barTimes.clone();
  }

  @Override
  public double[] positions() {
    return positions.clone();
  }

  @Override
  public double[] returns() {
    return returns.clone();
  }

  @Override
  public int[] trades() {
    return trades.clone();
  }

  int tradesAt(int i) {
    return trades[i];
  }

  double positionAt(int i) {
    return positions[i];
  }

  double returnAt(int i) {
    return returns[i];
  }

  long timeAt(int i) {
    return barTimes[i];
  }

  /**
   * Bars {@code fromInclusive} to {@code toExclusive}; the position before the slice is the one
   * held over the bar before it.
   */
  public ReturnSeries slice(int fromInclusive, int toExclusive) {
    if (fromInclusive < 0 || toExclusive > size() || fromInclusive > toExclusive) {
      throw new IndexOutOfBoundsException(
          "ReturnSeries: slice ["
              + fromInclusive
              + ", "
              + toExclusive
              + ") is not within [0, "
              + size()
              + "]");
    }
    double before = fromInclusive == 0 ? positionBefore : positions[fromInclusive - 1];
    return new ReturnSeries(
        Arrays.copyOfRange(barTimes, fromInclusive, toExclusive),
        Arrays.copyOfRange(positions, fromInclusive, toExclusive),
        Arrays.copyOfRange(returns, fromInclusive, toExclusive),
        before,
        Arrays.copyOfRange(trades, fromInclusive, toExclusive));
  }

  /** The bars whose time lies in [from, to): any time range, possibly empty. */
  public ReturnSeries between(Instant from, Instant to) {
    long fromMs = saturatedEpochMilli(from);
    long toMs = saturatedEpochMilli(to);
    int start = 0;
    while (start < size() && barTimes[start] < fromMs) {
      start++;
    }
    int end = start;
    while (end < size() && barTimes[end] < toMs) {
      end++;
    }
    return slice(start, end);
  }

  /** Epoch milliseconds, clamped for instants beyond them (Instant.MIN / MAX mean "unbounded"). */
  private static long saturatedEpochMilli(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException beyondRange) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Equity after each bar, starting from 1: {@code equity_k = ∏_{i≤k} (1 + return_i)}. */
  public double[] equityCurve() {
    double[] equity = new double[size()];
    double e = 1.0;
    for (int i = 0; i < equity.length; i++) {
      e *= 1.0 + returns[i];
      equity[i] = e;
    }
    return equity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReturnSeries other
        && Arrays.equals(barTimes, other.barTimes)
        && Arrays.equals(positions, other.positions)
        && Arrays.equals(returns, other.returns)
        && Double.compare(positionBefore, other.positionBefore) == 0
        && Arrays.equals(trades, other.trades);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(barTimes),
        Arrays.hashCode(positions),
        Arrays.hashCode(returns),
        positionBefore,
        Arrays.hashCode(trades));
  }

  @Override
  public String toString() {
    return "ReturnSeries["
        + size()
        + " bars"
        + (size() == 0
            ? ""
            : " from "
                + Instant.ofEpochMilli(barTimes[0])
                + " to "
                + Instant.ofEpochMilli(barTimes[size() - 1]))
        + "]";
  }
}
