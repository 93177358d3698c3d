package io.lstmsignals.schemas.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An artifact's {@code predictions.csv}: one line per evaluated bar, in time order, under the
 * header {@value #HEADER}. The trainer writes the model's own ONNX Runtime predictions there; the
 * scorer's and the pipeline's parity tests read them back.
 */
public final class PredictionsCsv {

  public static final String HEADER =
      "reference_open_time_utc,reference_close,predicted_log_return,predicted_close,"
          + "decision,target_open_time_utc,actual_close";

  private PredictionsCsv() {}

  /**
   * One prediction.
   *
   * @param referenceOpenTime open time of the window's newest bar b; a scorer emits this prediction
   *     when bar b has closed
   * @param referenceClose close of bar b
   * @param predictedLogReturn the model's float32 output, written as the shortest decimal that
   *     reads back to the same float
   * @param predictedClose {@link DecisionRule#predictedClose}, in double
   * @param isLong {@link DecisionRule#isLong}
   * @param targetOpenTime open time of bar b + 1, the predicted bar
   * @param actualClose its true close
   */
  public record Row(
      Instant referenceOpenTime,
      double referenceClose,
      float predictedLogReturn,
      double predictedClose,
      boolean isLong,
      Instant targetOpenTime,
      double actualClose) {

    /** The row as a line of the file (no line end). */
    public String line() {
      return String.join(
          ",",
          referenceOpenTime.toString(),
          Double.toString(referenceClose),
          Float.toString(predictedLogReturn),
          String.format(Locale.ROOT, "%.6f", predictedClose),
          isLong ? "LONG" : "FLAT",
          targetOpenTime.toString(),
          Double.toString(actualClose));
    }
  }

  /**
   * Reads one line of the file.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Row parse(String line) {
    String[] cells = line.split(",", -1);
    if (cells.length != 7) {
      throw new IllegalArgumentException(
          "predictions.csv line '" + line + "': expected 7 columns (" + HEADER + ")");
    }
    return new Row(
        Instant.parse(cells[0]),
        Double.parseDouble(cells[1]),
        Float.parseFloat(cells[2]),
        Double.parseDouble(cells[3]),
        switch (cells[4]) {
          case "LONG" -> true;
          case "FLAT" -> false;
          default ->
              throw new IllegalArgumentException(
                  "predictions.csv line '" + line + "': decision must be LONG or FLAT");
        },
        Instant.parse(cells[5]),
        Double.parseDouble(cells[6]));
  }

  /** Every row of an artifact's predictions file, in order. */
  public static List<Row> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        throw new IllegalArgumentException(file + ": header must be " + HEADER);
      }
      return lines.stream()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(PredictionsCsv::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
