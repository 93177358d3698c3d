package io.lstmsignals.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.schemas.contract.BarFileName;
import io.lstmsignals.schemas.contract.BarInterval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarFileTest {
  @TempDir Path dir;

  @Test
  void shouldReadSymbolAndIntervalFromTheFileName() {
    BarFileName name = BarFileName.of(Path.of("data/LTCUSDT-1h-2024.csv"));
    assertThat(name).isEqualTo(new BarFileName("LTCUSDT", BarInterval.parse("1h")));
  }

  @Test
  void shouldNumberLinesAsAnEditorDoesSkippingBlankLines() throws Exception {
    Path file = dir.resolve("ETHUSDT-4h.csv");
    Files.write(
        file,
        List.of(
            "open_time_utc,open,high,low,close,volume",
            "2024-01-01T00:00:00Z,1,2,0.5,1.5,3",
            "",
            "bad",
            "2024-01-01T04:00:00Z,1,2,0.5,1.5,3"));
    List<InputRecord> records = new ArrayList<>();
    try (CsvBarFile csv = CsvBarFile.open(file)) {
      csv.forEachRemaining(records::add);
    }
    assertThat(records)
        .extracting(r -> r.provenance().location())
        .containsExactly("line 2", "line 4", "line 5");
    assertThat(records.get(1))
        .isInstanceOfSatisfying(
            InputRecord.Unreadable.class,
            bad -> {
              assertThat(bad.symbol()).isEqualTo("ETHUSDT");
              // stays where it was when files are merged: at the time of the bar before it
              assertThat(bad.eventTime()).isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
            });
  }
}
