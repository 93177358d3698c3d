package io.lstmsignals.ingest.bar;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.ShippedData;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.source.CsvBarFile;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarAggregatorTest {
  private static final BarInterval ONE_HOUR = BarInterval.parse("1h");
  private static final Instant SLOT = Instant.parse("2024-03-01T04:00:00Z");

  private static OhlcvBar hour(
      int offset, double open, double high, double low, double close, double volume) {
    return OhlcvBar.of(
        "LTCUSDT", ONE_HOUR, SLOT.plusSeconds(offset * 3600L), open, high, low, close, volume);
  }

  @Test
  void shouldEmitAFourHourBarWhenItsLastHourArrives() {
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    assertThat(aggregator.add(hour(0, 10, 11, 9, 10.5, 0.1))).isEmpty();
    assertThat(aggregator.add(hour(1, 10.5, 13, 10, 12, 0.2))).isEmpty();
    assertThat(aggregator.add(hour(2, 12, 12.5, 8, 9, 0.3))).isEmpty();
    List<SlotResult> results = aggregator.add(hour(3, 9, 9.5, 8.5, 9.2, 0.4));
    assertThat(results)
        .containsExactly(
            new SlotResult.Complete(
                OhlcvBar.of("LTCUSDT", BarInterval.FOUR_HOURS, SLOT, 10, 13, 8, 9.2, 1.0)));
  }

  @Test
  void volumeShouldBeSummedInDecimal() {
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    aggregator.add(hour(0, 10, 10, 10, 10, 0.1));
    aggregator.add(hour(1, 10, 10, 10, 10, 0.2));
    aggregator.add(hour(2, 10, 10, 10, 10, 0.0));
    SlotResult result = aggregator.add(hour(3, 10, 10, 10, 10, 0.0)).getFirst();
    // 0.1 + 0.2 in double is 0.30000000000000004
    assertThat(((SlotResult.Complete) result).bar().volume()).isEqualTo(0.3);
  }

  @Test
  void slotWithAMissingHourMustNotBeEmittedAsWhole() {
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    aggregator.add(hour(0, 10, 11, 9, 10, 1));
    aggregator.add(hour(1, 10, 11, 9, 10, 1));
    List<SlotResult> results = aggregator.add(hour(3, 10, 11, 9, 10, 1));
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            SlotResult.Incomplete.class,
            incomplete -> {
              assertThat(incomplete.parts()).hasSize(3);
              assertThat(incomplete.reason())
                  .startsWith("4h slot LTCUSDT@2024-03-01T04:00:00Z has 3 of 4 1h bars");
            });
  }

  @Test
  void slotLeftByANewSlotShouldBeReportedThenTheNewOneStarted() {
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    aggregator.add(hour(0, 10, 11, 9, 10, 1));
    List<SlotResult> results = aggregator.add(hour(4, 10, 11, 9, 10, 1));
    assertThat(results).singleElement().isInstanceOf(SlotResult.Incomplete.class);
    aggregator.add(hour(5, 10, 11, 9, 10, 1));
    aggregator.add(hour(6, 10, 11, 9, 10, 1));
    assertThat(aggregator.add(hour(7, 10, 11, 9, 10, 1)))
        .singleElement()
        .isInstanceOf(SlotResult.Complete.class);
  }

  @Test
  void inputEndingInsideASlotShouldReportItAtFinish() {
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    aggregator.add(hour(0, 10, 11, 9, 10, 1));
    assertThat(aggregator.finish()).get().isInstanceOf(SlotResult.Incomplete.class);
    assertThat(aggregator.finish()).isEmpty();
  }

  @Test
  void ltcHourlyFileShouldAggregateExactlyIntoTheFourHourFile() {
    // Given the same market at 1h and 4h (data/PROVENANCE.md)
    List<OhlcvBar> expected = barsOf("LTCUSDT-4h-2024.csv");
    BarAggregator aggregator = new BarAggregator(BarInterval.FOUR_HOURS);
    // When
    List<OhlcvBar> actual = new ArrayList<>();
    for (OhlcvBar hourBar : barsOf("LTCUSDT-1h-2024.csv")) {
      for (SlotResult result : aggregator.add(hourBar)) {
        actual.add(((SlotResult.Complete) result).bar());
      }
    }
    // Then: every field of all 2,196 bars
    assertThat(aggregator.finish()).isEmpty();
    assertThat(actual).hasSize(2196).isEqualTo(expected);
  }

  private static List<OhlcvBar> barsOf(String name) {
    List<OhlcvBar> bars = new ArrayList<>();
    try (CsvBarFile file = CsvBarFile.open(ShippedData.file(name))) {
      file.forEachRemaining(record -> bars.add(((InputRecord.Parsed) record).bar()));
    }
    return bars;
  }
}
