package io.lstmsignals.scorer.model;

import io.lstmsignals.schemas.contract.ArtifactLayout;

/**
 * An ONNX model as released: its bytes and what the release claims about them.
 *
 * @param modelName the model line, e.g. lstm-4h
 * @param version the release version
 * @param onnx the serialized ONNX ModelProto
 * @param sha256 lower-case hex SHA-256 the bytes must hash to
 * @param declaredWindowBars W as the release declares it; the model's own metadata must agree
 */
public record ModelArtifact(
    String modelName, String version, byte[] onnx, String sha256, int declaredWindowBars) {

  public ModelArtifact {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("ModelArtifact: modelName must not be blank");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "ModelArtifact " + modelName + ": version must not be blank");
    }
    if (onnx == null || onnx.length == 0) {
      throw new IllegalArgumentException(
          "ModelArtifact " + modelName + "@" + version + ": no artifact bytes");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "ModelArtifact "
              + modelName
              + "@"
              + version
              + ": sha256 '"
              + sha256
              + "' must be 64 lower-case hex digits");
    }
    if (declaredWindowBars < 1) {
      throw new IllegalArgumentException(
          "ModelArtifact "
              + modelName
              + "@"
              + version
              + ": windowBars "
              + declaredWindowBars
              + " must be >= 1");
    }
  }

  /**
   * Checks that the bytes hash to the declared sha256.
   *
   * @throws ModelContractException if they do not
   */
  public void verifySha256() {
    String actual = ArtifactLayout.sha256(onnx);
    if (!actual.equals(sha256)) {
      throw new ModelContractException(
          label()
              + ": sha256 mismatch: expected "
              + sha256
              + ", found "
              + actual
              + " over "
              + onnx.length
              + " bytes (corrupt or tampered artifact)");
    }
  }

  /** "name@version", for messages. */
  public String label() {
    return "model " + modelName + "@" + version;
  }

  @Override
  public String toString() {
    return "ModelArtifact["
        + modelName
        + "@"
        + version
        + ", "
        + onnx.length
        + " bytes, sha256="
        + sha256
        + ", windowBars="
        + declaredWindowBars
        + "]";
  }
}
