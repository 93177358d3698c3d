package io.lstmsignals.trainer.artifact;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.export.ModelCard;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A written artifact directory.
 *
 * @param sha256 lower-case hex SHA-256 of {@code model.onnx}
 * @param test the evaluation on the test rows via ONNX Runtime, when data was given
 */
public record ModelArtifact(
    Path directory, ModelCard card, String sha256, Optional<TestEvaluation> test) {

  /** The bytes of {@code model.onnx}, checked against {@code model.sha256}. */
  public byte[] onnx() {
    return ArtifactLayout.readModel(directory);
  }
}
