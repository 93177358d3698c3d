package io.lstmsignals.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bars from a CSV file with the header {@code open_time_utc,open,high,low,close,volume} (the format
 * of the files under {@code data/}; see {@code data/PROVENANCE.md}). Every malformed row is
 * reported with the file and its 1-based line number.
 */
public final class CsvBarSource implements BarSource {

  /** The header every bar file starts with. */
  public static final String HEADER = "open_time_utc,open,high,low,close,volume";

  private static final String[] COLUMNS = HEADER.split(",");

  private final Path file;
  private final Duration interval;

  /**
   * @param interval the bar length of the file (4h for the study)
   */
  public CsvBarSource(Path file, Duration interval) {
    this.file = Objects.requireNonNull(file, "file");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public BarSeries read() {
    List<OhlcvBar> bars = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw new BarDataException(
            file + " line 1: header is '" + header + "', expected '" + HEADER + "'");
      }
      int lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (!line.isBlank()) {
          bars.add(parse(line, lineNumber));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read bar file " + file + ": " + e.getMessage(), e);
    }
    try {
      return new BarSeries(describe(), interval, bars);
    } catch (BarDataException e) {
      throw new BarDataException(file + ": " + e.getMessage(), e);
    }
  }

  private OhlcvBar parse(String line, int lineNumber) {
    String[] cells = line.split(",", -1);
    if (cells.length != COLUMNS.length) {
      throw rowError(
          lineNumber,
          "has " + cells.length + " columns, expected " + COLUMNS.length + " (" + HEADER + ")",
          null);
    }
    Instant openTime;
    try {
      openTime = Instant.parse(cells[0].strip());
    } catch (DateTimeParseException e) {
      throw rowError(
          lineNumber, "open_time_utc '" + cells[0] + "' is not an ISO-8601 UTC instant", e);
    }
    double[] values = new double[COLUMNS.length - 1];
    for (int column = 1; column < COLUMNS.length; column++) {
      String cell = cells[column].strip();
      try {
        values[column - 1] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw rowError(lineNumber, COLUMNS[column] + " '" + cell + "' is not a number", e);
      }
      if (!Double.isFinite(values[column - 1])) {
        throw rowError(lineNumber, COLUMNS[column] + " '" + cell + "' is not finite", null);
      }
    }
    try {
      return new OhlcvBar(openTime, values[0], values[1], values[2], values[3], values[4]);
    } catch (IllegalArgumentException e) {
      throw rowError(lineNumber, e.getMessage(), e);
    }
  }

  private BarDataException rowError(int lineNumber, String reason, Throwable cause) {
    return new BarDataException(file + " line " + lineNumber + ": " + reason, cause);
  }

  @Override
  public String describe() {
    return "csv:" + file;
  }
}
