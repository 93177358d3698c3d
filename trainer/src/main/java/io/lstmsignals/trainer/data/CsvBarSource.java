package io.lstmsignals.trainer.data;

import io.lstmsignals.schemas.contract.BarCsv;
import io.lstmsignals.schemas.contract.BarFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bars from a bar file ({@link BarCsv}, the format of the files under {@code data/}; see {@code
 * data/PROVENANCE.md}). The first malformed row stops the read with the file and its 1-based line
 * number: a model is never trained on a history with a hole nobody chose.
 */
public final class CsvBarSource implements BarSource {

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
    try (BarCsv.Reader lines = BarCsv.open(file)) {
      while (lines.hasNext()) {
        bars.add(bar(lines.next()));
      }
    } catch (BarFileException e) {
      throw new BarDataException(e.getMessage(), e);
    }
    try {
      return new BarSeries(describe(), interval, bars);
    } catch (BarDataException e) {
      throw new BarDataException(file + ": " + e.getMessage(), e);
    }
  }

  private OhlcvBar bar(BarCsv.Line line) {
    return switch (line) {
      case BarCsv.Malformed malformed ->
          throw new BarDataException(
              file + " line " + malformed.lineNumber() + ": " + malformed.reason(),
              malformed.cause());
      case BarCsv.Row row -> {
        try {
          yield new OhlcvBar(
              row.openTime(), row.open(), row.high(), row.low(), row.close(), row.volume());
        } catch (IllegalArgumentException e) {
          throw new BarDataException(file + " line " + row.lineNumber() + ": " + e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public String describe() {
    return "csv:" + file;
  }
}
