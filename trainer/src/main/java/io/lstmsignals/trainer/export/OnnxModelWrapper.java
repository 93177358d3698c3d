package io.lstmsignals.trainer.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.lstmsignals.schemas.contract.ModelInput;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Bring-your-own model: turns an ONNX model exported elsewhere that maps SCALED features [N, W, F]
 * (batch-first) to a scaled prediction ([N, 1] or [N]) — e.g. {@code torch.onnx.export} of {@code
 * nn.LSTM(batch_first=True)} + {@code nn.Linear} — into the self-contained artifact: the raw-bar
 * feature and scaling nodes are put in front, the unscaling behind, and the contract's input,
 * output and metadata are set. The imported model's values are renamed under {@value #PREFIX} so
 * they cannot clash; its opset and IR version are kept (changing them could change what its
 * operators mean).
 */
public final class OnnxModelWrapper {

  /** Prefix of every value, node and initializer name taken from the imported model. */
  static final String PREFIX = "model/";

  /**
   * The oldest default-domain opset accepted: Slice, Squeeze and Reshape take their parameters as
   * inputs from 13.
   */
  static final long MIN_OPSET = 13;

  private OnnxModelWrapper() {}

  /**
   * Wraps {@code scaledModel}.
   *
   * @throws IllegalArgumentException if the model does not have one float input of [N, W, F]
   *     matching the scaling, one output, and a default-domain opset of at least {@value
   *     #MIN_OPSET}
   */
  public static ModelProto wrap(ModelProto scaledModel, FeatureScaling scaling, ModelCard card) {
    GraphProto inner = scaledModel.getGraph();
    long opset = defaultOpset(scaledModel);
    Set<String> initializers =
        inner.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
    // Old exporters (IR < 4) also list initializers as graph inputs; the data input is the one that
    // is not.
    List<ValueInfoProto> dataInputs =
        inner.getInputList().stream()
            .filter(input -> !initializers.contains(input.getName()))
            .toList();
    if (dataInputs.size() != 1 || inner.getOutputCount() != 1) {
      throw new IllegalArgumentException(
          "OnnxModelWrapper: the model has inputs "
              + dataInputs.stream().map(ValueInfoProto::getName).toList()
              + " and outputs "
              + inner.getOutputList().stream().map(ValueInfoProto::getName).toList()
              + "; expected one input of scaled features [N, W, F] and one output");
    }
    ValueInfoProto input = dataInputs.get(0);
    requireFeatureInput(input, scaling);

    UnaryOperator<String> rename = name -> name.isEmpty() ? name : PREFIX + name;
    GraphProto renamed = renameGraph(inner, rename);
    OnnxGraphBuilder graph =
        new OnnxGraphBuilder(
            "lstm_signals_wrapped",
            "Raw OHLCV bars -> features -> min-max scaling -> imported model '"
                + inner.getName()
                + "' -> unscaled log-return");
    graph.floatInput(ModelInput.INPUT_NAME, scaling.windowBars() + 1, ModelInput.FIELDS);
    String scaled = ScalingSubgraphs.appendScaledFeatures(graph, ModelInput.INPUT_NAME, scaling);
    graph.node("Identity", "wrap/input", List.of(scaled), List.of(rename.apply(input.getName())));
    graph.appendBody(renamed);
    String prediction =
        graph.op(
            "Reshape",
            "wrap/prediction_n_by_1",
            List.of(rename.apply(inner.getOutput(0).getName()), graph.longs("wrap/n_by_1", -1, 1)));
    ScalingSubgraphs.appendUnscaledTarget(
        graph, prediction, scaling.targetScaler(), ModelInput.OUTPUT_NAME);
    graph.floatOutput(ModelInput.OUTPUT_NAME, 1);

    ModelProto model =
        OnnxModelExporter.model(
            graph.build(),
            opset,
            card.entries(),
            "Wrapped model, self-contained: feed raw bars, read the log-return");
    return model.toBuilder()
        .setIrVersion(Math.max(scaledModel.getIrVersion(), OnnxModelExporter.IR_VERSION))
        .clearOpsetImport()
        .addAllOpsetImport(scaledModel.getOpsetImportList())
        .addAllFunctions(scaledModel.getFunctionsList())
        .build();
  }

  private static long defaultOpset(ModelProto model) {
    long opset =
        model.getOpsetImportList().stream()
            .filter(
                import_ -> import_.getDomain().isEmpty() || import_.getDomain().equals("ai.onnx"))
            .mapToLong(OperatorSetIdProto::getVersion)
            .findFirst()
            .orElse(0);
    if (opset < MIN_OPSET) {
      throw new IllegalArgumentException(
          "OnnxModelWrapper: the model's default-domain opset is "
              + opset
              + "; expected >= "
              + MIN_OPSET
              + " (re-export it with a newer opset_version)");
    }
    return opset;
  }

  private static void requireFeatureInput(ValueInfoProto input, FeatureScaling scaling) {
    var tensor = input.getType().getTensorType();
    if (tensor.getElemType() != TensorProto.DataType.FLOAT.getNumber()) {
      throw new IllegalArgumentException(
          "OnnxModelWrapper: input '"
              + input.getName()
              + "' has element type "
              + TensorProto.DataType.forNumber(tensor.getElemType())
              + "; expected FLOAT");
    }
    if (!tensor.hasShape()) {
      return;
    }
    List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
    long[] expected = {-1, scaling.windowBars(), scaling.features().size()};
    boolean matches = dims.size() == 3;
    for (int d = 1; matches && d < 3; d++) {
      matches = !dims.get(d).hasDimValue() || dims.get(d).getDimValue() == expected[d];
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "OnnxModelWrapper: input '"
              + input.getName()
              + "' has shape "
              + dims.stream()
                  .map(
                      dim ->
                          dim.hasDimValue() ? Long.toString(dim.getDimValue()) : dim.getDimParam())
                  .toList()
              + "; expected [N, "
              + scaling.windowBars()
              + ", "
              + scaling.features().size()
              + "] (batch-first scaled features of the spec's window and features)");
    }
  }

  /** The graph with every value, node and initializer name renamed, nested graphs included. */
  static GraphProto renameGraph(GraphProto graph, UnaryOperator<String> rename) {
    GraphProto.Builder renamed =
        graph.toBuilder()
            .clearNode()
            .clearInitializer()
            .clearSparseInitializer()
            .clearInput()
            .clearOutput()
            .clearValueInfo();
    for (NodeProto node : graph.getNodeList()) {
      renamed.addNode(renameNode(node, rename));
    }
    for (TensorProto initializer : graph.getInitializerList()) {
      renamed.addInitializer(initializer.toBuilder().setName(rename.apply(initializer.getName())));
    }
    for (SparseTensorProto sparse : graph.getSparseInitializerList()) {
      renamed.addSparseInitializer(
          sparse.toBuilder()
              .setValues(
                  sparse.getValues().toBuilder()
                      .setName(rename.apply(sparse.getValues().getName())))
              .setIndices(
                  sparse.getIndices().toBuilder()
                      .setName(rename.apply(sparse.getIndices().getName()))));
    }
    for (ValueInfoProto value : graph.getInputList()) {
      renamed.addInput(value.toBuilder().setName(rename.apply(value.getName())));
    }
    for (ValueInfoProto value : graph.getOutputList()) {
      renamed.addOutput(value.toBuilder().setName(rename.apply(value.getName())));
    }
    for (ValueInfoProto value : graph.getValueInfoList()) {
      renamed.addValueInfo(value.toBuilder().setName(rename.apply(value.getName())));
    }
    return renamed.build();
  }

  private static NodeProto renameNode(NodeProto node, UnaryOperator<String> rename) {
    NodeProto.Builder renamed =
        node.toBuilder()
            .clearInput()
            .clearOutput()
            .clearAttribute()
            .setName(rename.apply(node.getName()));
    node.getInputList().forEach(name -> renamed.addInput(rename.apply(name)));
    node.getOutputList().forEach(name -> renamed.addOutput(rename.apply(name)));
    for (AttributeProto attribute : node.getAttributeList()) {
      AttributeProto.Builder copy = attribute.toBuilder();
      if (attribute.hasG()) {
        copy.setG(renameGraph(attribute.getG(), rename));
      }
      if (attribute.getGraphsCount() > 0) {
        copy.clearGraphs();
        attribute.getGraphsList().forEach(sub -> copy.addGraphs(renameGraph(sub, rename)));
      }
      renamed.addAttribute(copy);
    }
    return renamed.build();
  }
}
