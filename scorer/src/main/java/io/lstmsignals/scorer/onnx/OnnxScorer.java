package io.lstmsignals.scorer.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.signal.ScoringException;
import io.lstmsignals.service.threads.DeepStack;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A released ONNX model on ONNX Runtime, checked against the scorer's contract when it loads: the
 * bytes hash to the release's sha256; exactly one float input of shape [N, W+1, 5] whose W equals
 * the {@value #ModelCardKeys.WINDOW_BARS} metadata entry and the release's windowBars; exactly one
 * float output of shape [N, 1]; a smoke inference on a synthetic window returns a finite number.
 *
 * <p>{@link #predictLogReturns} runs a batch of windows as one [B, W+1, 5] tensor in one session
 * call.
 *
 * <p>Thread-safe: the session may run concurrently, and each calling thread reuses its own direct
 * input buffers. One {@link OrtEnvironment} serves the whole JVM. The owner closes the scorer once
 * no bar uses it any more.
 */
public final class OnnxScorer implements Scorer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OnnxScorer.class);

  private final ModelArtifact artifact;
  private final OrtSession session;
  private final String inputName;
  private final int windowBars;
  private final long[] inputShape;
  private final String activeProvider;
  private final Map<String, String> metadata;
  private final ThreadLocal<FloatBuffer> inputBuffers;
  private final ThreadLocal<FloatBuffer[]> batchBuffers =
      ThreadLocal.withInitial(() -> new FloatBuffer[1]);
  private volatile boolean closed;

  private OnnxScorer(
      ModelArtifact artifact,
      OrtSession session,
      String inputName,
      int windowBars,
      String activeProvider,
      Map<String, String> metadata) {
    this.artifact = artifact;
    this.session = session;
    this.inputName = inputName;
    this.windowBars = windowBars;
    this.inputShape = ModelInput.shape(1, windowBars);
    this.activeProvider = activeProvider;
    this.metadata = Map.copyOf(metadata);
    int floats = ModelInput.floatsPerWindow(windowBars);
    this.inputBuffers =
        ThreadLocal.withInitial(
            () ->
                ByteBuffer.allocateDirect(floats * Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer());
  }

  /**
   * Verifies and loads a released model.
   *
   * @throws ModelContractException if the artifact breaks the contract; the message says what was
   *     expected and found
   * @throws CudaUnavailableException if the options require CUDA and it cannot be used
   */
  public static OnnxScorer load(ModelArtifact artifact, OnnxRuntimeOptions options) {
    artifact.verifySha256();
    OnnxRuntimeOptions.OpenedSession opened;
    try {
      opened = options.open(OrtEnvironment.getEnvironment(), artifact.onnx());
    } catch (OrtException e) {
      throw new ModelContractException(
          artifact.label()
              + ": expected a loadable ONNX model, found "
              + artifact.onnx().length
              + " bytes ONNX Runtime rejects: "
              + e.getMessage(),
          e);
    }
    OrtSession session = opened.session();
    try {
      OnnxScorer scorer = checkContract(artifact, session, opened.activeProvider());
      scorer.smokeTest();
      log.info(
          "Loaded model={} version={} windowBars={} provider={}",
          artifact.modelName(),
          artifact.version(),
          scorer.windowBars,
          scorer.activeProvider);
      return scorer;
    } catch (RuntimeException e) {
      closeQuietly(session, artifact);
      throw e;
    }
  }

  /**
   * Reads a model's metadata_props without checking anything else, e.g. to learn W before {@link
   * #load}.
   *
   * @throws ModelContractException if ONNX Runtime cannot open the bytes
   */
  public static Map<String, String> metadataOf(byte[] onnx) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session =
            DeepStack.call(
                "onnx-session-open",
                () -> OrtEnvironment.getEnvironment().createSession(onnx, options))) {
      return Map.copyOf(session.getMetadata().getCustomMetadata());
    } catch (OrtException e) {
      throw new ModelContractException(
          "expected a loadable ONNX model, found "
              + onnx.length
              + " bytes ONNX Runtime rejects: "
              + e.getMessage(),
          e);
    }
  }

  private static OnnxScorer checkContract(
      ModelArtifact artifact, OrtSession session, String provider) {
    String label = artifact.label();
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      if (inputs.size() != 1) {
        throw new ModelContractException(
            label
                + ": expected 1 input (bars [N, W+1, 5]), found "
                + inputs.size()
                + " "
                + inputs.keySet());
      }
      NodeInfo input = inputs.values().iterator().next();
      long[] inShape = floatTensorShape(label, "input", input);
      if (inShape.length != 3 || inShape[2] != ModelInput.FIELDS) {
        throw new ModelContractException(
            label
                + ": expected input '"
                + input.getName()
                + "' of shape [N, W+1, 5], found "
                + Arrays.toString(inShape));
      }
      Map<String, String> metadata = session.getMetadata().getCustomMetadata();
      String declared = metadata.get(ModelCardKeys.WINDOW_BARS);
      int windowBars;
      try {
        windowBars = Integer.parseInt(declared == null ? "" : declared.trim());
      } catch (NumberFormatException e) {
        throw new ModelContractException(
            label
                + ": expected metadata_props '"
                + ModelCardKeys.WINDOW_BARS
                + "' to hold W as an integer, found "
                + (declared == null ? "no such key in " + metadata.keySet() : "'" + declared + "'"),
            e);
      }
      if (windowBars != artifact.declaredWindowBars()) {
        throw new ModelContractException(
            label
                + ": expected W = "
                + artifact.declaredWindowBars()
                + " as the release declares, found "
                + ModelCardKeys.WINDOW_BARS
                + " = "
                + windowBars
                + " in the model");
      }
      if (inShape[1] != windowBars + 1) {
        throw new ModelContractException(
            label
                + ": expected input '"
                + input.getName()
                + "' window dimension "
                + (windowBars + 1)
                + " (W + 1 for W = "
                + windowBars
                + "), found "
                + Arrays.toString(inShape));
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      if (outputs.size() != 1) {
        throw new ModelContractException(
            label
                + ": expected 1 output (log-return [N, 1]), found "
                + outputs.size()
                + " "
                + outputs.keySet());
      }
      NodeInfo output = outputs.values().iterator().next();
      long[] outShape = floatTensorShape(label, "output", output);
      if (outShape.length != 2 || outShape[1] != 1) {
        throw new ModelContractException(
            label
                + ": expected output '"
                + output.getName()
                + "' of shape [N, 1], found "
                + Arrays.toString(outShape));
      }
      return new OnnxScorer(artifact, session, input.getName(), windowBars, provider, metadata);
    } catch (OrtException e) {
      throw new ModelContractException(
          label + ": could not read the model's inputs, outputs or metadata: " + e.getMessage(), e);
    }
  }

  private static long[] floatTensorShape(String label, String role, NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
      throw new ModelContractException(
          label
              + ": expected "
              + role
              + " '"
              + node.getName()
              + "' to be a float32 tensor, found "
              + node.getInfo());
    }
    return tensor.getShape();
  }

  /**
   * Runs one synthetic window of plausible bars (a gentle random-walk-like path) and requires a
   * finite result.
   */
  private void smokeTest() {
    float[] bars = new float[ModelInput.floatsPerWindow(windowBars)];
    double close = 100.0;
    for (int i = 0; i < ModelInput.barsNeeded(windowBars); i++) {
      double open = close;
      close = open * (1 + 0.01 * Math.sin(i * 0.7));
      ModelInput.put(
          bars,
          i,
          open,
          Math.max(open, close) * 1.005,
          Math.min(open, close) * 0.995,
          close,
          1000 + 100 * Math.cos(i));
    }
    double result;
    try {
      result = predictLogReturn(bars);
    } catch (ScoringException e) {
      throw new ModelContractException(
          artifact.label() + ": smoke inference failed: " + e.getMessage(), e);
    }
    if (!Double.isFinite(result)) {
      throw new ModelContractException(
          artifact.label()
              + ": expected a finite log-return from the smoke inference on a synthetic window, found "
              + result);
    }
  }

  @Override
  public double predictLogReturn(float[] bars) {
    if (closed) {
      throw new IllegalStateException("OnnxScorer " + artifact.label() + " is closed");
    }
    FloatBuffer input = inputBuffers.get();
    if (bars.length != input.capacity()) {
      throw new IllegalArgumentException(
          artifact.label()
              + ": expected "
              + input.capacity()
              + " floats ("
              + (windowBars + 1)
              + " bars x 5), found "
              + bars.length);
    }
    input.clear();
    input.put(bars);
    input.flip();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), input, inputShape);
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
    } catch (OrtException e) {
      throw new ScoringException(
          artifact.label() + ": ONNX Runtime failed on a window: " + e.getMessage(), e);
    }
  }

  @Override
  public double[] predictLogReturns(List<float[]> windows) {
    if (closed) {
      throw new IllegalStateException("OnnxScorer " + artifact.label() + " is closed");
    }
    int floats = ModelInput.floatsPerWindow(windowBars);
    FloatBuffer[] holder = batchBuffers.get();
    if (holder[0] == null || holder[0].capacity() < windows.size() * floats) {
      holder[0] =
          ByteBuffer.allocateDirect(windows.size() * floats * Float.BYTES)
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer();
    }
    FloatBuffer input = holder[0];
    input.clear();
    for (float[] window : windows) {
      if (window.length != floats) {
        throw new IllegalArgumentException(
            artifact.label()
                + ": expected "
                + floats
                + " floats ("
                + (windowBars + 1)
                + " bars x 5) per window, found "
                + window.length);
      }
      input.put(window);
    }
    input.flip();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                OrtEnvironment.getEnvironment(),
                input,
                ModelInput.shape(windows.size(), windowBars));
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      double[] predicted = new double[windows.size()];
      for (int i = 0; i < predicted.length; i++) {
        predicted[i] = out.get(i);
      }
      return predicted;
    } catch (OrtException e) {
      throw new ScoringException(
          artifact.label()
              + ": ONNX Runtime failed on a batch of "
              + windows.size()
              + " windows: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String modelName() {
    return artifact.modelName();
  }

  @Override
  public String version() {
    return artifact.version();
  }

  @Override
  public int windowBars() {
    return windowBars;
  }

  /**
   * The provider the session runs on, in words; says so when CUDA was asked for and the CPU took
   * over.
   */
  public String activeProvider() {
    return activeProvider;
  }

  /** The model's metadata_props (the model card). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The verified artifact this scorer was loaded from. */
  public ModelArtifact artifact() {
    return artifact;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(session, artifact);
    }
  }

  private static void closeQuietly(OrtSession session, ModelArtifact artifact) {
    try {
      session.close();
    } catch (OrtException e) {
      log.warn(
          "Could not close the ONNX session of model={} version={}",
          artifact.modelName(),
          artifact.version(),
          e);
    }
  }
}
