package io.lstmsignals.scorer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.onnx.TestModels;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseLoaderTest {
  private final ReleaseLoader loader = new ReleaseLoader(10, "4h", OnnxRuntimeOptions.cpu());

  private static ModelRelease release(String version, int windowBars, byte[] bytes, String sha256) {
    return ModelRelease.newBuilder()
        .setModelName("test-model")
        .setVersion(version)
        .setSha256(sha256)
        .setArtifact(bytes == null ? null : ByteBuffer.wrap(bytes))
        .setArtifactUri(null)
        .setWindowBars(windowBars)
        .setInterval("4h")
        .setReleasedAt(Instant.EPOCH)
        .setTrainedFrom(null)
        .setTrainedTo(null)
        .setMetrics(Map.of())
        .setMetadata(Map.of())
        .build();
  }

  @Test
  void shouldLoadAReleaseThatMeetsTheContract() {
    byte[] bytes = TestModels.momentum(6, 1f);

    try (OnnxScorer scorer = loader.load(release("v1", 6, bytes, ArtifactLayout.sha256(bytes)))) {
      assertThat(scorer.version()).isEqualTo("v1");
      assertThat(scorer.barsNeeded()).isEqualTo(7);
    }
  }

  @Test
  void shouldRefuseAWindowLargerThanTheStateKept() {
    byte[] bytes = TestModels.momentum(12, 1f);

    assertThatThrownBy(() -> loader.load(release("v2", 12, bytes, ArtifactLayout.sha256(bytes))))
        .isInstanceOf(ModelContractException.class)
        .hasMessage(
            "model test-model@v2: needs W + 1 = 13 bars per symbol, the scorer keeps 10"
                + " (scorer.window.capacity): expected windowBars <= 9, found 12");
  }

  @Test
  void shouldRefuseCorruptBytes() {
    byte[] bytes = TestModels.momentum(6, 1f);
    byte[] corrupt = bytes.clone();
    corrupt[corrupt.length / 2] ^= 0x5a;

    assertThatThrownBy(() -> loader.load(release("v3", 6, corrupt, ArtifactLayout.sha256(bytes))))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void shouldRefuseAReleaseWithoutArtifact() {
    assertThatThrownBy(
            () -> loader.load(release("v4", 6, null, ArtifactLayout.sha256(new byte[] {1}))))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("expected an inline artifact or an artifactUri, found neither");
  }

  @Test
  void shouldRefuseAMalformedSha256() {
    byte[] bytes = TestModels.momentum(6, 1f);

    assertThatThrownBy(() -> loader.load(release("v5", 6, bytes, "ABC")))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("sha256 'ABC' must be 64 lower-case hex");
  }
}
