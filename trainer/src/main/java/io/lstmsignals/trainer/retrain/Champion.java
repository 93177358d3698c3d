package io.lstmsignals.trainer.retrain;

import java.time.Instant;
import java.util.Objects;

/**
 * The version in force before a decision, as the gate needs it.
 *
 * @param onnx its artifact bytes
 * @param lastBarSeen open time of the newest bar it was trained or validated on: bars after it are
 *     out-of-sample for it
 */
public record Champion(String version, String sha256, byte[] onnx, Instant lastBarSeen) {
  public Champion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(onnx, "onnx");
    Objects.requireNonNull(lastBarSeen, "lastBarSeen");
  }
}
