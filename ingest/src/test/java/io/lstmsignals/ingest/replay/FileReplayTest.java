package io.lstmsignals.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.ShippedData;
import io.lstmsignals.ingest.bar.Gap;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.RecordingSink;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.schemas.contract.BarInterval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileReplayTest {
  private static final List<Path> BTC_ETH =
      List.of(ShippedData.file("BTCUSDT-4h.csv"), ShippedData.file("ETHUSDT-4h.csv"));

  @Test
  void multiSymbolReplayShouldInterleaveBarsInTimeOrder() throws Exception {
    // Given / When
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    try (FileReplay replay = FileReplay.open(BTC_ETH)) {
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), null);
    }
    // Then: time never goes back, and the two symbols alternate bar by bar
    assertThat(sink.published).hasSize(2 * 18_370);
    assertThat(sink.published).extracting(OhlcvBar::closeTime).isSorted();
    assertThat(sink.published.subList(0, 4))
        .extracting(OhlcvBar::symbol)
        .containsExactly("BTCUSDT", "ETHUSDT", "BTCUSDT", "ETHUSDT");
    assertThat(sink.sources.getFirst()).isEqualTo("replay:BTCUSDT-4h.csv");
  }

  @Test
  void fullFilesShouldReportTheEightRealOutages() throws Exception {
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    try (FileReplay replay = FileReplay.open(BTC_ETH)) {
      assertThat(replay.countRecords()).isEqualTo(2 * 18_370);
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), null);
    }
    for (SymbolTally tally : pipeline.tallies().values()) {
      assertThat(tally.records()).isEqualTo(18_370);
      assertThat(tally.published()).isEqualTo(18_370);
      assertThat(tally.rejected()).isZero();
      assertThat(tally.implausible()).as("bars the default plausibility limits hold back").isZero();
      assertThat(tally.gaps())
          .extracting(Gap::lastBefore)
          .containsExactly(
              Instant.parse("2018-02-08T00:00:00Z"), Instant.parse("2018-06-26T00:00:00Z"),
              Instant.parse("2018-07-04T00:00:00Z"), Instant.parse("2018-11-14T00:00:00Z"),
              Instant.parse("2019-03-12T00:00:00Z"), Instant.parse("2019-05-15T00:00:00Z"),
              Instant.parse("2019-08-15T00:00:00Z"), Instant.parse("2020-02-19T08:00:00Z"));
      assertThat(tally.gaps())
          .extracting(Gap::missingBars)
          .containsExactly(7L, 2L, 1L, 1L, 1L, 2L, 1L, 1L);
      assertThat(tally.missingBars()).isEqualTo(16);
    }
  }

  @Test
  void replayOverATopicThatHoldsTheFileShouldPublishNothing() throws Exception {
    // Given the output already ends with the file's last bar
    Path file = ShippedData.file("BTCUSDT-4h-2024.csv");
    Map<String, Instant> topicEnd = Map.of("BTCUSDT", Instant.parse("2024-12-01T00:00:00Z"));
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, topicEnd::get, Plausibility.DEFAULT);
    // When
    try (FileReplay replay = FileReplay.open(List.of(file))) {
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), null);
    }
    // Then
    assertThat(sink.published).isEmpty();
    assertThat(sink.rejected).isEmpty();
    assertThat(pipeline.tallies().get("BTCUSDT").alreadyPublished()).isEqualTo(2_010);
  }

  @Test
  void hourlyFileShouldBeAggregatedIntoFourHourBarsTaggedWithTheirSource() throws Exception {
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    try (FileReplay replay = FileReplay.open(List.of(ShippedData.file("LTCUSDT-1h-2024.csv")))) {
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), null);
    }
    assertThat(sink.published)
        .hasSize(2_196)
        .allMatch(bar -> bar.interval().equals(BarInterval.FOUR_HOURS));
    assertThat(sink.sources.getFirst()).isEqualTo("aggregate:4h:replay:LTCUSDT-1h-2024.csv");
    SymbolTally tally = pipeline.tallies().get("LTCUSDT");
    assertThat(tally.aggregated()).isEqualTo(8_784);
    assertThat(tally.incompleteSlots()).isZero();
  }

  @Test
  void pacedReplayShouldWaitInProportionToBarTime() throws Exception {
    // Given 3,600x real time: one 4h bar every 4 s
    FakeTime time = new FakeTime();
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    try (FileReplay replay = FileReplay.open(List.of(ShippedData.file("BTCUSDT-4h-2024.csv")))) {
      replay.replayInto(pipeline, new Pacer(3600, time), null);
    }
    assertThat(time.sleeps).hasSize(2_009).allMatch(nanos -> nanos == 4_000_000_000L);
  }

  /** Time that advances only when slept on. */
  static final class FakeTime implements TimeSource {
    final List<Long> sleeps = new ArrayList<>();
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now += nanos;
    }
  }
}
