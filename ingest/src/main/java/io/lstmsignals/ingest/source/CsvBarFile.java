package io.lstmsignals.ingest.source;

import io.lstmsignals.ingest.bar.InvalidBarException;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.Provenance;
import io.lstmsignals.schemas.contract.BarCsv;
import io.lstmsignals.schemas.contract.BarFileException;
import io.lstmsignals.schemas.contract.BarFileName;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A bar file ({@link BarCsv}), read line by line as input records. Opening checks the file as a
 * whole (exists, named {@code SYMBOL-INTERVAL[-x].csv}, has the header) and throws {@link
 * BarFileException}; each line then becomes an {@link InputRecord}: a bar, or an {@link
 * InputRecord.Unreadable} naming the line and the reason. The caller closes it.
 */
public final class CsvBarFile implements Iterator<InputRecord>, AutoCloseable {

  private final Path path;
  private final BarFileName name;
  private final String source;
  private final BarCsv.Reader lines;
  private Instant lastTime = Instant.EPOCH;

  private CsvBarFile(Path path, BarFileName name, BarCsv.Reader lines) {
    this.path = path;
    this.name = name;
    this.source = "replay:" + path.getFileName();
    this.lines = lines;
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
    return new CsvBarFile(path, name, BarCsv.open(path));
  }

  public BarFileName name() {
    return name;
  }

  public Path path() {
    return path;
  }

  @Override
  public boolean hasNext() {
    return lines.hasNext();
  }

  @Override
  public InputRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more lines in " + path);
    }
    BarCsv.Line line = lines.next();
    Provenance at =
        new Provenance(source, path.toString(), "line " + line.lineNumber(), line.text());
    return switch (line) {
      case BarCsv.Malformed malformed -> unreadable(at, malformed.reason(), malformed.cause());
      case BarCsv.Row row -> {
        try {
          OhlcvBar bar =
              OhlcvBar.of(
                  name.symbol(),
                  name.interval(),
                  row.openTime(),
                  row.open(),
                  row.high(),
                  row.low(),
                  row.close(),
                  row.volume());
          lastTime = bar.closeTime();
          yield new InputRecord.Parsed(bar, at);
        } catch (InvalidBarException e) {
          yield unreadable(at, e.getMessage(), e);
        }
      }
    };
  }

  private InputRecord unreadable(Provenance at, String reason, Exception cause) {
    return new InputRecord.Unreadable(
        at, name.symbol(), reason, cause == null ? null : cause.getClass().getName(), lastTime);
  }

  @Override
  public void close() {
    lines.close();
  }
}
