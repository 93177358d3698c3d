package io.lstmsignals.trainer.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.trainer.nn.LstmNetwork;
import java.util.List;
import java.util.Map;

/**
 * Exports a trained {@link LstmNetwork} as ONNX (IR {@value #IR_VERSION}, opset {@value #OPSET},
 * standard operators only, symbolic batch dimension).
 */
public final class OnnxModelExporter {

  /** ONNX IR version of exported models (ONNX Runtime 1.29 reads up to 13). */
  public static final long IR_VERSION = 8;

  /** Default-domain opset of exported models. */
  public static final long OPSET = 17;

  static final String PRODUCER = "lstm-signals-trainer";
  static final String PRODUCER_VERSION = "0.1.0";

  /** Input of {@link #scaledFeaturesModel}: float32 [N, W, F] scaled features, batch-first. */
  public static final String SCALED_INPUT = "scaled_features";

  /** Output of {@link #scaledFeaturesModel}: float32 [N, 1] scaled prediction. */
  public static final String SCALED_OUTPUT = "scaled_prediction";

  private OnnxModelExporter() {}

  /**
   * The self-contained artifact: raw bars in ({@value ModelInput#INPUT_NAME}, [N, W + 1, 5]),
   * feature computation and scaling, the LSTM, unscaling, predicted log-return out ({@value
   * ModelInput#OUTPUT_NAME}, [N, 1]).
   */
  public static ModelProto selfContained(
      LstmNetwork network, FeatureScaling scaling, ModelCard card) {
    requireInputs(network, scaling);
    OnnxGraphBuilder graph =
        new OnnxGraphBuilder(
            "lstm_signals",
            "Raw OHLCV bars -> features -> min-max scaling -> stacked LSTM -> linear head -> unscaled log-return");
    graph.floatInput(ModelInput.INPUT_NAME, scaling.windowBars() + 1, ModelInput.FIELDS);
    String scaled = ScalingSubgraphs.appendScaledFeatures(graph, ModelInput.INPUT_NAME, scaling);
    String prediction = LstmSubgraph.append(graph, scaled, network);
    ScalingSubgraphs.appendUnscaledTarget(
        graph, prediction, scaling.targetScaler(), ModelInput.OUTPUT_NAME);
    graph.floatOutput(ModelInput.OUTPUT_NAME, 1);
    return model(
        graph.build(),
        OPSET,
        card.entries(),
        "LSTM next-bar log-return forecaster, self-contained: feed raw bars, read the log-return");
  }

  /**
   * The network alone, the way {@code torch.onnx.export} writes an {@code
   * nn.LSTM(batch_first=True)} + {@code nn.Linear}: scaled features {@value #SCALED_INPUT} [N, W,
   * F] in, scaled prediction {@value #SCALED_OUTPUT} [N, 1] out. Input for {@link
   * OnnxModelWrapper}.
   */
  public static ModelProto scaledFeaturesModel(LstmNetwork network, int windowBars) {
    OnnxGraphBuilder graph =
        new OnnxGraphBuilder("lstm_scaled", "Scaled features -> stacked LSTM -> linear head");
    graph.floatInput(SCALED_INPUT, windowBars, network.shape().inputSize());
    String prediction = LstmSubgraph.append(graph, SCALED_INPUT, network);
    graph.node("Identity", "output", List.of(prediction), List.of(SCALED_OUTPUT));
    graph.floatOutput(SCALED_OUTPUT, 1);
    return model(graph.build(), OPSET, Map.of(), "Stacked LSTM on scaled features");
  }

  /**
   * A model around a graph, with the default-domain opset and the metadata as {@code
   * metadata_props}.
   */
  static ModelProto model(
      GraphProto graph, long opset, Map<String, String> metadata, String docString) {
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
            .setProducerName(PRODUCER)
            .setProducerVersion(PRODUCER_VERSION)
            .setDomain("io.lstmsignals")
            .setModelVersion(Long.parseLong(ArtifactLayout.FORMAT_VERSION))
            .setDocString(docString)
            .setGraph(graph);
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  private static void requireInputs(LstmNetwork network, FeatureScaling scaling) {
    if (network.shape().inputSize() != scaling.features().size()) {
      throw new IllegalArgumentException(
          "OnnxModelExporter: network reads "
              + network.shape().inputSize()
              + " features per step but the scaling computes "
              + scaling.features().size());
    }
  }
}
