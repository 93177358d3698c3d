package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a trained artifact directory into a release after checking it the way a scorer will
 * (contract and smoke inference), so a bad artifact is caught before anything is published.
 */
public final class ModelPublisher {
  private static final Logger log = LoggerFactory.getLogger(ModelPublisher.class);

  private ModelPublisher() {}

  /**
   * The verified release of an artifact directory.
   *
   * @param version the release version; the card's lstm.version when null
   * @throws io.lstmsignals.scorer.model.ModelContractException if a scorer would refuse it
   */
  public static ModelRelease releaseOf(
      ArtifactDirectory artifact, String line, String version, Instant releasedAt) {
    String resolvedVersion =
        version != null
            ? version
            : artifact
                .entry(ModelCardKeys.VERSION)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Artifact "
                                + artifact.directory()
                                + " has no "
                                + ModelCardKeys.VERSION
                                + " in its card; pass --model-version"));
    try (OnnxScorer verified =
        OnnxScorer.load(artifact.asArtifact(line, resolvedVersion), OnnxRuntimeOptions.cpu())) {
      log.info(
          "Verified artifact dir={} line={} version={} windowBars={}",
          artifact.directory(),
          line,
          resolvedVersion,
          verified.windowBars());
    }
    try {
      return LifecycleRecords.releaseOf(
          line, resolvedVersion, artifact.onnx(), artifact.card(), releasedAt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Artifact " + artifact.directory() + ": " + e.getMessage(), e);
    }
  }
}
