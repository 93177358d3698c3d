package io.lstmsignals.scorer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.onnx.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactDirectoryTest {

  @Test
  void shouldTurnAnArtifactDirectoryIntoARelease(@TempDir Path dir) throws Exception {
    TestModels.writeArtifact(dir, 6, 1f, "2024-11-30T20Z-seed42");

    ModelRelease release =
        ModelPublisher.releaseOf(
            ArtifactDirectory.read(dir), "lstm-4h", null, Instant.parse("2025-01-01T00:00:00Z"));

    byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
    assertThat(release.getModelName()).isEqualTo("lstm-4h");
    assertThat(release.getVersion()).isEqualTo("2024-11-30T20Z-seed42");
    assertThat(release.getSha256()).isEqualTo(ArtifactLayout.sha256(bytes));
    assertThat(release.getWindowBars()).isEqualTo(6);
    assertThat(release.getInterval()).isEqualTo("4h");
    assertThat(release.getArtifact().remaining()).isEqualTo(bytes.length);
    assertThat(release.getMetadata()).containsEntry("lstm.window_bars", "6");
  }

  @Test
  void shouldPreferTheVersionGivenOnTheCommandLine(@TempDir Path dir) throws Exception {
    TestModels.writeArtifact(dir, 6, 1f, "card-version");

    ModelRelease release =
        ModelPublisher.releaseOf(ArtifactDirectory.read(dir), "lstm-4h", "v7", Instant.EPOCH);

    assertThat(release.getVersion()).isEqualTo("v7");
  }

  @Test
  void shouldRefuseADirectoryWhoseDigestFileDisagrees(@TempDir Path dir) throws Exception {
    TestModels.writeArtifact(dir, 6, 1f, "v1");
    Files.writeString(dir.resolve("model.sha256"), "0".repeat(64) + "  model.onnx\n");

    assertThatThrownBy(() -> ArtifactDirectory.read(dir))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("model.sha256 says " + "0".repeat(64) + ", model.onnx hashes to ");
  }
}
