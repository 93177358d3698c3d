package io.lstmsignals.scorer.app;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.service.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The shipped bar files (data/*.csv: open_time_utc,open,high,low,close,volume) as Bars. */
final class CsvBars {
  private CsvBars() {}

  /** The repository root: the nearest directory upwards holding data/PROVENANCE.md. */
  static Path repositoryRoot() {
    return ConfigDocs.repositoryRoot();
  }

  static List<Bar> read(Path file, String symbol, Instant from, Instant to) throws IOException {
    List<Bar> bars = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      Instant open = Instant.parse(f[0]);
      if (open.isBefore(from) || !open.isBefore(to)) {
        continue;
      }
      bars.add(
          Bar.newBuilder()
              .setSymbol(symbol)
              .setInterval("4h")
              .setOpenTime(open)
              .setCloseTime(open.plus(Duration.ofHours(4)))
              .setOpen(Double.parseDouble(f[1]))
              .setHigh(Double.parseDouble(f[2]))
              .setLow(Double.parseDouble(f[3]))
              .setClose(Double.parseDouble(f[4]))
              .setVolume(Double.parseDouble(f[5]))
              .setSource("replay:" + file.getFileName())
              .build());
    }
    return bars;
  }
}
