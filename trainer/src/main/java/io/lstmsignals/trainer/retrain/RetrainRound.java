package io.lstmsignals.trainer.retrain;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.trainer.artifact.ModelTraining;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.data.BarDataException;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.ForecastMetrics;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.ModelCard;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One scheduled decision, the same for the retrainer service and the offline walk-forward: train a
 * challenger on the policy's window before the boundary (the study's protocol inside it), score it
 * and the champion on the same bars — the challenger's test bars that are also out-of-sample for
 * the champion — and put the challenger in force only if it beats the champion on the gate's metric
 * by its margin. A challenger that cannot be trained (too few bars, a gap, divergence, a failed
 * export check) leaves the champion in force and says why.
 */
public final class RetrainRound {

  private RetrainRound() {}

  /**
   * Decides the boundary.
   *
   * @param history every valid bar of the line's symbol known so far (only those before {@code
   *     boundary} are used)
   * @param badBars records of the symbol that break a bar rule, by open time, with the reason: a
   *     window holding one is not trained on
   * @param champion the version in force before the boundary, if any
   */
  public static RetrainDecision decide(
      RetrainPolicy policy,
      BarSeries history,
      NavigableMap<Instant, String> badBars,
      Instant boundary,
      Optional<Champion> champion,
      Trainer trainer,
      TrainingListener listener) {
    Instant effectiveFrom = policy.effectiveFrom(boundary);
    Instant validUntil = policy.effectiveFrom(policy.next(boundary));
    BarSeries window = policy.trainingWindow(history, boundary);
    Instant trainedFrom = window.size() == 0 ? null : window.bar(0).openTime();
    Instant trainedTo = window.size() == 0 ? null : window.bar(window.size() - 1).openTime();
    long started = System.nanoTime();
    Map.Entry<Instant, String> bad =
        badBars.subMap(policy.windowStart(boundary), true, boundary, false).firstEntry();
    TrainedModel challenger;
    try {
      if (bad != null) {
        throw new BarDataException(
            "the bar opening at " + bad.getKey() + " breaks a bar rule: " + bad.getValue());
      }
      challenger =
          ModelTraining.train(
              trainer,
              window,
              policy.training(),
              new ModelTraining.Identity(
                  policy.line(),
                  null,
                  policy.symbol(),
                  policy.dataSource(),
                  champion.map(Champion::version).orElse(null)),
              listener);
    } catch (BarDataException | IllegalStateException | IllegalArgumentException e) {
      return new RetrainDecision(
          policy,
          boundary,
          effectiveFrom,
          validUntil,
          RetrainDecision.Outcome.FAILED,
          Optional.empty(),
          champion,
          trainedFrom,
          trainedTo,
          null,
          null,
          Map.of(),
          Map.of(),
          "training on "
              + window.size()
              + " bars before "
              + boundary
              + " failed: "
              + e.getMessage(),
          seconds(started));
    }
    double trainingSeconds = seconds(started);
    if (champion.isEmpty() || !policy.gate()) {
      TestEvaluation test = challenger.test();
      return new RetrainDecision(
          policy,
          boundary,
          effectiveFrom,
          validUntil,
          RetrainDecision.Outcome.PROMOTED,
          Optional.of(challenger),
          champion,
          trainedFrom,
          trainedTo,
          test.rows().getFirst().targetTime(),
          test.rows().getLast().targetTime(),
          figures(test),
          Map.of(),
          champion.isEmpty()
              ? "the line's first model (" + figuresLine(test) + " on its test bars)"
              : "gate off: every trained challenger is put in force",
          trainingSeconds);
    }
    StudyDataset data = challenger.dataset();
    RowRange gate = gateRows(data, champion.get().lastBarSeen());
    if (gate.size() == 0) {
      return new RetrainDecision(
          policy,
          boundary,
          effectiveFrom,
          validUntil,
          RetrainDecision.Outcome.REJECTED,
          Optional.of(challenger),
          champion,
          trainedFrom,
          trainedTo,
          null,
          null,
          figures(challenger.test()),
          Map.of(),
          "no test bar of the challenger is out-of-sample for champion "
              + champion.get().version()
              + " (it saw bars up to "
              + champion.get().lastBarSeen()
              + "): nothing to compare on, the champion stays",
          trainingSeconds);
    }
    int skipped = gate.from() - data.testRows().from();
    TestEvaluation challengerOnGate =
        TestEvaluation.of(
            challenger.test().rows().subList(skipped, challenger.test().rows().size()));
    TestEvaluation championOnGate;
    try (OnnxArtifactPredictor predictor = new OnnxArtifactPredictor(champion.get().onnx())) {
      championOnGate = TestEvaluation.of(data, gate, predictor.predictRows(data, gate));
    }
    GateCriterion criterion = policy.criterion();
    OptionalDouble challengerFigure = criterion.value(challengerOnGate);
    OptionalDouble championFigure = criterion.value(championOnGate);
    boolean promoted = criterion.beats(challengerFigure, championFigure, policy.margin());
    String comparison =
        String.format(
            Locale.ROOT,
            "challenger %s %s %s champion %s %s (margin %s) on %d bars %s..%s",
            criterion.id(),
            PerformanceMetrics.format(challengerFigure),
            promoted ? "beats" : "does not beat",
            champion.get().version(),
            PerformanceMetrics.format(championFigure),
            policy.margin(),
            gate.size(),
            data.targetTime(gate.from()),
            data.targetTime(gate.to() - 1));
    return new RetrainDecision(
        policy,
        boundary,
        effectiveFrom,
        validUntil,
        promoted ? RetrainDecision.Outcome.PROMOTED : RetrainDecision.Outcome.REJECTED,
        Optional.of(challenger),
        champion,
        trainedFrom,
        trainedTo,
        data.targetTime(gate.from()),
        data.targetTime(gate.to() - 1),
        figures(challengerOnGate),
        figures(championOnGate),
        comparison,
        trainingSeconds);
  }

  /** The challenger's test rows whose predicted bar the champion never saw. */
  static RowRange gateRows(StudyDataset data, Instant championSawUntil) {
    RowRange test = data.testRows();
    int from = test.from();
    while (from < test.to() && !data.targetTime(from).isAfter(championSawUntil)) {
      from++;
    }
    return new RowRange(from, Math.max(from, test.to()));
  }

  /** The study's figures of an evaluation, the defined ones (no costs). */
  static Map<String, Double> figures(TestEvaluation evaluation) {
    Map<String, Double> figures = new LinkedHashMap<>();
    ForecastMetrics forecast = evaluation.forecast();
    PerformanceMetrics strategy = evaluation.strategyMetrics();
    figures.put("rows", (double) forecast.rows());
    figures.put("mae", forecast.mae());
    figures.put("rmse", forecast.rmse());
    figures.put("mape", forecast.mape());
    forecast.directionalAccuracy().ifPresent(v -> figures.put("directional_accuracy", v));
    figures.put("cumulative_return", strategy.cumulativeReturn());
    strategy.sharpe().ifPresent(v -> figures.put("sharpe", v));
    strategy.sortino().ifPresent(v -> figures.put("sortino", v));
    figures.put("max_drawdown", strategy.maxDrawdown());
    figures.put("exposure", strategy.exposure());
    figures.put("trades", (double) strategy.trades());
    figures.put(
        "buy_and_hold_cumulative_return", evaluation.buyAndHoldMetrics().cumulativeReturn());
    return figures;
  }

  private static String figuresLine(TestEvaluation test) {
    return String.format(
        Locale.ROOT,
        "MAE %.2f, Sharpe %s",
        test.forecast().mae(),
        PerformanceMetrics.format(test.strategyMetrics().sharpe()));
  }

  /** The lifecycle's view of a trained model released on {@code policy}'s line. */
  static Release releaseOf(RetrainPolicy policy, TrainedModel model, ModelCard card) {
    return new Release(
        policy.line(),
        model.version(),
        model.sha256(),
        List.of(policy.symbol()),
        policy.training().windowBars(),
        BarInterval.of(policy.interval()),
        card.get(ModelCardKeys.TRAINED_TO).map(Instant::parse).orElse(null),
        card.get(ModelCardKeys.VALIDATED_TO).map(Instant::parse).orElse(null),
        card.get(ModelCardKeys.PARENT_VERSION).orElse(null));
  }

  /** The newest bar a trained model saw (its last validation bar). */
  public static Instant lastBarSeen(TrainedModel model) {
    return model.card().get(ModelCardKeys.VALIDATED_TO).map(Instant::parse).orElseThrow();
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
