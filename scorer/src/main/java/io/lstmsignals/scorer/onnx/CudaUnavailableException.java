package io.lstmsignals.scorer.onnx;

/**
 * The CUDA execution provider was required and cannot be used on this machine or with this build.
 */
public final class CudaUnavailableException extends RuntimeException {
  public CudaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
