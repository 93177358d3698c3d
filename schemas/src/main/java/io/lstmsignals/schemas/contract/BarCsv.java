package io.lstmsignals.schemas.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The CSV format of bar files, the one both ingest (replay) and the trainer read: the header
 * {@value #HEADER}, then one closed bar per line, its open time in ISO-8601 UTC and its prices in
 * the quote asset, volume in the base asset (data/PROVENANCE.md). Blank lines are skipped; the
 * header may carry a byte-order mark, spaces or upper case. The file's name says its symbol and
 * interval ({@link BarFileName}); the lines carry neither.
 */
public final class BarCsv {

  /** The header every bar file starts with. */
  public static final String HEADER = "open_time_utc,open,high,low,close,volume";

  /** The columns, in file order. */
  public static final List<String> COLUMNS = List.of(HEADER.split(","));

  private BarCsv() {}

  /** One line of a bar file: its values, or why they cannot be read. */
  public sealed interface Line {
    /** 1-based line number in the file (the header is line 1). */
    long lineNumber();

    /** The line as it was. */
    String text();
  }

  /**
   * A line with six readable values. Whether they form a bar is {@link BarRules}' question.
   *
   * @param openTime the bar's open time, UTC
   */
  public record Row(
      long lineNumber,
      String text,
      Instant openTime,
      double open,
      double high,
      double low,
      double close,
      double volume)
      implements Line {}

  /**
   * A line that does not hold six readable values.
   *
   * @param reason what is wrong, naming the column and the value
   * @param cause the parse exception, or null
   */
  public record Malformed(long lineNumber, String text, String reason, Exception cause)
      implements Line {}

  /** Reads one line of values (not the header). */
  public static Line parse(long lineNumber, String text) {
    String[] cells = text.split(",", -1);
    if (cells.length != COLUMNS.size()) {
      return new Malformed(
          lineNumber,
          text,
          "expected " + COLUMNS.size() + " columns (" + HEADER + "), found " + cells.length,
          null);
    }
    Instant openTime;
    try {
      openTime = Instant.parse(cells[0].strip());
    } catch (DateTimeParseException e) {
      return new Malformed(
          lineNumber,
          text,
          "open_time_utc '" + cells[0] + "' is not an ISO-8601 UTC time like 2024-01-01T00:00:00Z",
          e);
    }
    double[] values = new double[COLUMNS.size() - 1];
    for (int i = 0; i < values.length; i++) {
      String cell = cells[i + 1].strip();
      try {
        values[i] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        return new Malformed(
            lineNumber, text, COLUMNS.get(i + 1) + " '" + cell + "' is not a number", e);
      }
    }
    return new Row(
        lineNumber, text, openTime, values[0], values[1], values[2], values[3], values[4]);
  }

  /** The line of a bar, as the files write it. */
  public static String format(
      Instant openTime, double open, double high, double low, double close, double volume) {
    return String.join(
        ",",
        openTime.toString(),
        Double.toString(open),
        Double.toString(high),
        Double.toString(low),
        Double.toString(close),
        Double.toString(volume));
  }

  /**
   * Opens a bar file and checks its header.
   *
   * @throws BarFileException naming the file when it is missing, unreadable, empty or has another
   *     header
   */
  public static Reader open(Path file) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BarFileException(
          "File " + file + " not found (working directory " + Path.of("").toAbsolutePath() + ")",
          e);
    } catch (IOException e) {
      throw new BarFileException("File " + file + " cannot be read: " + e, e);
    }
    try {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new BarFileException(
            "File " + file + " is empty: expected the header " + HEADER + " and bars");
      }
      String normalized = header.strip().replace(" ", "").toLowerCase(Locale.ROOT);
      if (normalized.startsWith("\ufeff")) {
        normalized = normalized.substring(1);
      }
      if (!normalized.equals(HEADER)) {
        throw new BarFileException(
            "File " + file + " line 1: header '" + header + "' must be " + HEADER);
      }
      return new Reader(file, reader);
    } catch (IOException | RuntimeException e) {
      try {
        reader.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof BarFileException refused) {
        throw refused;
      }
      throw new BarFileException("File " + file + " cannot be read: " + e, e);
    }
  }

  /** The lines of an open bar file after its header, blank ones skipped. The caller closes it. */
  public static final class Reader implements Iterator<Line>, AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private long lineNumber = 1;
    private Line next;

    private Reader(Path file, BufferedReader reader) {
      this.file = file;
      this.reader = reader;
    }

    public Path file() {
      return file;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = readNext();
      }
      return next != null;
    }

    @Override
    public Line next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more lines in " + file);
      }
      Line line = next;
      next = null;
      return line;
    }

    private Line readNext() {
      try {
        String text;
        do {
          text = reader.readLine();
          lineNumber++;
          if (text == null) {
            return null;
          }
        } while (text.isBlank());
        return parse(lineNumber, text);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "File " + file + " line " + lineNumber + " cannot be read: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not close " + file, e);
      }
    }
  }
}
