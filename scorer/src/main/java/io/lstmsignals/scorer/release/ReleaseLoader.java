package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a {@link ModelRelease} into a verified, loaded {@link OnnxScorer}, or refuses it with the
 * reason: the window must fit the state kept per symbol, the interval must match, the bytes must
 * hash to the release's sha256, and the model must pass {@link OnnxScorer}'s contract and smoke
 * inference.
 */
public final class ReleaseLoader {
  private final int windowCapacity;
  private final String intervalName;
  private final OnnxRuntimeOptions options;

  /**
   * @param windowCapacity bars kept per symbol (scorer.window.capacity)
   * @param intervalName the bars' interval in exchange notation (4h)
   */
  public ReleaseLoader(int windowCapacity, String intervalName, OnnxRuntimeOptions options) {
    this.windowCapacity = windowCapacity;
    this.intervalName = intervalName;
    this.options = options;
  }

  /**
   * Verifies and loads a release.
   *
   * @throws ModelContractException naming the release, what was expected and what was found
   */
  public OnnxScorer load(ModelRelease release) {
    String label = "model " + release.getModelName() + "@" + release.getVersion();
    if (release.getWindowBars() + 1 > windowCapacity) {
      throw new ModelContractException(
          label
              + ": needs W + 1 = "
              + (release.getWindowBars() + 1)
              + " bars per symbol, the scorer keeps "
              + windowCapacity
              + " (scorer.window.capacity): expected windowBars <= "
              + (windowCapacity - 1)
              + ", found "
              + release.getWindowBars());
    }
    if (!intervalName.equals(release.getInterval())) {
      throw new ModelContractException(
          label
              + ": expected a model of "
              + intervalName
              + " bars, found "
              + release.getInterval());
    }
    ModelArtifact artifact;
    try {
      artifact =
          new ModelArtifact(
              release.getModelName(),
              release.getVersion(),
              artifactBytes(label, release),
              release.getSha256(),
              release.getWindowBars());
    } catch (IllegalArgumentException e) {
      throw new ModelContractException(e.getMessage(), e);
    }
    return OnnxScorer.load(artifact, options);
  }

  private static byte[] artifactBytes(String label, ModelRelease release) {
    ByteBuffer inline = release.getArtifact();
    if (inline != null) {
      byte[] bytes = new byte[inline.remaining()];
      inline.duplicate().get(bytes);
      return bytes;
    }
    String uri = release.getArtifactUri();
    if (uri == null) {
      throw new ModelContractException(
          label + ": expected an inline artifact or an artifactUri, found neither");
    }
    if (!uri.startsWith("file:")) {
      throw new ModelContractException(
          label
              + ": expected a file: artifactUri (the only kind this scorer "
              + "fetches), found "
              + uri);
    }
    try {
      return Files.readAllBytes(Path.of(URI.create(uri)));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelContractException(
          label + ": could not read artifact " + uri + ": " + e.getMessage(), e);
    }
  }
}
