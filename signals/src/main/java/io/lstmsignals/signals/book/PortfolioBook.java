package io.lstmsignals.signals.book;

import io.lstmsignals.performance.Drawdown;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The equal-capital portfolio of a fixed set of symbols: each member starts with the same capital,
 * trades on its own {@link PaperLedger}, and the portfolio's equity is the sum of the members'
 * equities.
 *
 * <p><b>What "per bar" means here.</b> Members may have different bar times (a symbol listed later,
 * a gap), and their bars arrive in any interleaving. The portfolio emits one {@link PortfolioPoint}
 * per instant T that is the close time of some member's bar, once every member has realized a bar
 * closing at or after T (the watermark is the smallest of the members' last close times). At T each
 * member counts with the equity after its last bar closing at or before T, or its starting capital
 * (cash) if it has none yet. So the points depend only on each member's own bars, never on their
 * interleaving; the price is that the portfolio waits for its slowest member, and a member that
 * never reports holds it back (list only symbols that trade).
 *
 * <p>Not thread-safe; saved between inputs with {@link PortfolioCodec}.
 */
public final class PortfolioBook {

  /** A member: its equity and benchmark at the watermark, and the bars it realized after it. */
  static final class Member {
    double equity;
    double benchmark;
    double position;
    long trades;
    long lastClose;
    final Deque<MemberBar> ahead;

    Member(
        double equity,
        double benchmark,
        double position,
        long trades,
        long lastClose,
        Deque<MemberBar> ahead) {
      this.equity = equity;
      this.benchmark = benchmark;
      this.position = position;
      this.trades = trades;
      this.lastClose = lastClose;
      this.ahead = ahead;
    }
  }

  private final double memberCapital;
  private final SortedMap<String, Member> members;
  private long watermark;
  private double equity;
  private double benchmark;
  private Drawdown drawdown;
  private long steps;
  private long stepsLong;

  /** A fresh portfolio of {@code symbols}, each starting with {@code memberCapital} in cash. */
  public PortfolioBook(Collection<String> symbols, double memberCapital) {
    this(
        memberCapital,
        freshMembers(symbols, memberCapital),
        Long.MIN_VALUE,
        memberCapital * symbols.size(),
        memberCapital * symbols.size(),
        memberCapital * symbols.size(),
        0,
        0,
        0);
  }

  PortfolioBook(
      double memberCapital,
      SortedMap<String, Member> members,
      long watermark,
      double equity,
      double benchmark,
      double peak,
      double maxDrawdown,
      long steps,
      long stepsLong) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("PortfolioBook: no members; list at least one symbol");
    }
    this.memberCapital = memberCapital;
    this.members = members;
    this.watermark = watermark;
    this.equity = equity;
    this.benchmark = benchmark;
    this.drawdown = Drawdown.restored(peak, equity, maxDrawdown);
    this.steps = steps;
    this.stepsLong = stepsLong;
  }

  private static SortedMap<String, Member> freshMembers(
      Collection<String> symbols, double capital) {
    SortedMap<String, Member> fresh = new TreeMap<>();
    for (String symbol : symbols) {
      fresh.put(symbol, new Member(capital, capital, 0, 0, Long.MIN_VALUE, new ArrayDeque<>()));
    }
    return fresh;
  }

  /**
   * Takes a member's realized bar; returns the portfolio points it completes, in time order.
   *
   * @return empty when nothing completes; a rejection reason when the symbol is not a member or the
   *     bar is not after the member's last one
   */
  public PortfolioOutcome onMemberBar(String symbol, MemberBar bar) {
    Member member = members.get(symbol);
    if (member == null) {
      return PortfolioOutcome.rejected(
          "symbol " + symbol + " is not a portfolio member " + members.keySet());
    }
    if (bar.barCloseTime() <= member.lastClose) {
      return PortfolioOutcome.rejected(
          "bar closing "
              + Instant.ofEpochMilli(bar.barCloseTime())
              + " of "
              + symbol
              + " is not after its last bar closing "
              + Instant.ofEpochMilli(member.lastClose));
    }
    member.lastClose = bar.barCloseTime();
    member.ahead.addLast(bar);
    long newWatermark = members.values().stream().mapToLong(m -> m.lastClose).min().orElseThrow();
    if (newWatermark == Long.MIN_VALUE || newWatermark <= watermark) {
      return PortfolioOutcome.accepted(List.of());
    }
    NavigableSet<Long> instants = new TreeSet<>();
    for (Member m : members.values()) {
      for (MemberBar ahead : m.ahead) {
        if (ahead.barCloseTime() <= newWatermark) {
          instants.add(ahead.barCloseTime());
        }
      }
    }
    List<PortfolioPoint> points = new ArrayList<>(instants.size());
    for (long instant : instants) {
      points.add(step(instant));
    }
    watermark = newWatermark;
    return PortfolioOutcome.accepted(points);
  }

  private PortfolioPoint step(long instant) {
    double costs = 0;
    long openTime = Long.MAX_VALUE;
    for (Member m : members.values()) {
      while (!m.ahead.isEmpty() && m.ahead.peekFirst().barCloseTime() <= instant) {
        MemberBar bar = m.ahead.removeFirst();
        m.equity = bar.equity();
        m.benchmark *= 1.0 + bar.barReturn();
        m.position = bar.position();
        m.trades = bar.trades();
        costs += bar.costs();
        if (bar.barCloseTime() == instant) {
          openTime = Math.min(openTime, bar.barOpenTime());
        }
      }
    }
    double newEquity = 0;
    double newBenchmark = 0;
    double invested = 0;
    long trades = 0;
    for (Member m : members.values()) {
      newEquity += m.equity;
      newBenchmark += m.benchmark;
      invested += m.position * m.equity;
      trades += m.trades;
    }
    double strategyReturn = newEquity / equity - 1.0;
    double benchmarkReturn = newBenchmark / benchmark - 1.0;
    equity = newEquity;
    benchmark = newBenchmark;
    drawdown = drawdown.after(equity);
    double position = invested / equity;
    steps++;
    if (position != 0) {
      stepsLong++;
    }
    return new PortfolioPoint(
        openTime,
        instant,
        position,
        benchmarkReturn,
        strategyReturn,
        costs,
        equity,
        equity / startingCapital() - 1.0,
        drawdown.current(),
        drawdown.maximum(),
        steps,
        stepsLong,
        trades);
  }

  public double startingCapital() {
    return memberCapital * members.size();
  }

  public double equity() {
    return equity;
  }

  /** Instant up to which points were emitted; empty before the first. */
  public Optional<Instant> watermark() {
    return watermark == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(watermark));
  }

  // For PortfolioCodec.
  double memberCapital() {
    return memberCapital;
  }

  Map<String, Member> members() {
    return members;
  }

  long watermarkMillis() {
    return watermark;
  }

  double benchmark() {
    return benchmark;
  }

  double peak() {
    return drawdown.peak();
  }

  double maxDrawdown() {
    return drawdown.maximum();
  }

  long steps() {
    return steps;
  }

  long stepsLong() {
    return stepsLong;
  }
}
