package io.lstmsignals.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.lifecycle.TopicSnapshot;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.CsvBarSource;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.retrain.WalkForward;
import io.lstmsignals.trainer.retrain.WalkForward.BarCall;
import io.lstmsignals.trainer.retrainer.RetrainerConfig;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline parity: a year of BTC bars replayed through the pipeline with the retrainer on (a
 * challenger every 180 bars, small epochs) gives exactly what the offline walk-forward computes
 * with the same policy and seed — the same release sha256s, the same decision for every bar by the
 * same version, the same P&amp;L to 1e-9 — as fast as possible, and again paced.
 */
@WithStack
@Timeout(900)
class RetrainParityIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path YEAR = REPO.resolve("data/BTCUSDT-4h-2024.csv");

  private static final Map<String, String> POLICY = new LinkedHashMap<>();

  static {
    POLICY.put(RetrainerConfig.LINES, "lstm-4h:BTCUSDT");
    POLICY.put(RetrainerConfig.EVERY_BARS, "180");
    POLICY.put(RetrainerConfig.WINDOW_BARS, "1000");
    POLICY.put(RetrainerConfig.GATE_METRIC, "mae");
    POLICY.put(RetrainerConfig.TRAIN_WINDOW_BARS, "16");
    POLICY.put(RetrainerConfig.TRAIN_HIDDEN, "8");
    POLICY.put(RetrainerConfig.TRAIN_LAYERS, "1");
    POLICY.put(RetrainerConfig.TRAIN_MAX_EPOCHS, "15");
  }

  private static WalkForward.Result offline;

  @BeforeAll
  static void runTheWalkForwardOffline() {
    BarSeries bars = new CsvBarSource(YEAR, Duration.ofHours(4)).read();
    Map<String, Object> values = new LinkedHashMap<>(POLICY);
    try (Trainer trainer = new Trainer(Kernels.best(), 2)) {
      offline =
          WalkForward.run(
              RetrainerConfig.from(values).policies().getFirst(),
              bars,
              trainer,
              TrainingListener.none(),
              (index, total, decision) -> {});
    }
  }

  @Test
  void aFastReplayWithTheRetrainerOnEqualsTheOfflineWalkForward(
      StackEndpoints stack, @TempDir Path state) throws Exception {
    assertParity(stack, state, 0);
  }

  @Test
  void aPacedReplayGivesTheSameResult(StackEndpoints stack, @TempDir Path state) throws Exception {
    // 2010 bars of 4 h in about a minute.
    assertParity(stack, state, 2010 * 4 * 3600 / 60.0);
  }

  private static void assertParity(StackEndpoints stack, Path state, double speed)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    PipelineTopics topics = PipelineTopics.suffixed(run);
    List<PnlPoint> pnl;
    List<Signal> signals;
    List<ModelRelease> releases;
    try (DemoPipeline pipeline =
        new DemoPipeline(
            stack,
            topics,
            new DemoPipeline.Settings(
                List.of(YEAR),
                null,
                speed,
                0,
                0,
                "REFERENCE_CLOSE",
                "parity-" + run,
                state,
                POLICY),
            line -> {})) {
      pipeline.createTopics();
      pipeline.startRetrainer();
      pipeline.startProcessors();
      pipeline.replay();
      pnl = pipeline.awaitPnl(Duration.ofMinutes(8)).get("BTCUSDT");
      Map<String, Object> client = Map.of("bootstrap.servers", stack.bootstrapServers());
      Map<String, Object> serde = AvroSerdeConfig.specificRecords(stack.registryUrl());
      signals = TopicSnapshot.read(client, serde, topics.signals(), Duration.ofSeconds(60));
      releases = TopicSnapshot.read(client, serde, topics.models(), Duration.ofSeconds(60));
    }

    // The same releases, byte for byte
    assertThat(releases)
        .extracting(ModelRelease::getSha256)
        .containsExactlyInAnyOrderElementsOf(
            offline.promoted().values().stream().map(TrainedModel::sha256).toList());
    assertThat(offline.promoted()).hasSizeGreaterThan(1);

    // The same call on every bar, by the same version: one signal per bar, none lost or repeated
    List<BarCall> calls = offline.bars();
    assertThat(signals).hasSize(calls.size());
    long scored = 0;
    for (int i = 0; i < calls.size(); i++) {
      BarCall expected = calls.get(i);
      Signal signal = signals.get(i);
      assertThat(signal.getBarOpenTime()).isEqualTo(expected.barOpen());
      assertThat(signal.getDecision().name())
          .as("decision on %s", expected.barOpen())
          .isEqualTo(expected.isLong() ? "LONG" : "FLAT");
      assertThat(signal.getReason() == null ? null : signal.getReason().name())
          .as("reason on %s", expected.barOpen())
          .isEqualTo(expected.reason());
      assertThat(signal.getModelVersion())
          .as("version on %s", expected.barOpen())
          .isEqualTo(expected.version());
      if (expected.predictedLogReturn() != null) {
        scored++;
        assertThat(signal.getPredictedLogReturn()).isEqualTo(expected.predictedLogReturn());
      }
    }
    assertThat(scored).isGreaterThan(900);
    assertThat(calls).anyMatch(BarCall::isLong);

    // The same P&L: each realized bar's position and return, and the equity to 1e-9
    assertThat(pnl).hasSize(calls.size() - 1);
    double equity = 1;
    double streamedEquity = 1;
    for (int i = 1; i < calls.size(); i++) {
      double position = calls.get(i - 1).isLong() ? 1 : 0;
      double barReturn = calls.get(i).referenceClose() / calls.get(i - 1).referenceClose() - 1;
      PnlPoint point = pnl.get(i - 1);
      assertThat(point.position()).isEqualTo(position);
      assertThat(point.strategyReturn()).isCloseTo(position * barReturn, within(1e-12));
      equity *= 1 + position * barReturn;
      streamedEquity *= 1 + point.strategyReturn();
    }
    assertThat(streamedEquity).isCloseTo(equity, within(1e-9));
  }
}
