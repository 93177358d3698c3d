package io.lstmsignals.trainer.artifact;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.service.threads.DeepStack;
import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs a self-contained model artifact in ONNX Runtime, fed raw bars exactly as a consumer would
 * feed them. Owns one ORT session; close it.
 */
public final class OnnxArtifactPredictor implements AutoCloseable {

  private static final int BATCH = 256;

  private final OrtEnvironment environment;
  private final OrtSession session;

  /**
   * @param model the ONNX bytes
   * @throws IllegalArgumentException if ONNX Runtime rejects the model
   */
  public OnnxArtifactPredictor(byte[] model) {
    environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      session =
          DeepStack.call("onnx-session-open", () -> environment.createSession(model, options));
    } catch (OrtException e) {
      throw new IllegalArgumentException("ONNX Runtime rejected the model: " + e.getMessage(), e);
    }
  }

  /** The model's {@code metadata_props}. */
  public Map<String, String> metadata() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new IllegalStateException("Could not read the model's metadata: " + e.getMessage(), e);
    }
  }

  /**
   * Predicted log-returns of raw-bar windows.
   *
   * @param windows [n][W + 1][5] raw bars (open, high, low, close, volume), oldest first
   */
  public float[] predict(float[][] windows) {
    float[] out = new float[windows.length];
    for (int from = 0; from < windows.length; from += BATCH) {
      int count = Math.min(BATCH, windows.length - from);
      int floats = windows[from].length;
      FloatBuffer input = FloatBuffer.allocate(count * floats);
      for (int i = 0; i < count; i++) {
        input.put(windows[from + i]);
      }
      input.flip();
      long[] shape = {count, floats / ModelInput.FIELDS, ModelInput.FIELDS};
      try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
          OrtSession.Result result = session.run(Map.of(ModelInput.INPUT_NAME, tensor))) {
        float[][] predictions =
            (float[][])
                result
                    .get(ModelInput.OUTPUT_NAME)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "The model has no output '" + ModelInput.OUTPUT_NAME + "'"))
                    .getValue();
        for (int i = 0; i < count; i++) {
          out[from + i] = predictions[i][0];
        }
      } catch (OrtException e) {
        throw new IllegalStateException(
            "ONNX Runtime failed on windows "
                + from
                + "-"
                + (from + count - 1)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return out;
  }

  /**
   * The predicted log-return of one raw-bar window, run alone (batch 1) as a scorer runs it, so
   * that the float is the scorer's to the last bit.
   */
  public float predictOne(float[] window) {
    return predict(new float[][] {window})[0];
  }

  /**
   * Predicted log-returns of the dataset's rows, each from its raw-bar window, widened to double.
   */
  public double[] predictRows(StudyDataset data, RowRange rows) {
    float[][] windows = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      windows[i] = data.rawWindow(rows.row(i));
    }
    float[] predictions = predict(windows);
    double[] widened = new double[predictions.length];
    for (int i = 0; i < predictions.length; i++) {
      widened[i] = predictions[i];
    }
    return widened;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(
          "Could not close the ONNX Runtime session: " + e.getMessage(), e);
    }
  }
}
