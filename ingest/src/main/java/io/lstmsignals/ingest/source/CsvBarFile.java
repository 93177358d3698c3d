package io.lstmsignals.ingest.source;

import io.lstmsignals.ingest.bar.InvalidBarException;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.Provenance;
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
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A CSV file of bars ({@code open_time_utc,open,high,low,close,volume}, see data/PROVENANCE.md),
 * read line by line with line numbers. Opening checks the file as a whole (exists, named {@code
 * SYMBOL-INTERVAL[-x].csv}, has the header) and throws {@link BarFileException}; each line then
 * becomes an {@link InputRecord}: a bar, or an {@link InputRecord.Unreadable} naming the line and
 * the reason. Blank lines are skipped. The caller closes it.
 */
public final class CsvBarFile implements Iterator<InputRecord>, AutoCloseable {

  /** The header every bar file starts with. */
  public static final String HEADER = "open_time_utc,open,high,low,close,volume";

  private static final String[] COLUMNS = HEADER.split(",");

  private final Path path;
  private final BarFileName name;
  private final String source;
  private final BufferedReader reader;
  private long lineNumber = 1;
  private Instant lastTime = Instant.EPOCH;
  private InputRecord next;

  private CsvBarFile(Path path, BarFileName name, BufferedReader reader) {
    this.path = path;
    this.name = name;
    this.source = "replay:" + path.getFileName();
    this.reader = reader;
  }

  /**
   * Opens {@code path} and reads its header.
   *
   * @throws BarFileException when the file is missing, unreadable, empty, badly named or has
   *     another header
   */
  public static CsvBarFile open(Path path) {
    BarFileName name;
    try {
      name = BarFileName.of(path);
    } catch (IllegalArgumentException e) {
      throw new BarFileException(e.getMessage(), e);
    }
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BarFileException(
          "File " + path + " not found (working directory " + Path.of("").toAbsolutePath() + ")",
          e);
    } catch (IOException e) {
      throw new BarFileException("File " + path + " cannot be read: " + e, e);
    }
    try {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new BarFileException(
            "File " + path + " is empty: expected the header " + HEADER + " and bars");
      }
      String normalized = header.strip().replace(" ", "").toLowerCase(Locale.ROOT);
      if (normalized.startsWith("\ufeff")) {
        normalized = normalized.substring(1);
      }
      if (!normalized.equals(HEADER)) {
        throw new BarFileException(
            "File " + path + " line 1: header '" + header + "' must be " + HEADER);
      }
      return new CsvBarFile(path, name, reader);
    } catch (IOException e) {
      closeQuietly(reader, e);
      throw new BarFileException("File " + path + " cannot be read: " + e, e);
    } catch (BarFileException e) {
      closeQuietly(reader, e);
      throw e;
    }
  }

  private static void closeQuietly(BufferedReader reader, Exception cause) {
    try {
      reader.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  public BarFileName name() {
    return name;
  }

  public Path path() {
    return path;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = readNext();
    }
    return next != null;
  }

  @Override
  public InputRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more lines in " + path);
    }
    InputRecord result = next;
    next = null;
    return result;
  }

  private InputRecord readNext() {
    try {
      String line;
      do {
        line = reader.readLine();
        lineNumber++;
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      return parse(line, new Provenance(source, path.toString(), "line " + lineNumber, line));
    } catch (IOException e) {
      throw new UncheckedIOException("File " + path + " line " + lineNumber + " cannot be read", e);
    }
  }

  private InputRecord parse(String line, Provenance at) {
    String[] cells = line.split(",", -1);
    if (cells.length != COLUMNS.length) {
      return unreadable(
          at,
          "expected " + COLUMNS.length + " columns (" + HEADER + "), found " + cells.length,
          null);
    }
    Instant openTime;
    try {
      openTime = Instant.parse(cells[0].strip());
    } catch (DateTimeParseException e) {
      return unreadable(
          at,
          "open_time_utc '" + cells[0] + "' is not an ISO-8601 UTC time like 2024-01-01T00:00:00Z",
          e);
    }
    double[] values = new double[5];
    for (int i = 0; i < values.length; i++) {
      String cell = cells[i + 1].strip();
      try {
        values[i] = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        return unreadable(at, COLUMNS[i + 1] + " '" + cell + "' is not a number", e);
      }
    }
    try {
      OhlcvBar bar =
          OhlcvBar.of(
              name.symbol(),
              name.interval(),
              openTime,
              values[0],
              values[1],
              values[2],
              values[3],
              values[4]);
      lastTime = bar.closeTime();
      return new InputRecord.Parsed(bar, at);
    } catch (InvalidBarException e) {
      return unreadable(at, e.getMessage(), e);
    }
  }

  private InputRecord unreadable(Provenance at, String reason, Exception cause) {
    return new InputRecord.Unreadable(
        at, name.symbol(), reason, cause == null ? null : cause.getClass().getName(), lastTime);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close " + path, e);
    }
  }
}
