package io.lstmsignals.trainer.study;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.performance.stats.SharpeDifference;
import io.lstmsignals.performance.stats.SharpeInterval;
import io.lstmsignals.performance.stats.SharpeStandardError;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import java.util.Optional;

/**
 * One trained model of the study: its test forecast and strategy metrics, and how sure its Sharpe
 * ratio is.
 *
 * @param epochs epochs run before early stopping or the cap
 * @param seconds wall time of training
 * @param sharpeInterval the strategy Sharpe's bootstrap 95 % interval; empty when undefined
 * @param versusBuyAndHold the paired bootstrap of Sharpe − buy-and-hold's on the test bars
 * @param sharpeError the per-bar Sharpe and its standard errors
 */
public record SeedRun(
    StudyConfiguration configuration,
    long seed,
    ForecastMetrics forecast,
    PerformanceMetrics strategy,
    int epochs,
    double seconds,
    Optional<SharpeInterval> sharpeInterval,
    Optional<SharpeDifference> versusBuyAndHold,
    Optional<SharpeStandardError> sharpeError) {

  /** Measures a run's strategy against buy-and-hold over the same test bars. */
  public static SeedRun measured(
      StudyConfiguration configuration,
      long seed,
      ForecastMetrics forecast,
      ReturnSeries strategy,
      ReturnSeries buyAndHold,
      int epochs,
      double seconds) {
    PerformanceMetrics metrics = PerformanceMetrics.of4h(strategy);
    boolean defined = metrics.sharpe().isPresent();
    StationaryBootstrap bootstrap = StationaryBootstrap.standard();
    int periods = PerformanceMetrics.PERIODS_PER_YEAR_4H;
    double[] returns = strategy.returns();
    return new SeedRun(
        configuration,
        seed,
        forecast,
        metrics,
        epochs,
        seconds,
        defined ? Optional.of(bootstrap.sharpe(returns, periods)) : Optional.empty(),
        defined
            ? Optional.of(bootstrap.difference(returns, buyAndHold.returns(), periods))
            : Optional.empty(),
        defined ? Optional.of(SharpeStandardError.of(returns)) : Optional.empty());
  }
}
