package io.lstmsignals.trainer.retrain;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.performance.stats.DeflatedSharpe;
import io.lstmsignals.performance.stats.ReturnMoments;
import io.lstmsignals.performance.stats.SharpeDifference;
import io.lstmsignals.performance.stats.SharpeInterval;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import io.lstmsignals.trainer.retrain.WalkForward.BarCall;
import io.lstmsignals.trainer.retrain.WalkForwardStudy.Arm;
import io.lstmsignals.trainer.retrain.WalkForwardStudy.ArmRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The walk-forward study's figures, per cost: every arm's metrics as mean ± std over its seeds, and
 * the statistics of its seed blend (the equal-weight average of its seeds' returns on each bar, one
 * strategy): the Sharpe's stationary-bootstrap 95 % interval and the paired Sharpe differences
 * against buy-and-hold and against the frozen arm on the same bars, with their p-values; and the
 * deflated Sharpe of the best arm given how many arms were tried. The baselines share the bars:
 * naive (the next close is the last close) for the point error, buy-and-hold for the strategy. An
 * arm's point errors are over the bars its models scored (a bar after a failed first training, or
 * with a gap in its window, is held flat and not scored).
 */
public final class WalkForwardEvaluation {

  /** The metrics of the table, in its order. */
  public static final List<String> METRICS =
      List.of(
          "mae",
          "rmse",
          "mape",
          "directional_accuracy",
          "cumulative_return",
          "sharpe",
          "sortino",
          "max_drawdown",
          "exposure",
          "trades");

  /**
   * What the bars of one run come to: the call on bar b is the position over bar b + 1.
   *
   * @param times open time of each held bar (b + 1), epoch ms
   * @param marketReturns close(b+1)/close(b) − 1
   * @param scored which held bars a model scored (the point forecasts exist for those)
   * @param predicted the predicted close of b + 1 (NaN where not scored)
   * @param actual close(b+1)
   * @param reference close(b)
   */
  public record Path(
      long[] times,
      double[] positions,
      double[] marketReturns,
      boolean[] scored,
      double[] predicted,
      double[] actual,
      double[] reference) {

    /** The long/flat series with {@code costBps} per position change. */
    public ReturnSeries strategy(double costBps) {
      return ReturnSeries.longFlat(times, positions, marketReturns, costBps);
    }

    /** Buy-and-hold over the same bars: one purchase at the start, charged {@code costBps}. */
    public ReturnSeries buyAndHold(double costBps) {
      double[] ones = new double[times.length];
      Arrays.fill(ones, 1.0);
      return ReturnSeries.longFlat(times, ones, marketReturns, costBps);
    }

    /** The point forecasts' errors over the scored bars; empty when none was scored. */
    public Optional<ForecastMetrics> forecast() {
      return forecast(predicted);
    }

    /**
     * The naive forecast's errors over every held bar (it needs no model): the next close is the
     * last close; empty when no bar is held.
     */
    public Optional<ForecastMetrics> naive() {
      return times.length == 0
          ? Optional.empty()
          : Optional.of(ForecastMetrics.of(actual, reference, reference));
    }

    private Optional<ForecastMetrics> forecast(double[] forecasts) {
      int n = 0;
      for (boolean s : scored) {
        n += s ? 1 : 0;
      }
      if (n == 0) {
        return Optional.empty();
      }
      double[] a = new double[n];
      double[] p = new double[n];
      double[] r = new double[n];
      int j = 0;
      for (int i = 0; i < scored.length; i++) {
        if (scored[i]) {
          a[j] = actual[i];
          p[j] = forecasts[i];
          r[j] = reference[i];
          j++;
        }
      }
      return Optional.of(ForecastMetrics.of(a, p, r));
    }
  }

  /** The held bars of a run's calls, in order (a call with no next bar holds nothing). */
  public static Path path(List<BarCall> calls) {
    int n = Math.max(0, calls.size() - 1);
    long[] times = new long[n];
    double[] positions = new double[n];
    double[] returns = new double[n];
    boolean[] scored = new boolean[n];
    double[] predicted = new double[n];
    double[] actual = new double[n];
    double[] reference = new double[n];
    for (int i = 0; i < n; i++) {
      BarCall call = calls.get(i);
      BarCall next = calls.get(i + 1);
      times[i] = next.barOpen().toEpochMilli();
      positions[i] = call.isLong() ? 1 : 0;
      returns[i] = next.referenceClose() / call.referenceClose() - 1;
      scored[i] = call.predictedLogReturn() != null;
      predicted[i] =
          scored[i]
              ? DecisionRule.predictedClose(call.referenceClose(), call.predictedLogReturn())
              : Double.NaN;
      actual[i] = next.referenceClose();
      reference[i] = call.referenceClose();
    }
    return new Path(times, positions, returns, scored, predicted, actual, reference);
  }

  /**
   * One row of the table.
   *
   * @param perSeed each metric's value per seed (absent where undefined for a seed)
   * @param blend the seed blend's returns, bar by bar
   * @param sharpe the blend's Sharpe interval; empty when undefined (an arm never long)
   * @param vsHold the blend's Sharpe minus buy-and-hold's; empty when undefined
   * @param vsFrozen the blend's Sharpe minus the frozen arm's blend; empty for frozen itself
   * @param retrains mean challengers trained per seed
   */
  public record Row(
      String label,
      Map<String, double[]> perSeed,
      double[] blend,
      Optional<SharpeInterval> sharpe,
      Optional<SharpeDifference> vsHold,
      Optional<SharpeDifference> vsFrozen,
      double retrains,
      double promoted) {

    /** Mean of a metric over the seeds where it is defined. */
    public OptionalDouble mean(String metric) {
      double[] values = perSeed.getOrDefault(metric, new double[0]);
      return values.length == 0 ? OptionalDouble.empty() : Arrays.stream(values).average();
    }

    /** Sample standard deviation over the seeds (0 for one seed). */
    public OptionalDouble std(String metric) {
      double[] values = perSeed.getOrDefault(metric, new double[0]);
      if (values.length == 0) {
        return OptionalDouble.empty();
      }
      if (values.length == 1) {
        return OptionalDouble.of(0);
      }
      double mean = Arrays.stream(values).average().orElseThrow();
      double sum = 0;
      for (double v : values) {
        sum += (v - mean) * (v - mean);
      }
      return OptionalDouble.of(Math.sqrt(sum / (values.length - 1)));
    }

    /** The blend's equity after each bar (start = 1). */
    public double[] equity(long[] times) {
      return ReturnSeries.startingFlat(times, new double[times.length], blend).equityCurve();
    }
  }

  /**
   * The table at one cost.
   *
   * @param arms one row per arm, in the grid's order
   * @param naive the naive forecast's point errors (no strategy figures)
   * @param buyAndHold buy-and-hold's figures (no point errors)
   * @param deflated the deflated Sharpe of the arm with the best blend Sharpe, over every arm
   *     tried; empty when fewer than two arms have a defined Sharpe
   * @param best the label of that arm
   */
  public record Table(
      double costBps,
      long[] times,
      List<Row> arms,
      Row naive,
      Row buyAndHold,
      Optional<DeflatedSharpe> deflated,
      Optional<String> best) {}

  private WalkForwardEvaluation() {}

  /** The tables of a study, one per cost, with the bootstrap's standard settings. */
  public static List<Table> evaluate(WalkForwardStudy.Result result, List<Double> costsBps) {
    StationaryBootstrap bootstrap = StationaryBootstrap.standard();
    List<Table> tables = new ArrayList<>();
    for (double cost : costsBps) {
      tables.add(table(result, cost, bootstrap));
    }
    return tables;
  }

  private static Table table(
      WalkForwardStudy.Result result, double cost, StationaryBootstrap bootstrap) {
    int year = PerformanceMetrics.PERIODS_PER_YEAR_4H;
    List<Arm> arms = result.grid().arms();
    Path reference = path(result.runs().get(Arm.FROZEN).getFirst().calls());
    long[] times = reference.times();
    double[] hold = reference.buyAndHold(cost).returns();
    Map<String, double[]> holdFigures = new LinkedHashMap<>();
    strategyFigures(holdFigures, List.of(PerformanceMetrics.of4h(reference.buyAndHold(cost))));
    Optional<SharpeInterval> holdSharpe = interval(bootstrap, hold, year);
    Row holdRow =
        new Row(
            "buy and hold",
            holdFigures,
            hold,
            holdSharpe,
            Optional.empty(),
            Optional.empty(),
            0,
            0);
    Map<String, double[]> naiveFigures = new LinkedHashMap<>();
    forecastFigures(naiveFigures, reference.naive().stream().toList());
    Row naiveRow =
        new Row(
            "naive (last close)",
            naiveFigures,
            new double[times.length],
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            0);

    double[] frozenBlend = null;
    List<Row> rows = new ArrayList<>();
    for (Arm arm : arms) {
      List<ArmRun> runs = result.runs().get(arm);
      List<ForecastMetrics> forecasts = new ArrayList<>();
      List<PerformanceMetrics> strategies = new ArrayList<>();
      double[] blend = new double[times.length];
      for (ArmRun run : runs) {
        Path path = path(run.calls());
        if (!Arrays.equals(path.times(), times)) {
          throw new IllegalStateException(
              "Arm " + arm.label() + " seed " + run.seed() + " decided other bars than frozen");
        }
        path.forecast().ifPresent(forecasts::add);
        ReturnSeries strategy = path.strategy(cost);
        strategies.add(PerformanceMetrics.of4h(strategy));
        double[] r = strategy.returns();
        for (int i = 0; i < blend.length; i++) {
          blend[i] += r[i] / runs.size();
        }
      }
      Map<String, double[]> figures = new LinkedHashMap<>();
      forecastFigures(figures, forecasts);
      strategyFigures(figures, strategies);
      if (arm.frozen()) {
        frozenBlend = blend;
      }
      Optional<SharpeInterval> sharpe = interval(bootstrap, blend, year);
      Optional<SharpeDifference> vsHold = difference(bootstrap, blend, hold, year);
      Optional<SharpeDifference> vsFrozen =
          arm.frozen() ? Optional.empty() : difference(bootstrap, blend, frozenBlend, year);
      rows.add(
          new Row(
              arm.label(),
              figures,
              blend,
              sharpe,
              vsHold,
              vsFrozen,
              runs.stream().mapToInt(ArmRun::retrains).average().orElse(0),
              runs.stream().mapToInt(ArmRun::promoted).average().orElse(0)));
    }
    Optional<DeflatedSharpe> deflated = Optional.empty();
    Optional<String> best = Optional.empty();
    List<Row> defined =
        rows.stream().filter(r -> ReturnMoments.of(r.blend()).perBarSharpe().isPresent()).toList();
    if (defined.size() >= 2) {
      double[] sharpes =
          defined.stream()
              .mapToDouble(r -> ReturnMoments.of(r.blend()).perBarSharpe().getAsDouble())
              .toArray();
      double mean = Arrays.stream(sharpes).average().orElseThrow();
      double variance = 0;
      int bestIndex = 0;
      for (int i = 0; i < sharpes.length; i++) {
        variance += (sharpes[i] - mean) * (sharpes[i] - mean);
        if (sharpes[i] > sharpes[bestIndex]) {
          bestIndex = i;
        }
      }
      variance /= sharpes.length - 1;
      deflated =
          Optional.of(DeflatedSharpe.of(defined.get(bestIndex).blend(), rows.size(), variance));
      best = Optional.of(defined.get(bestIndex).label());
    }
    return new Table(cost, times, rows, naiveRow, holdRow, deflated, best);
  }

  private static Optional<SharpeInterval> interval(
      StationaryBootstrap bootstrap, double[] returns, int year) {
    return ReturnMoments.of(returns).perBarSharpe().isPresent()
        ? Optional.of(bootstrap.sharpe(returns, year))
        : Optional.empty();
  }

  private static Optional<SharpeDifference> difference(
      StationaryBootstrap bootstrap, double[] a, double[] b, int year) {
    return ReturnMoments.of(a).perBarSharpe().isPresent()
            && ReturnMoments.of(b).perBarSharpe().isPresent()
        ? Optional.of(bootstrap.difference(a, b, year))
        : Optional.empty();
  }

  private static void forecastFigures(Map<String, double[]> into, List<ForecastMetrics> runs) {
    into.put("mae", runs.stream().mapToDouble(ForecastMetrics::mae).toArray());
    into.put("rmse", runs.stream().mapToDouble(ForecastMetrics::rmse).toArray());
    into.put("mape", runs.stream().mapToDouble(ForecastMetrics::mape).toArray());
    into.put(
        "directional_accuracy",
        runs.stream()
            .map(ForecastMetrics::directionalAccuracy)
            .filter(OptionalDouble::isPresent)
            .mapToDouble(OptionalDouble::getAsDouble)
            .toArray());
  }

  private static void strategyFigures(Map<String, double[]> into, List<PerformanceMetrics> runs) {
    into.put(
        "cumulative_return",
        runs.stream().mapToDouble(PerformanceMetrics::cumulativeReturn).toArray());
    into.put("sharpe", defined(runs.stream().map(PerformanceMetrics::sharpe).toList()));
    into.put("sortino", defined(runs.stream().map(PerformanceMetrics::sortino).toList()));
    into.put("max_drawdown", runs.stream().mapToDouble(PerformanceMetrics::maxDrawdown).toArray());
    into.put("exposure", runs.stream().mapToDouble(PerformanceMetrics::exposure).toArray());
    into.put("trades", runs.stream().mapToDouble(PerformanceMetrics::trades).toArray());
  }

  private static double[] defined(List<OptionalDouble> values) {
    return values.stream()
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .toArray();
  }
}
