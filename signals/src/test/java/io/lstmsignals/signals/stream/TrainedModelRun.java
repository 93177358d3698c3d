package io.lstmsignals.signals.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The trainer's artifact {@code models/lstm-4h-default/}: its offline per-test-row decisions
 * ({@code predictions.csv}, see trainer/README.md) as signals, and its offline figures ({@code
 * model.json} keys {@code lstm.metric.cumulativeReturn} and {@code lstm.metric.sharpe}, the latter
 * possibly "undefined").
 */
record TrainedModelRun(
    Path directory, List<Signal> signals, double cumulativeReturn, OptionalDouble sharpe) {

  static final String MODEL = "lstm-4h-default";
  private static final String HEADER =
      "reference_open_time_utc,reference_close,predicted_log_return,"
          + "predicted_close,decision,target_open_time_utc,actual_close";

  /**
   * The artifact the repository ships (models/lstm-4h-default, made by bin/trainer), or the one
   * under the directory named by system property {@code lstm.models.dir}.
   *
   * @throws AssertionError if it is missing: the parity tests must run, not skip
   */
  static Path shipped() {
    String modelsDir = System.getProperty("lstm.models.dir");
    List<Path> candidates = new java.util.ArrayList<>();
    if (modelsDir != null) {
      candidates.add(Path.of(modelsDir).resolve(MODEL));
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        candidates.add(dir.resolve("models").resolve(MODEL));
      }
    }
    return candidates.stream()
        .filter(
            c ->
                Files.isRegularFile(c.resolve("predictions.csv"))
                    && Files.isRegularFile(c.resolve("model.json")))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "No trained artifact "
                        + MODEL
                        + " (predictions.csv + model.json) in "
                        + candidates.getFirst()
                        + " or above: the repository ships it; bin/trainer train rebuilds it"));
  }

  static TrainedModelRun load(Path directory) {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("predictions.csv"));
      if (!lines.get(0).equals(HEADER)) {
        throw new IllegalStateException(
            directory + "/predictions.csv: header " + lines.get(0) + ", expected " + HEADER);
      }
      List<Signal> signals = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String[] f = lines.get(i).split(",");
        Instant referenceOpen = Instant.parse(f[0]);
        boolean isLong = f[4].equals("LONG");
        signals.add(
            Signal.newBuilder()
                .setSymbol(StudyReplay.SYMBOL)
                .setInterval("4h")
                .setBarOpenTime(referenceOpen)
                .setBarCloseTime(referenceOpen.plusMillis(SyntheticMarket.H4))
                .setDecision(isLong ? Decision.LONG : Decision.FLAT)
                .setReason(isLong ? null : FlatReason.PREDICTED_NOT_UP)
                .setReasonDetail(null)
                .setPredictedLogReturn(Double.parseDouble(f[2]))
                .setReferenceClose(Double.parseDouble(f[1]))
                .setPredictedClose(Double.parseDouble(f[3]))
                .setModelVersion(MODEL)
                .setScoredAt(referenceOpen.plusMillis(SyntheticMarket.H4))
                .build());
      }
      JsonNode card = new ObjectMapper().readTree(directory.resolve("model.json").toFile());
      double cumulative = Double.parseDouble(card.get("lstm.metric.cumulativeReturn").asText());
      String sharpe = card.get("lstm.metric.sharpe").asText();
      return new TrainedModelRun(
          directory,
          signals,
          cumulative,
          sharpe.equals("undefined")
              ? OptionalDouble.empty()
              : OptionalDouble.of(Double.parseDouble(sharpe)));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the trained model at " + directory, e);
    }
  }
}
