package io.lstmsignals.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.testing.StudyData;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingResult;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bring-your-own model: a trained network exported as a batch-first scaled-features model (as
 * torch.onnx.export writes one), wrapped with its scaler spec, must predict exactly what the
 * self-contained export predicts.
 */
class OnnxModelWrapperTest {

  private static StudyDataset data;
  private static TrainingResult trained;
  private static FeatureScaling scaling;
  private static ModelCard card;

  @BeforeAll
  static void trainSmallModel() {
    data = StudyData.dataset(24);
    trained =
        StudyData.train(
            data, TrainingConfig.STUDY_DEFAULT.withArchitecture(24, 16, 2, 0.0).withMaxEpochs(1));
    scaling = FeatureScaling.of(data);
    card = ModelCard.describing("wrapped-v1", "wrapped", "BTCUSDT", Duration.ofHours(4), scaling);
  }

  @Test
  void wrappedScaledModelPredictsWhatTheSelfContainedExportPredicts() {
    // Given the same network as a scaled-features model and as a self-contained model
    ModelProto scaledModel = OnnxModelExporter.scaledFeaturesModel(trained.network(), 24);
    ModelProto selfContained = OnnxModelExporter.selfContained(trained.network(), scaling, card);

    // When the scaled-features model is wrapped with the dataset's scaler spec
    ModelProto wrapped = OnnxModelWrapper.wrap(scaledModel, scaling, card);

    // Then both artifacts give the same predictions on every test window, from raw bars
    double[] expected;
    double[] actual;
    try (OnnxArtifactPredictor reference = new OnnxArtifactPredictor(selfContained.toByteArray());
        OnnxArtifactPredictor candidate = new OnnxArtifactPredictor(wrapped.toByteArray())) {
      expected = reference.predictRows(data, data.testRows());
      actual = candidate.predictRows(data, data.testRows());
      assertThat(candidate.metadata()).containsAllEntriesOf(card.entries());
    }
    assertThat(actual).containsExactly(expected);
    assertThat(wrapped.getGraph().getInput(0).getName()).isEqualTo(ModelInput.INPUT_NAME);
    assertThat(wrapped.getGraph().getOutput(0).getName()).isEqualTo(ModelInput.OUTPUT_NAME);
  }

  @Test
  void modelWhoseWindowDiffersFromTheSpecIsRejected() {
    ModelProto scaledModel = OnnxModelExporter.scaledFeaturesModel(trained.network(), 24);
    FeatureScaling otherWindow =
        new FeatureScaling(48, scaling.features(), scaling.featureScaler(), scaling.targetScaler());

    assertThatThrownBy(() -> OnnxModelWrapper.wrap(scaledModel, otherWindow, card))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "input 'scaled_features' has shape [batch, 24, 4]; expected [N, 48, 4]");
  }

  @Test
  void modelBelowOpset13IsRejected() {
    ModelProto old =
        OnnxModelExporter.scaledFeaturesModel(trained.network(), 24).toBuilder()
            .clearOpsetImport()
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(11))
            .build();

    assertThatThrownBy(() -> OnnxModelWrapper.wrap(old, scaling, card))
        .hasMessageContaining("default-domain opset is 11; expected >= 13");
  }
}
