/**
 * Pure performance measurement shared by the trainer and the P&amp;L processor: {@link
 * io.lstmsignals.performance.ReturnSeries} (per-bar positions, strategy returns and trades) and
 * {@link io.lstmsignals.performance.PerformanceMetrics} (the reference study's cumulative return
 * and Sharpe, plus Sortino, drawdown, Calmar, trades, exposure and win rate). How sure a Sharpe
 * ratio is lives in {@code stats}, the charts in {@code chart}. Only {@code java.*} here and in
 * {@code stats}: no Kafka, no Avro.
 */
package io.lstmsignals.performance;
