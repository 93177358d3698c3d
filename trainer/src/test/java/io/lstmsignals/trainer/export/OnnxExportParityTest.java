package io.lstmsignals.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.trainer.artifact.OnnxArtifactPredictor;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.testing.StudyData;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exported self-contained model in ONNX Runtime, fed raw bars, against the Java forward pass.
 */
class OnnxExportParityTest {

  private static StudyDataset data;
  private static TrainingResult trained;
  private static ModelProto model;

  @BeforeAll
  static void exportBriefTrainedDefaultModel() {
    data = StudyData.dataset(48);
    trained = StudyData.train(data, TrainingConfig.STUDY_DEFAULT.withMaxEpochs(2));
    FeatureScaling scaling = FeatureScaling.of(data);
    ModelCard card =
        ModelCard.describing("test-v1", "trained", "BTCUSDT", Duration.ofHours(4), scaling)
            .with(ModelCard.dataEntries(data))
            .with(ModelCard.trainingEntries(trained));
    model = OnnxModelExporter.selfContained(trained.network(), scaling, card);
  }

  @Test
  void onnxRuntimeOnRawBarsMatchesTheJavaForwardPassOnEveryTestWindow() {
    // Given the Java predictions of every test window (features computed in Java, in double)
    double[] scaled;
    try (Trainer trainer = new Trainer(Kernels.best(), 1)) {
      scaled = trainer.predictScaled(data, trained.network(), data.testRows());
    }

    // When ONNX Runtime runs the artifact on the raw bars of the same windows
    double[] onnx;
    try (OnnxArtifactPredictor predictor = new OnnxArtifactPredictor(model.toByteArray())) {
      onnx = predictor.predictRows(data, data.testRows());
    }

    // Then every predicted log-return agrees within 1e-5
    assertThat(onnx).hasSize(401);
    double worst = 0;
    for (int i = 0; i < scaled.length; i++) {
      double java = data.targetScaler().unscale(0, scaled[i]);
      worst = Math.max(worst, Math.abs(java - onnx[i]));
    }
    assertThat(worst).as("largest |Java - ONNX| over the test windows").isLessThan(1e-5);
  }

  @Test
  void artifactFollowsTheContract() {
    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImportList())
        .singleElement()
        .satisfies(
            opset -> {
              assertThat(opset.getDomain()).isEmpty();
              assertThat(opset.getVersion()).isEqualTo(17);
            });
    assertThat(model.getGraph().getInputList())
        .singleElement()
        .satisfies(input -> assertThat(shapeOf(input)).containsExactly("batch", "49", "5"))
        .extracting(ValueInfoProto::getName)
        .isEqualTo("bars");
    assertThat(model.getGraph().getOutputList())
        .singleElement()
        .satisfies(output -> assertThat(shapeOf(output)).containsExactly("batch", "1"))
        .extracting(ValueInfoProto::getName)
        .isEqualTo("log_return");
    Set<String> standardOps =
        Set.of(
            "Slice",
            "Div",
            "Log",
            "Add",
            "Sub",
            "Concat",
            "Transpose",
            "LSTM",
            "Squeeze",
            "MatMul",
            "Mul");
    assertThat(
            model.getGraph().getNodeList().stream()
                .map(node -> node.getOpType())
                .collect(Collectors.toSet()))
        .isSubsetOf(standardOps)
        .contains("LSTM");
    assertThat(model.getMetadataPropsList().stream().map(entry -> entry.getKey()).toList())
        .contains(
            ModelCardKeys.VERSION,
            ModelCardKeys.WINDOW_BARS,
            ModelCardKeys.INPUT_LAYOUT,
            ModelCardKeys.FEATURES,
            ModelCardKeys.FEATURE_MIN,
            ModelCardKeys.FEATURE_MAX,
            ModelCardKeys.TARGET_MIN,
            ModelCardKeys.TARGET_MAX,
            ModelCardKeys.TRAINED_FROM,
            ModelCardKeys.TRAINED_TO,
            ModelCardKeys.SEED,
            ModelCardKeys.CONFIG_PREFIX + "hidden_size")
        .allMatch(key -> key.startsWith("lstm."));
  }

  private static List<String> shapeOf(ValueInfoProto value) {
    return value.getType().getTensorType().getShape().getDimList().stream()
        .map(TensorShapeProto.Dimension::toString)
        .map(String::strip)
        .map(text -> text.replaceAll("^dim_(value|param): \"?|\"$", ""))
        .toList();
  }
}
