package io.lstmsignals.scorer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.scorer.model.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Small ONNX models with the scorer's contract, built with onnx.proto builders: input "bars" float
 * [N, W+1, 5], output "log_return" float [N, 1] = gain × (ln close(last) − mean ln close over the
 * window). Variants break one part of the contract each.
 */
public final class TestModels {
  private TestModels() {}

  /** A contract-conforming model. */
  public static byte[] momentum(int windowBars, float gain) {
    return build(windowBars, String.valueOf(windowBars), 5, false, gain, false, Map.of());
  }

  /** A contract-conforming model with more metadata_props (e.g. lstm.version, lstm.interval). */
  public static byte[] momentum(int windowBars, float gain, Map<String, String> card) {
    return build(windowBars, String.valueOf(windowBars), 5, false, gain, false, card);
  }

  /**
   * Writes an artifact directory as the trainer does: model.onnx and model.sha256 ("hex
   * model.onnx").
   *
   * @return the directory
   */
  public static Path writeArtifact(Path dir, int windowBars, float gain, String version)
      throws IOException {
    Files.createDirectories(dir);
    byte[] bytes =
        momentum(windowBars, gain, Map.of("lstm.version", version, "lstm.interval", "4h"));
    Files.write(dir.resolve("model.onnx"), bytes);
    Files.writeString(dir.resolve("model.sha256"), ArtifactLayout.sha256(bytes) + "  model.onnx\n");
    return dir;
  }

  /** The same graph with a wrong window dimension in the input shape (W + 2). */
  public static byte[] wrongWindowDim(int windowBars) {
    return build(windowBars + 1, String.valueOf(windowBars), 5, false, 1f, false, Map.of());
  }

  /** Input last dimension 4 instead of 5. */
  public static byte[] fourFeatures(int windowBars) {
    return build(windowBars, String.valueOf(windowBars), 4, false, 1f, false, Map.of());
  }

  /** Output [N, 2] instead of [N, 1]. */
  public static byte[] twoOutputs(int windowBars) {
    return build(windowBars, String.valueOf(windowBars), 5, true, 1f, false, Map.of());
  }

  /** No window_bars metadata entry. */
  public static byte[] noWindowMetadata(int windowBars) {
    return build(windowBars, null, 5, false, 1f, false, Map.of());
  }

  /** A model whose output is NaN on every input (the log of a negated close). */
  public static byte[] nanOutput(int windowBars) {
    return build(windowBars, String.valueOf(windowBars), 5, false, 1f, true, Map.of());
  }

  /** The artifact of a conforming model, as a release would carry it. */
  public static ModelArtifact artifact(String version, int windowBars, float gain) {
    byte[] bytes = momentum(windowBars, gain);
    return new ModelArtifact(
        "test-model", version, bytes, ArtifactLayout.sha256(bytes), windowBars);
  }

  /** What {@link #momentum} computes, in double: gain × (ln c_last − mean ln c). */
  public static double expected(float[] bars, float gain) {
    int n = bars.length / 5;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.log(bars[i * 5 + 3]);
    }
    return gain * (Math.log(bars[(n - 1) * 5 + 3]) - sum / n);
  }

  private static byte[] build(
      int windowBars,
      String windowMetadata,
      int features,
      boolean twoOutputs,
      float gain,
      boolean nan,
      Map<String, String> card) {
    int rows = windowBars + 1;
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("momentum")
            .addInput(floatInput("bars", rows, features))
            .addOutput(floatOutput("log_return", twoOutputs ? 2 : 1))
            .addInitializer(int64Scalar("close_index", 3))
            .addInitializer(int64Vector("last_index", rows - 1))
            .addInitializer(floatScalar("gain", gain));
    graph.addNode(
        node(
            "Gather",
            "gather_close",
            new String[] {"bars", "close_index"},
            "closes",
            intAttr("axis", 2)));
    String logInput = "closes";
    if (nan) {
      graph.addInitializer(floatScalar("minus_one", -1f));
      graph.addNode(node("Mul", "negate", new String[] {"closes", "minus_one"}, "negated"));
      logInput = "negated";
    }
    graph.addNode(node("Log", "log", new String[] {logInput}, "log_closes"));
    graph.addNode(
        node(
            "ReduceMean",
            "mean",
            new String[] {"log_closes"},
            "mean_log",
            AttributeProto.newBuilder()
                .setName("axes")
                .setType(AttributeProto.AttributeType.INTS)
                .addInts(1)
                .build(),
            intAttr("keepdims", 1)));
    graph.addNode(
        node(
            "Gather",
            "gather_last",
            new String[] {"log_closes", "last_index"},
            "last_log",
            intAttr("axis", 1)));
    graph.addNode(node("Sub", "deviation", new String[] {"last_log", "mean_log"}, "deviation"));
    if (twoOutputs) {
      graph.addNode(node("Mul", "scale", new String[] {"deviation", "gain"}, "scaled"));
      graph.addNode(
          node(
              "Concat",
              "pair",
              new String[] {"scaled", "mean_log"},
              "log_return",
              intAttr("axis", 1)));
    } else {
      graph.addNode(node("Mul", "scale", new String[] {"deviation", "gain"}, "log_return"));
    }
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("scorer-tests")
            .setProducerVersion("1")
            .setModelVersion(1)
            .setDocString("momentum test model")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13).build())
            .setGraph(graph.build());
    if (windowMetadata != null) {
      model.addMetadataProps(
          StringStringEntryProto.newBuilder()
              .setKey(ModelCardKeys.WINDOW_BARS)
              .setValue(windowMetadata)
              .build());
    }
    card.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value).build()));
    return model.build().toByteArray();
  }

  private static NodeProto node(
      String op, String name, String[] inputs, String output, AttributeProto... attrs) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    for (AttributeProto attr : attrs) {
      node.addAttribute(attr);
    }
    return node.build();
  }

  private static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static ValueInfoProto floatInput(String name, int rows, int features) {
    return valueInfo(
        name,
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(rows))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features))
            .build());
  }

  private static ValueInfoProto floatOutput(String name, int width) {
    return valueInfo(
        name,
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build());
  }

  private static ValueInfoProto valueInfo(String name, TensorShapeProto shape) {
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  private static TensorProto int64Scalar(String name, long value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64.getNumber())
        .addInt64Data(value)
        .build();
  }

  private static TensorProto int64Vector(String name, long value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(1)
        .addInt64Data(value)
        .build();
  }

  private static TensorProto floatScalar(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value)
        .build();
  }
}
