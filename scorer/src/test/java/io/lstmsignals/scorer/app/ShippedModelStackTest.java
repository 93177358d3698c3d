package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The shipped model opens from a thread with a small stack. Opening it recurses in ONNX Runtime's
 * native code past 512 KiB (and, depending on what is already on the stack, past the default 1
 * MiB): without the deep-stack thread sessions open on, this test kills its JVM with SIGSEGV.
 */
class ShippedModelStackTest {

  @Test
  void shouldOpenAndScoreTheShippedModelFromAThreadWithASmallStack() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                ArtifactDirectory dir =
                    ArtifactDirectory.read(
                        CsvBars.repositoryRoot().resolve("models/lstm-4h-default"));
                try (OnnxScorer scorer =
                    OnnxScorer.load(dir.asArtifact("lstm-4h", "v1"), OnnxRuntimeOptions.cpu())) {
                  outcome.set(scorer.barsNeeded());
                }
              } catch (Throwable e) {
                outcome.set(e);
              }
            },
            "small-stack",
            512 << 10);
    small.start();
    small.join();
    assertThat(outcome.get()).isEqualTo(49);
  }
}
