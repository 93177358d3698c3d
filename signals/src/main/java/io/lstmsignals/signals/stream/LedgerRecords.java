package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.FillMode;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Side;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.signals.book.MemberBar;
import io.lstmsignals.signals.book.PortfolioPoint;
import io.lstmsignals.signals.book.PositionChange;
import io.lstmsignals.signals.book.PositionDecision;
import io.lstmsignals.signals.book.PriceBar;
import io.lstmsignals.signals.book.RealizedBar;
import java.time.Instant;

/** Translation between the Avro contracts and the pure book's types, in both directions. */
final class LedgerRecords {

  private LedgerRecords() {}

  /** LONG holds the whole equity (1), FLAT none (0). */
  static PositionDecision decision(Signal signal) {
    double position = signal.getDecision() == Decision.LONG ? 1.0 : 0.0;
    return new PositionDecision(
        signal.getBarOpenTime().toEpochMilli(), position, signal.getModelVersion());
  }

  static PriceBar priceBar(Bar bar) {
    return new PriceBar(
        bar.getOpenTime().toEpochMilli(),
        bar.getCloseTime().toEpochMilli(),
        bar.getOpen(),
        bar.getClose());
  }

  static Fill fill(String symbol, PositionChange change) {
    return Fill.newBuilder()
        .setSymbol(symbol)
        .setFillTime(Instant.ofEpochMilli(change.fillTime()))
        .setSignalBarOpenTime(Instant.ofEpochMilli(change.signalBarOpenTime()))
        .setSide(change.isBuy() ? Side.BUY : Side.SELL)
        .setPositionBefore(change.positionBefore())
        .setPositionAfter(change.positionAfter())
        .setPrice(change.price())
        .setNotional(change.notional())
        .setFee(change.fee())
        .setSlippage(change.slippage())
        .setFillMode(FillMode.valueOf(change.fillConvention().name()))
        .setModelVersion(change.modelVersion())
        .build();
  }

  static PnlSnapshot snapshot(String symbol, RealizedBar bar) {
    return PnlSnapshot.newBuilder()
        .setScope(PnlScope.SYMBOL)
        .setSymbol(symbol)
        .setBarOpenTime(Instant.ofEpochMilli(bar.barOpenTime()))
        .setBarCloseTime(Instant.ofEpochMilli(bar.barCloseTime()))
        .setPosition(bar.position())
        .setBarReturn(bar.barReturn())
        .setStrategyReturn(bar.strategyReturn())
        .setCosts(bar.costs())
        .setEquity(bar.equity())
        .setCumulativeReturn(bar.cumulativeReturn())
        .setDrawdown(bar.drawdown())
        .setMaxDrawdown(bar.maxDrawdown())
        .setBarsRealized(bar.barsRealized())
        .setBarsLong(bar.barsLong())
        .setTrades(bar.trades())
        .setModelVersion(bar.modelVersion())
        .build();
  }

  static MemberBar memberBar(PnlSnapshot snapshot) {
    return new MemberBar(
        snapshot.getBarOpenTime().toEpochMilli(),
        snapshot.getBarCloseTime().toEpochMilli(),
        snapshot.getPosition(),
        snapshot.getBarReturn(),
        snapshot.getCosts(),
        snapshot.getEquity(),
        snapshot.getTrades());
  }

  /**
   * A portfolio point; its barReturn is the equal-capital buy-and-hold portfolio's return over the
   * step.
   */
  static PnlSnapshot portfolioSnapshot(String portfolioName, PortfolioPoint point) {
    return PnlSnapshot.newBuilder()
        .setScope(PnlScope.PORTFOLIO)
        .setSymbol(portfolioName)
        .setBarOpenTime(Instant.ofEpochMilli(point.barOpenTime()))
        .setBarCloseTime(Instant.ofEpochMilli(point.barCloseTime()))
        .setPosition(point.position())
        .setBarReturn(point.benchmarkReturn())
        .setStrategyReturn(point.strategyReturn())
        .setCosts(point.costs())
        .setEquity(point.equity())
        .setCumulativeReturn(point.cumulativeReturn())
        .setDrawdown(point.drawdown())
        .setMaxDrawdown(point.maxDrawdown())
        .setBarsRealized(point.steps())
        .setBarsLong(point.stepsLong())
        .setTrades(point.trades())
        .setModelVersion(null)
        .build();
  }
}
