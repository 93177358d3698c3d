package io.lstmsignals.scorer.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lstmsignals.service.threads.DeepStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How sessions are opened: execution provider, CUDA device and intra-op threads (1 by default,
 * since stream threads already run in parallel).
 *
 * <p>ONNX Runtime has no automatic fallback: with the CPU jar {@code addCUDA} fails with
 * ORT_EP_FAIL, with the GPU jar and no CUDA libraries with ORT_FAIL. {@link
 * ExecutionProvider#CUDA_OR_CPU} therefore retries with fresh options that do not name CUDA.
 */
public record OnnxRuntimeOptions(ExecutionProvider provider, int cudaDeviceId, int intraOpThreads) {
  private static final Logger log = LoggerFactory.getLogger(OnnxRuntimeOptions.class);

  public OnnxRuntimeOptions {
    if (provider == null) {
      throw new IllegalArgumentException("OnnxRuntimeOptions: provider must not be null");
    }
    if (cudaDeviceId < 0) {
      throw new IllegalArgumentException(
          "OnnxRuntimeOptions: CUDA device id " + cudaDeviceId + " must be >= 0");
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "OnnxRuntimeOptions: intra-op threads " + intraOpThreads + " must be >= 1");
    }
  }

  /** CPU, one intra-op thread. */
  public static OnnxRuntimeOptions cpu() {
    return new OnnxRuntimeOptions(ExecutionProvider.CPU, 0, 1);
  }

  /**
   * Checks at start-up, before any model arrives, that the provider can be used: for {@link
   * ExecutionProvider#CUDA} it fails fast; for {@link ExecutionProvider#CUDA_OR_CPU} it logs which
   * one sessions will get.
   *
   * @return the provider sessions will run on, in words
   * @throws CudaUnavailableException if CUDA is required and cannot be registered
   */
  public String probe() {
    if (provider == ExecutionProvider.CPU) {
      return "CPU";
    }
    try (OrtSession.SessionOptions options = baseOptions()) {
      options.addCUDA(cudaDeviceId);
      log.info("CUDA execution provider registered device={}", cudaDeviceId);
      return cudaName();
    } catch (OrtException e) {
      if (provider == ExecutionProvider.CUDA) {
        throw cudaUnavailable(e);
      }
      log.warn(
          "CUDA execution provider unavailable (device={}): {}; sessions will run on the CPU provider",
          cudaDeviceId,
          e.getMessage());
      return cpuFallbackName(e);
    }
  }

  /**
   * An open session and the provider it actually runs on, in words (e.g. "CPU (CUDA unavailable:
   * ...)").
   */
  public record OpenedSession(OrtSession session, String activeProvider) {}

  /**
   * Opens a session on the serialized model with these options.
   *
   * @throws CudaUnavailableException if {@link ExecutionProvider#CUDA} was asked for and cannot be
   *     used
   * @throws OrtException if the runtime rejects the model itself
   */
  public OpenedSession open(OrtEnvironment environment, byte[] model) throws OrtException {
    return switch (provider) {
      case CPU -> new OpenedSession(openOnCpu(environment, model), "CPU");
      case CUDA -> {
        try {
          yield new OpenedSession(openOnCuda(environment, model), cudaName());
        } catch (OrtException e) {
          throw cudaUnavailable(e);
        }
      }
      case CUDA_OR_CPU -> {
        try {
          yield new OpenedSession(openOnCuda(environment, model), cudaName());
        } catch (OrtException e) {
          log.warn(
              "CUDA execution provider unavailable (device={}): {}; falling back to the CPU provider",
              cudaDeviceId,
              e.getMessage());
          yield new OpenedSession(openOnCpu(environment, model), cpuFallbackName(e));
        }
      }
    };
  }

  private CudaUnavailableException cudaUnavailable(OrtException e) {
    return new CudaUnavailableException(
        "Execution provider 'cuda' (device "
            + cudaDeviceId
            + ") cannot be used: "
            + e.getMessage()
            + ". Expected an NVIDIA GPU, its CUDA 12 libraries and a scorer built with -Pcuda"
            + " (onnxruntime_gpu); use scorer.onnx.provider=cpu or cuda-or-cpu instead",
        e);
  }

  private String cpuFallbackName(OrtException e) {
    return "CPU (fallback: CUDA device " + cudaDeviceId + " unavailable: " + e.getMessage() + ")";
  }

  private String cudaName() {
    return "CUDA device " + cudaDeviceId;
  }

  private OrtSession openOnCpu(OrtEnvironment environment, byte[] model) throws OrtException {
    try (OrtSession.SessionOptions options = baseOptions()) {
      return DeepStack.call("onnx-session-open", () -> environment.createSession(model, options));
    }
  }

  private OrtSession openOnCuda(OrtEnvironment environment, byte[] model) throws OrtException {
    try (OrtSession.SessionOptions options = baseOptions()) {
      options.addCUDA(cudaDeviceId);
      return DeepStack.call("onnx-session-open", () -> environment.createSession(model, options));
    }
  }

  private OrtSession.SessionOptions baseOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(intraOpThreads);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return options;
  }
}
