package io.lstmsignals.signals.book;

import io.lstmsignals.performance.Drawdown;
import io.lstmsignals.performance.ReturnSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Paper-trading book of one symbol. A signal made on bar b decides the position held over bar b+1;
 * when both that signal and bar b+1 are known, bar b+1 is realized. Not thread-safe; one instance
 * per symbol, saved between inputs with {@link LedgerCodec}.
 *
 * <p><b>Returns.</b> Let q be the position held before, p the decided one, c = |p − q| · (feeBps +
 * slippageBps) / 10000 the cost rate, charged on the equity at the fill.
 *
 * <ul>
 *   <li>REFERENCE_CLOSE (the study's convention): the fill is at close(b), time closeTime(b). With
 *       R = close(b+1) / close(b) − 1, the bar's strategy return is (1 − c)(1 + p·R) − 1 = p·R −
 *       c·(1 + p·R) ({@link ReturnSeries#filledAtClose}, the one cost model the walk-forward study
 *       uses too), which is exactly the study's p·R when c = 0. The reported barReturn is R.
 *   <li>NEXT_OPEN: q is held from close(b) to open(b+1) (g = open(b+1)/close(b) − 1), the fill is
 *       at open(b+1), time openTime(b+1), and p is held to close(b+1) (R' = close(b+1)/open(b+1) −
 *       1). The strategy return over close(b) → close(b+1) is (1 + q·g)(1 − c)(1 + p·R') − 1; the
 *       reported barReturn is R'.
 * </ul>
 *
 * Equity compounds: equity ← equity · (1 + strategyReturn). Costs are only charged when the
 * position changes.
 *
 * <p><b>Arrival order.</b> Signals and bars may come in any interleaving: both wait in the book
 * until they meet, and each bar is realized exactly once, in bar order, so two interleavings of the
 * same inputs give the same realized bars. The first bar the book sees is its starting point
 * (nothing is realized on it).
 *
 * <p><b>Rejected inputs</b> (the book is left unchanged, the outcome says why): a bar that does not
 * open after the last realized bar (stale or duplicate), a second copy of a pending bar, and a
 * signal for a bar before the last realized one. A repeated signal for a bar that is still pending
 * replaces the earlier one.
 *
 * <p><b>Gaps in bars.</b> Bars come in order on their topic, so when the bar after b is missing and
 * a later bar c is known, c is the next bar: it is realized against close(b) under the position
 * decided on b, so the return spans the gap, as a real position would. Signals for bars inside the
 * gap are dropped.
 *
 * <p><b>Missing signals.</b> The scorer emits a signal for every bar, a FLAT one when it cannot
 * score, so a bar waits for its deciding signal however long the scorer takes to catch up (a fast
 * replay runs far ahead of it). Signals of a symbol arrive in bar order (one partition, one scorer
 * task), so the signal of bar b is known to be lost only when a signal of a later bar has already
 * arrived: then, and only then, the bar after b is realized flat, marked {@code signalMissing}. The
 * rule depends on the inputs alone, never on how far one topic runs ahead of the other, so every
 * interleaving realizes the same bars.
 */
public final class PaperLedger {

  private final double startingCapital;
  private PriceBar anchor;
  private double position;
  private double equity;
  private Drawdown drawdown;
  private long barsRealized;
  private long barsLong;
  private long trades;
  private final NavigableMap<Long, PriceBar> pendingBars;
  private final NavigableMap<Long, PositionDecision> pendingSignals;

  /** A fresh, flat book holding {@code startingCapital} in cash. */
  public PaperLedger(double startingCapital) {
    this(
        startingCapital,
        null,
        0,
        startingCapital,
        startingCapital,
        0,
        0,
        0,
        0,
        new TreeMap<>(),
        new TreeMap<>());
  }

  PaperLedger(
      double startingCapital,
      PriceBar anchor,
      double position,
      double equity,
      double peak,
      double maxDrawdown,
      long barsRealized,
      long barsLong,
      long trades,
      NavigableMap<Long, PriceBar> pendingBars,
      NavigableMap<Long, PositionDecision> pendingSignals) {
    if (!(startingCapital > 0)) {
      throw new IllegalArgumentException(
          "PaperLedger: startingCapital " + startingCapital + " must be > 0");
    }
    this.startingCapital = startingCapital;
    this.anchor = anchor;
    this.position = position;
    this.equity = equity;
    this.drawdown = Drawdown.restored(peak, equity, maxDrawdown);
    this.barsRealized = barsRealized;
    this.barsLong = barsLong;
    this.trades = trades;
    this.pendingBars = pendingBars;
    this.pendingSignals = pendingSignals;
  }

  /** Takes a closed bar; realizes whatever it completes. */
  public LedgerOutcome onBar(PriceBar bar, LedgerSettings settings) {
    if (anchor != null) {
      if (bar.openTime() <= anchor.openTime()) {
        return LedgerOutcome.rejected(
            "bar "
                + Instant.ofEpochMilli(bar.openTime())
                + " is not after the last realized bar "
                + Instant.ofEpochMilli(anchor.openTime())
                + ": stale or duplicate, bars are realized once and in order");
      }
      if (bar.openTime() < anchor.closeTime()) {
        return LedgerOutcome.rejected(
            "bar "
                + Instant.ofEpochMilli(bar.openTime())
                + " opens before the last "
                + "realized bar closes at "
                + Instant.ofEpochMilli(anchor.closeTime())
                + ": bars must not overlap");
      }
    }
    if (pendingBars.containsKey(bar.openTime())) {
      return LedgerOutcome.rejected(
          "bar "
              + Instant.ofEpochMilli(bar.openTime())
              + " is already waiting for its signal: duplicate bar");
    }
    if (anchor == null) {
      anchor = bar;
      pendingSignals.headMap(bar.openTime(), false).clear();
      return LedgerOutcome.accepted(drain(settings));
    }
    pendingBars.put(bar.openTime(), bar);
    return LedgerOutcome.accepted(drain(settings));
  }

  /**
   * Takes a decision made on bar {@code decision.barOpenTime()}; realizes the bar after it if it is
   * known.
   */
  public LedgerOutcome onSignal(PositionDecision decision, LedgerSettings settings) {
    if (anchor != null && decision.barOpenTime() < anchor.openTime()) {
      return LedgerOutcome.rejected(
          "signal for bar "
              + Instant.ofEpochMilli(decision.barOpenTime())
              + " comes after bar "
              + Instant.ofEpochMilli(anchor.openTime())
              + " was realized: too late, the bar it decides is already realized or before the book started");
    }
    pendingSignals.put(decision.barOpenTime(), decision);
    return LedgerOutcome.accepted(drain(settings));
  }

  private List<Realization> drain(LedgerSettings settings) {
    List<Realization> realized = new ArrayList<>();
    while (anchor != null && !pendingBars.isEmpty()) {
      PriceBar next = pendingBars.firstEntry().getValue();
      PositionDecision decision = pendingSignals.get(anchor.openTime());
      if (decision == null && pendingSignals.higherKey(anchor.openTime()) == null) {
        break;
      }
      realized.add(realize(next, decision, settings));
      pendingBars.remove(next.openTime());
      pendingSignals.headMap(next.openTime(), false).clear();
      anchor = next;
    }
    return realized;
  }

  private Realization realize(PriceBar next, PositionDecision decision, LedgerSettings settings) {
    double q = position;
    double p = decision == null ? 0.0 : decision.position();
    String modelVersion = decision == null ? null : decision.modelVersion();
    double costRate = Math.abs(p - q) * settings.costRate();
    double barReturn;
    double strategyReturn;
    double equityAtFill;
    double fillPrice;
    long fillTime;
    if (settings.fillConvention() == FillConvention.REFERENCE_CLOSE) {
      barReturn = next.close() / anchor.close() - 1.0;
      strategyReturn =
          ReturnSeries.filledAtClose(q, p, barReturn, settings.feeBps() + settings.slippageBps());
      equityAtFill = equity;
      fillPrice = anchor.close();
      fillTime = anchor.closeTime();
    } else {
      double overnight = next.open() / anchor.close() - 1.0;
      barReturn = next.close() / next.open() - 1.0;
      strategyReturn = (1.0 + q * overnight) * (1.0 - costRate) * (1.0 + p * barReturn) - 1.0;
      equityAtFill = equity * (1.0 + q * overnight);
      fillPrice = next.open();
      fillTime = next.openTime();
    }
    Optional<PositionChange> fill = Optional.empty();
    double costs = 0.0;
    if (p != q) {
      double notional = Math.abs(p - q) * equityAtFill;
      double fee = notional * settings.feeBps() / 10_000.0;
      double slippage = notional * settings.slippageBps() / 10_000.0;
      costs = fee + slippage;
      trades++;
      fill =
          Optional.of(
              new PositionChange(
                  fillTime,
                  anchor.openTime(),
                  q,
                  p,
                  fillPrice,
                  notional,
                  fee,
                  slippage,
                  settings.fillConvention(),
                  modelVersion));
    }
    equity *= 1.0 + strategyReturn;
    drawdown = drawdown.after(equity);
    barsRealized++;
    if (p != 0) {
      barsLong++;
    }
    position = p;
    RealizedBar bar =
        new RealizedBar(
            next.openTime(),
            next.closeTime(),
            p,
            barReturn,
            strategyReturn,
            costs,
            equity,
            equity / startingCapital - 1.0,
            drawdown.current(),
            drawdown.maximum(),
            barsRealized,
            barsLong,
            trades,
            modelVersion,
            decision == null);
    return new Realization(bar, fill);
  }

  public double startingCapital() {
    return startingCapital;
  }

  /** The position held now (over the last realized bar). */
  public double position() {
    return position;
  }

  public double equity() {
    return equity;
  }

  public long barsRealized() {
    return barsRealized;
  }

  /** The last realized bar (or the starting bar), empty before the first bar. */
  public Optional<PriceBar> lastBar() {
    return Optional.ofNullable(anchor);
  }

  /** Bars waiting for their deciding signal. */
  public int pendingBarCount() {
    return pendingBars.size();
  }

  /** Signals waiting for the bar they decide. */
  public int pendingSignalCount() {
    return pendingSignals.size();
  }

  // For LedgerCodec.
  double peak() {
    return drawdown.peak();
  }

  double maxDrawdown() {
    return drawdown.maximum();
  }

  long barsLong() {
    return barsLong;
  }

  long trades() {
    return trades;
  }

  Map<Long, PriceBar> pendingBars() {
    return Collections.unmodifiableMap(pendingBars);
  }

  Map<Long, PositionDecision> pendingSignals() {
    return Collections.unmodifiableMap(pendingSignals);
  }

  PriceBar anchor() {
    return anchor;
  }
}
