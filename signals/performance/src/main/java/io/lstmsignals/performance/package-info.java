/**
 * Pure performance measurement shared by the trainer and the P&amp;L processor: {@link
 * io.lstmsignals.performance.ReturnSeries} (per-bar positions and strategy returns), {@link
 * io.lstmsignals.performance.PerformanceMetrics} (the reference study's cumulative return and
 * Sharpe, plus Sortino, drawdown, Calmar, trades, exposure and win rate) and {@link
 * io.lstmsignals.performance.LineChart} (a standalone SVG line chart). Only {@code java.*}: no
 * Kafka, no Avro.
 */
package io.lstmsignals.performance;
