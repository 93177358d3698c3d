package io.lstmsignals.trainer.export;

import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.MinMaxScaler;
import java.util.ArrayList;
import java.util.List;

/**
 * The two halves of the scaling contract as ONNX nodes: raw bars to scaled features in front of a
 * model, and the scaled prediction back to a log-return behind it. They compute exactly {@link
 * Feature#valueOf} and {@link MinMaxScaler#scale} / {@link MinMaxScaler#unscale} (in float32).
 */
final class ScalingSubgraphs {

  private static final String[] FIELDS = ModelInput.LAYOUT.split(",");
  private static final int OPEN = 0;
  private static final int HIGH = 1;
  private static final int LOW = 2;
  private static final int CLOSE = 3;
  private static final int VOLUME = 4;

  private ScalingSubgraphs() {}

  /**
   * Appends: bars [N, W + 1, 5] → features of bars 1 … W (each needs its predecessor) → min–max
   * scaled, [N, W, F].
   *
   * @return the name of the scaled features
   */
  static String appendScaledFeatures(OnnxGraphBuilder graph, String bars, FeatureScaling scaling) {
    int w = scaling.windowBars();
    String current =
        graph.op(
            "Slice",
            "features/current_bars",
            List.of(
                bars,
                graph.longs("features/current_start", 1),
                graph.longs("features/current_end", w + 1),
                graph.longs("features/current_axes", 1)));
    String previousClose =
        graph.op(
            "Slice",
            "features/previous_close",
            List.of(
                bars,
                graph.longs("features/previous_start", 0, CLOSE),
                graph.longs("features/previous_end", w, CLOSE + 1),
                graph.longs("features/previous_axes", 1, 2)));
    CurrentBarFields fields = new CurrentBarFields(graph, current);
    List<String> columns = new ArrayList<>();
    for (Feature feature : scaling.features()) {
      columns.add(
          switch (feature) {
            case LOG_RETURN ->
                graph.op(
                    "Log",
                    "features/log_return",
                    List.of(
                        graph.op(
                            "Div",
                            "features/close_ratio",
                            List.of(fields.get(CLOSE), previousClose))));
            case LOG1P_VOLUME ->
                graph.op(
                    "Log",
                    "features/log1p_volume",
                    List.of(
                        graph.op(
                            "Add",
                            "features/volume_plus_one",
                            List.of(
                                fields.get(VOLUME),
                                graph.floats("features/one", new long[0], 1f)))));
            case HIGH_MINUS_LOW ->
                graph.op(
                    "Sub", "features/high_minus_low", List.of(fields.get(HIGH), fields.get(LOW)));
            case CLOSE_MINUS_OPEN ->
                graph.op(
                    "Sub",
                    "features/close_minus_open",
                    List.of(fields.get(CLOSE), fields.get(OPEN)));
          });
    }
    String features =
        columns.size() == 1
            ? columns.get(0)
            : graph.op("Concat", "features/raw", columns, OnnxGraphBuilder.intAttribute("axis", 2));
    MinMaxScaler scaler = scaling.featureScaler();
    int count = scaler.columns();
    float[] min = new float[count];
    float[] range = new float[count];
    for (int f = 0; f < count; f++) {
      min[f] = (float) scaler.min(f);
      range[f] = (float) scaler.range(f);
    }
    String shifted =
        graph.op(
            "Sub",
            "features/shifted",
            List.of(features, graph.floats("features/min", new long[] {count}, min)));
    return graph.op(
        "Div",
        "features/scaled",
        List.of(shifted, graph.floats("features/range", new long[] {count}, range)));
  }

  /**
   * Appends: scaled prediction [N, 1] → log-return [N, 1] = scaled · (max − min) + min, under the
   * name {@code output}.
   */
  static String appendUnscaledTarget(
      OnnxGraphBuilder graph, String scaled, MinMaxScaler target, String output) {
    String stretched =
        graph.op(
            "Mul",
            "target/stretched",
            List.of(scaled, graph.floats("target/range", new long[] {1}, (float) target.range(0))));
    return graph.op(
        "Add",
        output,
        List.of(stretched, graph.floats("target/min", new long[] {1}, (float) target.min(0))));
  }

  /**
   * The [N, W, 1] slices of the current bars' fields, each added to the graph once, when first
   * needed.
   */
  private static final class CurrentBarFields {
    private final OnnxGraphBuilder graph;
    private final String current;
    private final String[] slices = new String[FIELDS.length];

    CurrentBarFields(OnnxGraphBuilder graph, String current) {
      this.graph = graph;
      this.current = current;
    }

    String get(int field) {
      if (slices[field] == null) {
        String name = "features/" + FIELDS[field];
        slices[field] =
            graph.op(
                "Slice",
                name,
                List.of(
                    current,
                    graph.longs(name + "_start", field),
                    graph.longs(name + "_end", field + 1),
                    graph.longs(name + "_axis", 2)));
      }
      return slices[field];
    }
  }
}
