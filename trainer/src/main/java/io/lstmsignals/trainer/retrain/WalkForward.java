package io.lstmsignals.trainer.retrain;

import io.lstmsignals.schemas.contract.DecisionRule;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.OhlcvBar;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The retrainer's offline twin: the same schedule, windows, gate and seeds over a bar series, then
 * every bar decided as a scorer decides it — routed through the same {@link ModelLines} rule, with
 * the version in force for the bar's time, run alone through ONNX Runtime, the study's rule
 * applied. A replay of the series through the pipeline with the retrainer on gives the same
 * releases and the same signal for every bar.
 */
public final class WalkForward {

  /**
   * How a scorer decides one bar, as its signal says it.
   *
   * @param reason null for LONG, else the FLAT reason (the Avro {@code FlatReason} name)
   * @param line the line that decided the bar; null when none serves it
   * @param version the version that scored (or would have scored) it; null when none
   * @param predictedLogReturn the model's output; null when the model did not score
   */
  public record BarCall(
      Instant barOpen,
      boolean isLong,
      String reason,
      String line,
      String version,
      Double predictedLogReturn,
      double referenceClose) {}

  /** The decisions, in boundary order, and every bar's call, in bar order. */
  public record Result(
      RetrainPolicy policy,
      List<RetrainDecision> decisions,
      List<BarCall> bars,
      Map<String, TrainedModel> promoted) {}

  /** What a running walk-forward reports: a decision made, with its index among the boundaries. */
  public interface Progress {
    void onDecision(int index, int boundaries, RetrainDecision decision);
  }

  private WalkForward() {}

  /** The boundaries a series reaches, oldest first. */
  public static List<Instant> boundaries(RetrainPolicy policy, BarSeries bars) {
    List<Instant> boundaries = new ArrayList<>();
    if (bars.size() == 0) {
      return boundaries;
    }
    Instant newest = bars.bar(bars.size() - 1).openTime();
    for (Instant b = policy.firstBoundary(bars.bar(0).openTime());
        policy.reached(b, newest);
        b = policy.next(b)) {
      boundaries.add(b);
    }
    return boundaries;
  }

  /** Runs the schedule over {@code bars}, then decides every bar. */
  public static Result run(
      RetrainPolicy policy,
      BarSeries bars,
      Trainer trainer,
      TrainingListener training,
      Progress progress) {
    ModelLines lines = ModelLines.empty().withPromotion(schedule(policy));
    Map<String, TrainedModel> promoted = new HashMap<>();
    List<RetrainDecision> decisions = new ArrayList<>();
    List<Instant> boundaries = boundaries(policy, bars);
    for (int i = 0; i < boundaries.size(); i++) {
      Instant boundary = boundaries.get(i);
      Optional<Champion> champion =
          championRelease(policy, lines, boundary)
              .map(
                  release -> {
                    TrainedModel model = promoted.get(release.version());
                    return new Champion(
                        release.version(),
                        release.sha256(),
                        model.onnx(),
                        RetrainRound.lastBarSeen(model));
                  });
      RetrainDecision decision =
          RetrainRound.decide(
              policy, bars, new java.util.TreeMap<>(), boundary, champion, trainer, training);
      if (decision.outcome() == RetrainDecision.Outcome.PROMOTED) {
        TrainedModel model = decision.challenger().orElseThrow();
        promoted.put(model.version(), model);
        lines = lines.withRelease(decision.release().orElseThrow());
      }
      lines = lines.withPromotion(decision.promotion(boundary, "walkforward"));
      decisions.add(decision);
      progress.onDecision(i, boundaries.size(), decision);
    }
    return new Result(
        policy, decisions, decide(policy, bars, lines, promoted), Map.copyOf(promoted));
  }

  /** The declaration a retrainer writes for its line before its first decision. */
  public static Promotion schedule(RetrainPolicy policy) {
    return Promotion.schedule(
        policy.line(), List.of(policy.symbol()), Instant.EPOCH, "retrainer", policy.describe());
  }

  /**
   * The release of the champion at a boundary: the version in force for the last bar before the
   * boundary's decision applies, as the lines stand. The retrainer service asks the same.
   */
  public static Optional<Release> championRelease(
      RetrainPolicy policy, ModelLines lines, Instant boundary) {
    Instant lastBefore = policy.effectiveFrom(boundary).minus(policy.interval());
    return lines
        .deciding(policy.line(), lastBefore)
        .filter(p -> p.action().servesAVersion())
        .flatMap(p -> lines.release(policy.line(), p.version()));
  }

  private static List<BarCall> decide(
      RetrainPolicy policy, BarSeries bars, ModelLines lines, Map<String, TrainedModel> promoted) {
    List<BarCall> calls = new ArrayList<>(bars.size());
    Map<String, OnnxArtifactPredictor> predictors = new HashMap<>();
    int runStart = 0;
    try {
      for (int i = 0; i < bars.size(); i++) {
        OhlcvBar bar = bars.bar(i);
        if (i > 0 && !bars.bar(i - 1).openTime().plus(policy.interval()).equals(bar.openTime())) {
          runStart = i;
        }
        BarCall call = decideBar(policy, bars, i, runStart, lines, promoted, predictors);
        if (call == null) {
          break; // waits for a decision the series does not reach
        }
        calls.add(call);
      }
    } finally {
      predictors.values().forEach(OnnxArtifactPredictor::close);
    }
    return calls;
  }

  private static BarCall decideBar(
      RetrainPolicy policy,
      BarSeries bars,
      int i,
      int runStart,
      ModelLines lines,
      Map<String, TrainedModel> promoted,
      Map<String, OnnxArtifactPredictor> predictors) {
    OhlcvBar bar = bars.bar(i);
    Instant open = bar.openTime();
    double close = bar.close();
    return switch (lines.resolve(policy.symbol(), open)) {
      case ModelLines.NoLine none ->
          new BarCall(open, false, "NO_MODEL_FOR_SYMBOL", null, null, null, close);
      case ModelLines.BeforeFirst first ->
          new BarCall(open, false, "BEFORE_FIRST_MODEL", first.line(), null, null, close);
      case ModelLines.Wait wait -> null;
      case ModelLines.Serve serve -> {
        String version = serve.release().version();
        if (serve.expiredAt(open.plus(policy.interval()), policy.interval())) {
          yield new BarCall(open, false, "MODEL_EXPIRED", serve.line(), version, null, close);
        }
        int needed = serve.release().windowBars() + 1;
        if (i - runStart + 1 < needed) {
          String reason = runStart == 0 ? "WARMING_UP" : "GAP_IN_WINDOW";
          yield new BarCall(open, false, reason, serve.line(), version, null, close);
        }
        OnnxArtifactPredictor predictor =
            predictors.computeIfAbsent(
                ModelVersions.releaseKey(serve.line(), version),
                key -> new OnnxArtifactPredictor(promoted.get(version).onnx()));
        double predicted = predictor.predictOne(window(bars, i - needed + 1, needed));
        if (!Double.isFinite(predicted)) {
          yield new BarCall(open, false, "SCORING_FAILED", serve.line(), version, null, close);
        }
        boolean isLong = DecisionRule.isLong(close, DecisionRule.predictedClose(close, predicted));
        yield new BarCall(
            open,
            isLong,
            isLong ? null : "PREDICTED_NOT_UP",
            serve.line(),
            version,
            predicted,
            close);
      }
    };
  }

  private static float[] window(BarSeries bars, int from, int count) {
    float[] window = new float[count * ModelInput.FIELDS];
    for (int j = 0; j < count; j++) {
      OhlcvBar bar = bars.bar(from + j);
      ModelInput.put(window, j, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
    return window;
  }

  /** Convenience for callers that log each decision. */
  public static Progress logging(Consumer<String> out) {
    return (index, total, decision) ->
        out.accept(
            String.format(
                "decision %d/%d at %s: %s %s (%s)",
                index + 1,
                total,
                decision.boundary(),
                decision.outcome(),
                decision.versionInForce().orElse("-"),
                decision.reason()));
  }
}
