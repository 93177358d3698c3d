package io.lstmsignals.trainer.export;

import io.lstmsignals.trainer.nn.LstmLayer;
import io.lstmsignals.trainer.nn.LstmNetwork;
import java.util.List;

/**
 * An {@link LstmNetwork} as ONNX nodes: batch-first scaled features [N, W, F] → Transpose to
 * sequence-major (ONNX Runtime's CPU LSTM supports only layout 0) → one ONNX LSTM per layer (gate
 * order i, o, f, c, B = [Wb; Rb] with the whole bias in Wb) → the top layer's last hidden state →
 * MatMul/Add head → scaled prediction [N, 1].
 */
final class LstmSubgraph {

  private LstmSubgraph() {}

  /**
   * @return the name of the scaled prediction
   */
  static String append(OnnxGraphBuilder graph, String scaledFeatures, LstmNetwork network) {
    int h = network.shape().hiddenSize();
    int layers = network.shape().layers();
    String sequence =
        graph.op(
            "Transpose",
            "lstm/sequence_major",
            List.of(scaledFeatures),
            OnnxGraphBuilder.intsAttribute("perm", 1, 0, 2));
    // Only a stack has a layer boundary to squeeze; an unused initializer makes ONNX Runtime warn
    // on every load.
    String squeezeNumDirections = layers > 1 ? graph.longs("lstm/num_directions_axis", 1) : null;
    String lastHidden = null;
    for (int l = 0; l < layers; l++) {
      LstmLayer layer = network.layer(l);
      String prefix = "lstm/layer" + l;
      String w =
          graph.floats(
              prefix + "/W",
              new long[] {1, 4L * h, layer.inputSize()},
              gateMajor(layer.inputWeights()));
      String r =
          graph.floats(
              prefix + "/R", new long[] {1, 4L * h, h}, gateMajor(layer.recurrentWeights()));
      float[] bias = new float[8 * h];
      for (int j = 0; j < 4 * h; j++) {
        bias[j] = (float) layer.bias()[j];
      }
      String b = graph.floats(prefix + "/B", new long[] {1, 8L * h}, bias);
      boolean top = l == layers - 1;
      String y = top ? "" : prefix + "/Y";
      String yh = prefix + "/Y_h";
      graph.node(
          "LSTM",
          prefix,
          List.of(sequence, w, r, b),
          List.of(y, yh),
          OnnxGraphBuilder.intAttribute("hidden_size", h));
      if (top) {
        lastHidden =
            graph.op(
                "Squeeze", "lstm/last_hidden", List.of(yh, graph.longs("lstm/num_layers_axis", 0)));
      } else {
        sequence = graph.op("Squeeze", prefix + "/sequence", List.of(y, squeezeNumDirections));
      }
    }
    float[] head = new float[h];
    for (int j = 0; j < h; j++) {
      head[j] = (float) network.headWeights()[j];
    }
    String product =
        graph.op(
            "MatMul",
            "head/product",
            List.of(lastHidden, graph.floats("head/weight", new long[] {h, 1}, head)));
    return graph.op(
        "Add",
        "head/scaled_prediction",
        List.of(product, graph.floats("head/bias", new long[] {1}, (float) network.headBias())));
  }

  /** Input-major rows [k][gate row] flattened gate-major, i.e. ONNX's [4H][k] row-major order. */
  private static float[] gateMajor(double[][] inputMajor) {
    int inputs = inputMajor.length;
    int gates = inputMajor[0].length;
    float[] flat = new float[gates * inputs];
    for (int g = 0; g < gates; g++) {
      for (int k = 0; k < inputs; k++) {
        flat[g * inputs + k] = (float) inputMajor[k][g];
      }
    }
    return flat;
  }
}
