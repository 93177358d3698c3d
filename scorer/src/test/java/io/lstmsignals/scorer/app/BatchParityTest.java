package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model scores a batch of real windows exactly as it scores each alone: the scorer
 * batches windows across symbols, so a signal must not depend on which windows shared its run.
 */
class BatchParityTest {

  @Test
  void shouldScoreEachWindowOfABatchBitForBitAsAlone() throws Exception {
    ArtifactDirectory dir =
        ArtifactDirectory.read(CsvBars.repositoryRoot().resolve("models/lstm-4h-default"));
    List<Bar> bars =
        CsvBars.read(
            CsvBars.repositoryRoot().resolve("data/BTCUSDT-4h-2024.csv"),
            "BTCUSDT",
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"));
    try (OnnxScorer scorer =
        OnnxScorer.load(dir.asArtifact("lstm-4h", "v1"), OnnxRuntimeOptions.cpu())) {
      int needed = scorer.barsNeeded();
      List<float[]> windows = new ArrayList<>();
      for (int end = needed; end <= bars.size(); end++) {
        float[] window = new float[needed * ModelInput.FIELDS];
        for (int i = 0; i < needed; i++) {
          Bar bar = bars.get(end - needed + i);
          ModelInput.put(
              window,
              i,
              bar.getOpen(),
              bar.getHigh(),
              bar.getLow(),
              bar.getClose(),
              bar.getVolume());
        }
        windows.add(window);
      }
      double[] alone = windows.stream().mapToDouble(scorer::predictLogReturn).toArray();

      for (int batch : new int[] {2, 7, 64, 500}) {
        double[] batched = new double[windows.size()];
        for (int from = 0; from < windows.size(); from += batch) {
          List<float[]> chunk = windows.subList(from, Math.min(windows.size(), from + batch));
          System.arraycopy(scorer.predictLogReturns(chunk), 0, batched, from, chunk.size());
        }

        assertThat(batched).as("batches of %d", batch).containsExactly(alone);
      }
      assertThat(windows).hasSizeGreaterThan(1000);
    }
  }
}
