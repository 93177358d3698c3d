package io.lstmsignals.trainer.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one ONNX graph from protobuf builders: nodes, constant initializers and typed inputs and
 * outputs, with every value name unique. Float tensors are stored little-endian in {@code
 * raw_data}, as the ONNX spec asks.
 */
final class OnnxGraphBuilder {

  /** The symbolic batch dimension of inputs and outputs. */
  static final String BATCH_DIM = "batch";

  private final GraphProto.Builder graph;
  private final Set<String> names = new HashSet<>();

  OnnxGraphBuilder(String graphName, String docString) {
    graph = GraphProto.newBuilder().setName(graphName).setDocString(docString);
  }

  GraphProto build() {
    return graph.build();
  }

  /**
   * Appends another graph's nodes, initializers and value infos (not its inputs and outputs),
   * claiming the names they define. The caller renames them first so that they cannot clash.
   */
  void appendBody(GraphProto other) {
    for (TensorProto initializer : other.getInitializerList()) {
      claim(initializer.getName());
      graph.addInitializer(initializer);
    }
    for (var sparse : other.getSparseInitializerList()) {
      claim(sparse.getValues().getName());
      graph.addSparseInitializer(sparse);
    }
    for (NodeProto node : other.getNodeList()) {
      for (String output : node.getOutputList()) {
        if (!output.isEmpty()) {
          claim(output);
        }
      }
      graph.addNode(node);
    }
    graph.addAllValueInfo(other.getValueInfoList());
  }

  /** Reserves {@code name}; fails if a value already has it. */
  String claim(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException("OnnxGraphBuilder: value name '" + name + "' is used twice");
    }
    return name;
  }

  /** A float32 input of shape [batch, dims...]. */
  void floatInput(String name, long... dims) {
    graph.addInput(floatValue(claim(name), dims));
  }

  /** Declares an existing value as a float32 output of shape [batch, dims...]. */
  void floatOutput(String name, long... dims) {
    graph.addOutput(floatValue(name, dims));
  }

  /** A float32 constant. */
  String floats(String name, long[] dims, float... values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      bytes.putFloat(value);
    }
    bytes.flip();
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(claim(name))
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(bytes));
    for (long dim : dims) {
      tensor.addDims(dim);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /** A 1-D int64 constant (Slice bounds, Squeeze axes). */
  String longs(String name, long... values) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(claim(name))
            .setDataType(TensorProto.DataType.INT64.getNumber())
            .addDims(values.length);
    for (long value : values) {
      tensor.addInt64Data(value);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /**
   * Appends a node of the default domain.
   *
   * @param outputs the node's output names ("" for an omitted optional output); non-empty ones are
   *     claimed
   */
  void node(
      String opType,
      String nodeName,
      List<String> inputs,
      List<String> outputs,
      AttributeProto... attributes) {
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(opType).setName(nodeName).addAllInput(inputs);
    for (String output : outputs) {
      node.addOutput(output.isEmpty() ? output : claim(output));
    }
    for (AttributeProto attribute : attributes) {
      node.addAttribute(attribute);
    }
    graph.addNode(node);
  }

  /** A one-output node; returns the output's name. */
  String op(String opType, String output, List<String> inputs, AttributeProto... attributes) {
    node(opType, output, inputs, List.of(output), attributes);
    return output;
  }

  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  static AttributeProto intsAttribute(String name, long... values) {
    AttributeProto.Builder attribute =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long value : values) {
      attribute.addInts(value);
    }
    return attribute.build();
  }

  static ValueInfoProto floatValue(String name, long... dims) {
    TensorShapeProto.Builder shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
    }
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
}
