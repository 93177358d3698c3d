package io.lstmsignals.trainer.retrainer;

import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.RetrainOutcome;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.retrain.Champion;
import io.lstmsignals.trainer.retrain.RetrainDecision;
import java.time.Instant;

/** A retrain decision as the model-events topic records it. */
final class ModelEvents {

  private ModelEvents() {}

  static ModelEvent of(RetrainDecision decision, Instant decidedAt, String actor) {
    return ModelEvent.newBuilder()
        .setModelLine(decision.policy().line())
        .setSymbol(decision.policy().symbol())
        .setBoundary(decision.boundary())
        .setOutcome(RetrainOutcome.valueOf(decision.outcome().name()))
        .setEffectiveFrom(decision.effectiveFrom())
        .setValidUntil(decision.validUntil())
        .setVersionInForce(decision.versionInForce().orElse(null))
        .setChallengerVersion(decision.challenger().map(TrainedModel::version).orElse(null))
        .setChallengerSha256(decision.challenger().map(TrainedModel::sha256).orElse(null))
        .setChampionVersion(decision.champion().map(Champion::version).orElse(null))
        .setTrainedFrom(decision.trainedFrom())
        .setTrainedTo(decision.trainedTo())
        .setGateFrom(decision.gateFrom())
        .setGateTo(decision.gateTo())
        .setCriterion(
            decision.policy().gate()
                ? decision.policy().criterion().describe(decision.policy().margin())
                : "gate off")
        .setChallengerMetrics(decision.challengerMetrics())
        .setChampionMetrics(decision.championMetrics())
        .setReason(decision.reason())
        .setTrainingSeconds(decision.trainingSeconds())
        .setDecidedAt(decidedAt)
        .setActor(actor)
        .build();
  }
}
