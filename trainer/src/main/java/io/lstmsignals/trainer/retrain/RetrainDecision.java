package io.lstmsignals.trainer.retrain;

import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.export.ModelCard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One scheduled decision of a line: what was trained, how both models did on the same bars, and
 * what is in force from {@code effectiveFrom} to {@code validUntil}.
 *
 * @param challenger the challenger trained at this boundary, if training succeeded
 * @param champion the version in force before, if any
 * @param trainedFrom open time of the first bar of the training window; null if it was empty
 * @param trainedTo open time of its last bar; null if it was empty
 * @param gateFrom open time of the first predicted bar both were scored on; null when not compared
 * @param gateTo open time of the last one; null when not compared
 * @param challengerMetrics the challenger's figures on the gate bars (or its test rows for a first
 *     model)
 * @param championMetrics the champion's on the same bars; empty when not compared
 * @param trainingSeconds wall-clock seconds of the training (not part of any parity)
 */
public record RetrainDecision(
    RetrainPolicy policy,
    Instant boundary,
    Instant effectiveFrom,
    Instant validUntil,
    Outcome outcome,
    Optional<TrainedModel> challenger,
    Optional<Champion> champion,
    Instant trainedFrom,
    Instant trainedTo,
    Instant gateFrom,
    Instant gateTo,
    Map<String, Double> challengerMetrics,
    Map<String, Double> championMetrics,
    String reason,
    double trainingSeconds) {

  /** What a decision came to (the Avro {@code RetrainOutcome}). */
  public enum Outcome {
    /** The challenger (or a line's first model) is put in force. */
    PROMOTED,
    /** The challenger lost the gate; the champion stays. */
    REJECTED,
    /** No challenger could be trained; the champion, if any, stays. */
    FAILED
  }

  public RetrainDecision {
    challengerMetrics = Map.copyOf(challengerMetrics);
    championMetrics = Map.copyOf(championMetrics);
  }

  /** The version in force from {@code effectiveFrom}; empty when none is. */
  public Optional<String> versionInForce() {
    return outcome == Outcome.PROMOTED
        ? challenger.map(TrainedModel::version)
        : champion.map(Champion::version);
  }

  /** The id of the decision in its line's promotions and events: the boundary. */
  public String id() {
    return boundary.toString();
  }

  /**
   * The promotion that carries the decision: PROMOTE the challenger, KEEP the champion, or — a line
   * with no model yet whose training failed — RETIRE until the next decision.
   */
  public Promotion promotion(Instant decidedAt, String actor) {
    String line = policy.line();
    if (outcome == Outcome.PROMOTED) {
      TrainedModel model = challenger.orElseThrow();
      return new Promotion(
          line,
          Promotion.Action.PROMOTE,
          model.version(),
          model.sha256(),
          effectiveFrom,
          validUntil,
          List.of(),
          OptionalInt.empty(),
          decidedAt,
          actor,
          reason);
    }
    if (champion.isPresent()) {
      return new Promotion(
          line,
          Promotion.Action.KEEP,
          champion.get().version(),
          champion.get().sha256(),
          effectiveFrom,
          validUntil,
          List.of(),
          OptionalInt.empty(),
          decidedAt,
          actor,
          reason);
    }
    return new Promotion(
        line,
        Promotion.Action.RETIRE,
        null,
        null,
        effectiveFrom,
        validUntil,
        List.of(),
        OptionalInt.empty(),
        decidedAt,
        actor,
        "no model yet: " + reason);
  }

  /** The release of the challenger put in force, if one was. */
  public Optional<Release> release() {
    if (outcome != Outcome.PROMOTED) {
      return Optional.empty();
    }
    ModelCard card = challenger.orElseThrow().card();
    return Optional.of(RetrainRound.releaseOf(policy, challenger.get(), card));
  }
}
