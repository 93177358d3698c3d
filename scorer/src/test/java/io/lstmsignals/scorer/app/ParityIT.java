package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelCardKeys;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streamed scorer agrees with the trainer's offline evaluation: the study's bars through the
 * real broker, the trained artifact released on the models topic, and for every test row of
 * predictions.csv the same predicted log-return (within 1e-6) and the same long/flat decision.
 */
@WithStack
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ParityIT {
  private static final Logger log = LoggerFactory.getLogger(ParityIT.class);
  private static final Path ARTIFACT = CsvBars.repositoryRoot().resolve("models/lstm-4h-default");

  /**
   * One row of predictions.csv (trainer/README.md): the decision made on the close of the bar that
   * opened at {@code referenceTime}, from the ONNX model's float32 output.
   */
  private record Offline(Instant referenceTime, double predictedLogReturn, Decision decision) {}

  private static List<Offline> offlinePredictions() throws Exception {
    List<String> lines = Files.readAllLines(ARTIFACT.resolve(ArtifactLayout.PREDICTIONS_FILE));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    Function<String, Integer> column =
        name -> {
          int index = header.indexOf(name);
          if (index < 0) {
            throw new IllegalStateException(
                "predictions.csv has no column " + name + ": " + header);
          }
          return index;
        };
    int reference = column.apply("reference_open_time_utc");
    int predicted = column.apply("predicted_log_return");
    int decision = column.apply("decision");
    return lines.stream()
        .skip(1)
        .map(line -> line.split(","))
        .map(
            f ->
                new Offline(
                    Instant.parse(f[reference]),
                    Double.parseDouble(f[predicted]),
                    Decision.valueOf(f[decision])))
        .toList();
  }

  @Test
  void shouldStreamTheSamePredictionsAndDecisionsAsTheOfflineEvaluation(StackEndpoints stack)
      throws Exception {
    // Given the study's bars and the trained artifact, released with the release command
    List<Bar> bars =
        CsvBars.read(
            CsvBars.repositoryRoot().resolve("data/BTCUSDT-4h-2024.csv"),
            "BTCUSDT",
            Instant.MIN,
            Instant.MAX);
    List<Offline> offline = offlinePredictions();
    ArtifactDirectory artifact = ArtifactDirectory.read(ARTIFACT);
    String version = artifact.entry(ModelCardKeys.VERSION).orElseThrow();
    try (ScorerHarness harness = new ScorerHarness(stack, "parity", 1)) {
      int exit =
          ScorerMain.commandLine()
              .execute(
                  "release",
                  "--artifact",
                  ARTIFACT.toString(),
                  "--line",
                  ScorerHarness.MODEL,
                  "--models-topic",
                  harness.modelsTopic(),
                  "--promotions-topic",
                  harness.promotionsTopic(),
                  "--promote",
                  "--signing-key",
                  ScorerHarness.KEYS.resolve("releaser" + SigningKey.KEY_SUFFIX).toString(),
                  "--bootstrap-servers",
                  stack.bootstrapServers(),
                  "--schema-registry-url",
                  stack.registryUrl());
      assertThat(exit).as("scorer release exit code").isZero();
      harness.start(Map.of("scorer.window.capacity", String.valueOf(artifact.windowBars() + 1)));

      // When every bar streams through the broker
      harness.produce(bars);
      List<Signal> signals = harness.awaitSignals(bars.size(), Duration.ofSeconds(120));

      // Then every test row is scored as offline
      Map<Instant, Signal> byBar =
          new HashMap<>(signals.stream().collect(Collectors.toMap(Signal::getBarOpenTime, s -> s)));
      assertThat(byBar).hasSize(bars.size());
      assertThat(offline).hasSizeGreaterThan(400);
      double maxError = 0;
      for (Offline row : offline) {
        Signal signal = byBar.get(row.referenceTime());
        assertThat(signal).as("signal on the close of %s", row.referenceTime()).isNotNull();
        assertThat(signal.getModelVersion()).isEqualTo(version);
        assertThat(signal.getPredictedLogReturn())
            .as("predicted log-return on %s", row.referenceTime())
            .isCloseTo(row.predictedLogReturn(), within(1e-6));
        assertThat(signal.getDecision())
            .as("decision on %s", row.referenceTime())
            .isEqualTo(row.decision());
        maxError =
            Math.max(maxError, Math.abs(signal.getPredictedLogReturn() - row.predictedLogReturn()));
      }
      log.info(
          "Parity over {} test rows: max |streamed - offline| predicted log-return = {}",
          offline.size(),
          maxError);
    }
  }
}
