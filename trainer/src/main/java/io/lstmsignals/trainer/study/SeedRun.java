package io.lstmsignals.trainer.study;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.trainer.eval.ForecastMetrics;

/**
 * One trained model of the study: its test forecast and strategy metrics.
 *
 * @param epochs epochs run before early stopping or the cap
 * @param seconds wall time of training
 */
public record SeedRun(
    StudyConfiguration configuration,
    long seed,
    ForecastMetrics forecast,
    PerformanceMetrics strategy,
    int epochs,
    double seconds) {}
