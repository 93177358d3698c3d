package io.lstmsignals.ingest.poll;

import io.lstmsignals.ingest.ShippedData;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.source.CsvBarFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Kline responses recorded from a shipped CSV file, as Binance would answer at a given moment: bars
 * that opened before {@code now}, the last of them still open (its close time in the future and
 * only part of its volume).
 */
final class RecordedKlines {
  private final List<OhlcvBar> bars;

  RecordedKlines(List<OhlcvBar> bars) {
    this.bars = List.copyOf(bars);
  }

  static RecordedKlines fromShippedFile(String name) {
    List<OhlcvBar> bars = new ArrayList<>();
    try (CsvBarFile file = CsvBarFile.open(ShippedData.file(name))) {
      file.forEachRemaining(record -> bars.add(((InputRecord.Parsed) record).bar()));
    }
    return new RecordedKlines(bars);
  }

  List<OhlcvBar> bars() {
    return bars;
  }

  /** The JSON body of {@code GET /api/v3/klines?startTime=from&limit=limit} at time {@code now}. */
  String json(Instant from, int limit, Instant now) {
    StringJoiner body = new StringJoiner(",", "[", "]");
    int count = 0;
    for (OhlcvBar bar : bars) {
      if (bar.openTime().isBefore(from) || !bar.openTime().isBefore(now) || count == limit) {
        continue;
      }
      boolean open = bar.closeTime().isAfter(now);
      double volume = open ? bar.volume() / 2 : bar.volume();
      body.add(
          String.format(
              Locale.ROOT,
              "[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%d,\"0\",1,\"0\",\"0\",\"0\"]",
              bar.openTime().toEpochMilli(),
              bar.open(),
              bar.high(),
              bar.low(),
              bar.close(),
              volume,
              bar.closeTime().toEpochMilli() - 1));
      count++;
    }
    return body.toString();
  }
}
