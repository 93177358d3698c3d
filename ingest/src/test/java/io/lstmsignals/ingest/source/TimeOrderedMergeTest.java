package io.lstmsignals.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.Provenance;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOrderedMergeTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static InputRecord bar(String symbol, BarInterval interval, int hours) {
    OhlcvBar bar = OhlcvBar.of(symbol, interval, T.plusSeconds(hours * 3600L), 1, 1, 1, 1, 0);
    return new InputRecord.Parsed(bar, new Provenance("test", symbol, null, null));
  }

  @Test
  void shouldOrderByCloseTimeAcrossSourcesAndKeepTiesInSourceOrder() {
    BarInterval hour = BarInterval.parse("1h");
    List<InputRecord> fourHourly =
        List.of(
            bar("BTCUSDT", BarInterval.FOUR_HOURS, 0), bar("BTCUSDT", BarInterval.FOUR_HOURS, 4));
    List<InputRecord> hourly =
        List.of(
            bar("LTCUSDT", hour, 0),
            bar("LTCUSDT", hour, 1),
            bar("LTCUSDT", hour, 2),
            bar("LTCUSDT", hour, 3),
            bar("LTCUSDT", hour, 4));
    TimeOrderedMerge merge =
        new TimeOrderedMerge(List.of(fourHourly.iterator(), hourly.iterator()));
    List<String> order = new ArrayList<>();
    merge.forEachRemaining(
        r ->
            order.add(
                ((InputRecord.Parsed) r).bar().symbol()
                    + "+"
                    + ((InputRecord.Parsed) r).bar().closeTime().getEpochSecond() / 3600 % 24));
    assertThat(order)
        .containsExactly(
            "LTCUSDT+1",
            "LTCUSDT+2",
            "LTCUSDT+3",
            "BTCUSDT+4",
            "LTCUSDT+4",
            "LTCUSDT+5",
            "BTCUSDT+8");
  }
}
