package io.lstmsignals.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.signals.report.PnlPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's bars through the real pipeline (ingest → broker → scorer with the trained artifact →
 * P&amp;L, zero costs) must reproduce the trainer's offline evaluation: over the 401 test bars,
 * every position equals the artifact's offline decision and the cumulative return and Sharpe equal
 * the offline figures to 1e-9.
 */
@WithStack
@Timeout(600)
class EndToEndIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path STUDY_BARS = REPO.resolve("data/BTCUSDT-4h-2024.csv");
  private static final Path MODEL = REPO.resolve("models/lstm-4h-default");
  private static final int TEST_ROWS = 401;

  @Test
  void shouldReproduceTheOfflineStudyFiguresThroughScorerAndPnl(
      StackEndpoints stack, @TempDir Path state) throws Exception {
    // Given the study's bars and the trained artifact, on topics of this run only
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> progress = new ArrayList<>();
    SequencedMap<String, List<PnlPoint>> pnl;
    ReplayJob.Result replay;
    try (DemoPipeline pipeline =
        new DemoPipeline(
            stack,
            PipelineTopics.suffixed(run),
            new DemoPipeline.Settings(
                List.of(STUDY_BARS),
                MODEL,
                0,
                0,
                0,
                "REFERENCE_CLOSE",
                "e2e-" + run,
                state,
                Map.of()),
            progress::add)) {
      pipeline.createTopics();
      pipeline.releaseModel();
      pipeline.startProcessors();

      // When the bars are replayed through ingest and every bar is realized
      replay = pipeline.replay();
      pnl = pipeline.awaitPnl(Duration.ofMinutes(5));
    }

    // Then the P&L of the test slice is the offline evaluation's, bar for bar
    assertThat(replay.published()).isEqualTo(2010);
    List<PnlPoint> btc = pnl.get("BTCUSDT");
    assertThat(btc).as("one realized bar per study row").hasSize(2009);
    List<PnlPoint> test = btc.subList(btc.size() - TEST_ROWS, btc.size());
    List<String> offlineDecisions =
        Files.readAllLines(MODEL.resolve("predictions.csv")).stream()
            .skip(1)
            .map(line -> line.split(",")[4])
            .toList();
    assertThat(offlineDecisions).hasSize(TEST_ROWS);
    for (int i = 0; i < TEST_ROWS; i++) {
      assertThat(test.get(i).position())
          .as("position over test row %d", i)
          .isEqualTo(offlineDecisions.get(i).equals("LONG") ? 1.0 : 0.0);
    }
    long[] times = test.stream().mapToLong(PnlPoint::barCloseTime).toArray();
    double[] positions = test.stream().mapToDouble(PnlPoint::position).toArray();
    double[] returns = test.stream().mapToDouble(PnlPoint::strategyReturn).toArray();
    PerformanceMetrics streamed =
        PerformanceMetrics.of4h(ReturnSeries.startingFlat(times, positions, returns));
    JsonNode card = new ObjectMapper().readTree(MODEL.resolve("model.json").toFile());
    assertThat(streamed.cumulativeReturn())
        .isCloseTo(card.path("lstm.metric.cumulativeReturn").asDouble(), within(1e-9));
    assertThat(streamed.sharpe()).isPresent();
    assertThat(streamed.sharpe().getAsDouble())
        .isCloseTo(card.path("lstm.metric.sharpe").asDouble(), within(1e-9));
  }

  @Test
  void shouldRunTheReadmeMainJobAsAUserWould(StackEndpoints stack, @TempDir Path runDir)
      throws Exception {
    // Given bin/demo, pointed at this run's stack as a user would with the two variables bin/stack
    // up prints
    ProcessBuilder demo =
        new ProcessBuilder(REPO.resolve("bin/demo").toString(), "--out", runDir.toString())
            .directory(REPO.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = demo.environment();
    env.put("LSTM_STACK_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    env.put("LSTM_STACK_REGISTRY_URL", stack.registryUrl());
    Process process = demo.start();

    // When it runs to the end
    String output = new String(process.getInputStream().readAllBytes());
    int exit = process.waitFor();

    // Then it exits cleanly after printing the report, and leaves the report and its charts behind
    assertThat(exit).as("exit code; output:%n%s", output).isZero();
    assertThat(output).contains("[6/6] Report", "| cumulative return |", "BTCUSDT records=2010");
    assertThat(runDir.resolve("report/report.md")).exists();
    assertThat(runDir.resolve("report/btcusdt-equity.svg")).exists();
    assertThat(runDir.resolve("demo.log")).exists();
  }
}
