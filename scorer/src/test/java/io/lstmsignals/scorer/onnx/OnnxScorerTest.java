package io.lstmsignals.scorer.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelContractException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OnnxScorerTest {
  private static final int W = 6;

  private static ModelArtifact artifactOf(byte[] bytes) {
    return new ModelArtifact("test-model", "v1", bytes, ArtifactLayout.sha256(bytes), W);
  }

  private static float[] window(int bars) {
    float[] flat = new float[bars * 5];
    for (int i = 0; i < bars; i++) {
      float close = 100 + i * i;
      ModelInput.put(flat, i, close - 1, close + 2, close - 2, close, 7);
    }
    return flat;
  }

  @Test
  void shouldPredictWhatTheModelComputes() {
    try (OnnxScorer scorer =
        OnnxScorer.load(TestModels.artifact("v1", W, 2f), OnnxRuntimeOptions.cpu())) {
      float[] bars = window(W + 1);

      double predicted = scorer.predictLogReturn(bars);

      assertThat(scorer.windowBars()).isEqualTo(W);
      assertThat(scorer.barsNeeded()).isEqualTo(W + 1);
      assertThat(scorer.activeProvider()).isEqualTo("CPU");
      assertThat(scorer.metadata()).containsEntry(ModelCardKeys.WINDOW_BARS, String.valueOf(W));
      assertThat(predicted).isCloseTo(TestModels.expected(bars, 2f), within(1e-5));
      assertThat(scorer.predictLogReturn(bars)).isEqualTo(predicted);
    }
  }

  @Test
  void shouldRefuseBytesThatDoNotHashToTheReleasedSha256() {
    byte[] bytes = TestModels.momentum(W, 1f);
    String otherSha = ArtifactLayout.sha256(new byte[] {1});

    assertThatThrownBy(
            () ->
                OnnxScorer.load(
                    new ModelArtifact("test-model", "v3", bytes, otherSha, W),
                    OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining(
            "model test-model@v3: sha256 mismatch: expected "
                + otherSha
                + ", found "
                + ArtifactLayout.sha256(bytes));
  }

  @Test
  void shouldRefuseBytesThatAreNoOnnxModel() {
    byte[] corrupt = Arrays.copyOf(TestModels.momentum(W, 1f), 40);

    assertThatThrownBy(() -> OnnxScorer.load(artifactOf(corrupt), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("expected a loadable ONNX model, found 40 bytes");
  }

  @Test
  void shouldRefuseAWindowDimensionThatIsNotWPlusOne() {
    assertThatThrownBy(
            () ->
                OnnxScorer.load(artifactOf(TestModels.wrongWindowDim(W)), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining(
            "expected input 'bars' window dimension 7 (W + 1 for W = 6), found [-1, 8, 5]");
  }

  @Test
  void shouldRefuseAnInputWithoutFiveFeatures() {
    assertThatThrownBy(
            () -> OnnxScorer.load(artifactOf(TestModels.fourFeatures(W)), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("expected input 'bars' of shape [N, W+1, 5], found [-1, 7, 4]");
  }

  @Test
  void shouldRefuseAnOutputThatIsNotOneColumn() {
    assertThatThrownBy(
            () -> OnnxScorer.load(artifactOf(TestModels.twoOutputs(W)), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining("expected output 'log_return' of shape [N, 1], found [-1, 2]");
  }

  @Test
  void shouldRefuseAModelWithoutItsWindowInTheMetadata() {
    assertThatThrownBy(
            () ->
                OnnxScorer.load(
                    artifactOf(TestModels.noWindowMetadata(W)), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining(
            "expected metadata_props 'lstm.window_bars' to hold W as an integer, found no such key");
  }

  @Test
  void shouldRefuseAReleaseWhoseWindowDisagreesWithTheModel() {
    byte[] bytes = TestModels.momentum(W, 1f);

    assertThatThrownBy(
            () ->
                OnnxScorer.load(
                    new ModelArtifact(
                        "test-model", "v1", bytes, ArtifactLayout.sha256(bytes), W + 2),
                    OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining(
            "expected W = 8 as the release declares, found lstm.window_bars = 6 in the model");
  }

  @Test
  void shouldRefuseAModelWhoseSmokeInferenceIsNotFinite() {
    assertThatThrownBy(
            () -> OnnxScorer.load(artifactOf(TestModels.nanOutput(W)), OnnxRuntimeOptions.cpu()))
        .isInstanceOf(ModelContractException.class)
        .hasMessageContaining(
            "expected a finite log-return from the smoke inference on a synthetic window, found NaN");
  }

  @Test
  void shouldFailFastWithAClearMessageWhenCudaIsRequiredAndUnavailable() {
    OnnxRuntimeOptions cuda = new OnnxRuntimeOptions(ExecutionProvider.CUDA, 0, 1);

    assertThatThrownBy(() -> OnnxScorer.load(TestModels.artifact("v1", W, 1f), cuda))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageStartingWith("Execution provider 'cuda' (device 0) cannot be used: ")
        .hasMessageContaining("use scorer.onnx.provider=cpu or cuda-or-cpu instead");
  }

  @Test
  void shouldFallBackToTheCpuAndSaySoWhenCudaIsUnavailable() {
    OnnxRuntimeOptions cudaOrCpu = new OnnxRuntimeOptions(ExecutionProvider.CUDA_OR_CPU, 0, 1);

    try (OnnxScorer scorer = OnnxScorer.load(TestModels.artifact("v1", W, 1f), cudaOrCpu)) {
      float[] bars = window(W + 1);

      assertThat(scorer.activeProvider()).startsWith("CPU (fallback: CUDA device 0 unavailable: ");
      assertThat(scorer.predictLogReturn(bars))
          .isCloseTo(TestModels.expected(bars, 1f), within(1e-5));
    }
  }

  @Test
  void shouldRefuseToScoreOnceClosed() {
    OnnxScorer scorer = OnnxScorer.load(TestModels.artifact("v1", W, 1f), OnnxRuntimeOptions.cpu());
    scorer.close();

    assertThatThrownBy(() -> scorer.predictLogReturn(window(W + 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void shouldParseProviderNamesAndListThemWhenUnknown() {
    assertThat(ExecutionProvider.parse("CUDA-or-CPU")).isEqualTo(ExecutionProvider.CUDA_OR_CPU);
    assertThatThrownBy(() -> ExecutionProvider.parse("tpu"))
        .hasMessage("must be one of cpu, cuda, cuda-or-cpu, got 'tpu'");
  }
}
