package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A trained artifact directory as the trainer writes it (trainer/README.md): {@code model.onnx}
 * (self-contained, its model card in metadata_props), {@code model.sha256} (the hex digest first on
 * its line) and, beside them, {@code model.json} and {@code predictions.csv}, which the scorer does
 * not need to load a model.
 *
 * @param directory the directory
 * @param onnx the bytes of model.onnx, verified against model.sha256
 * @param sha256 their lower-case hex SHA-256
 * @param card the model's metadata_props
 */
public record ArtifactDirectory(
    Path directory, byte[] onnx, String sha256, Map<String, String> card) {

  public ArtifactDirectory {
    card = Map.copyOf(card);
  }

  /**
   * Reads and checks an artifact directory.
   *
   * @throws ModelContractException if a file is missing, the digest does not match or the model has
   *     no W
   */
  public static ArtifactDirectory read(Path directory) {
    byte[] onnx;
    try {
      onnx = ArtifactLayout.readModel(directory);
    } catch (IllegalArgumentException digestMismatch) {
      throw new ModelContractException(digestMismatch.getMessage(), digestMismatch);
    }
    return new ArtifactDirectory(
        directory, onnx, ArtifactLayout.sha256(onnx), OnnxScorer.metadataOf(onnx));
  }

  /** W from the model card. */
  public int windowBars() {
    String value = card.get(ModelCardKeys.WINDOW_BARS);
    try {
      return Integer.parseInt(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw new ModelContractException(
          "Artifact "
              + directory
              + ": expected metadata_props "
              + ModelCardKeys.WINDOW_BARS
              + " to hold W, found "
              + value,
          e);
    }
  }

  /** The card entry, if present. */
  public Optional<String> entry(String key) {
    return Optional.ofNullable(card.get(key));
  }

  /** The artifact as a release of {@code modelName} at {@code version} would carry it. */
  public ModelArtifact asArtifact(String modelName, String version) {
    return new ModelArtifact(modelName, version, onnx, sha256, windowBars());
  }
}
