package io.lstmsignals.ingest.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.Provenance;
import io.lstmsignals.ingest.pipeline.RecordingSink;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlausibilityTest {
  private static final BarInterval FOUR_HOURS = BarInterval.FOUR_HOURS;

  private static OhlcvBar bar(String symbol, String open, double o, double h, double l, double c) {
    Instant at = Instant.parse(open);
    return new OhlcvBar(symbol, FOUR_HOURS, at, at.plus(FOUR_HOURS.length()), o, h, l, c, 1000);
  }

  @Test
  void aListingBarWhoseLowIsTwoThirdsBelowItsOpenShouldBeImplausible() {
    // BNB's first bar on the exchange had its low 67 % below its open
    OhlcvBar listing = bar("BNBUSDT", "2017-11-06T00:00:00Z", 2.0, 2.0, 0.66, 1.65);

    assertThat(Plausibility.DEFAULT.violation(listing, null))
        .contains(
            "implausible bar: high 2 / low 0.66 = 3.030 exceeds the range limit 2.5"
                + " (ingest.plausibility.max.range.ratio)");
  }

  @Test
  void aListingBarWhoseHighIsThreeTimesItsOpenShouldBeImplausible() {
    // XRP's first bar had a high 3x its open
    OhlcvBar listing = bar("XRPUSDT", "2018-05-04T08:00:00Z", 0.5, 1.5, 0.5, 0.9);

    assertThat(Plausibility.DEFAULT.violation(listing, null)).get().asString().contains("= 3.000");
  }

  @Test
  void theWidestBarsOfTheShippedHistoryShouldPass() {
    // ETH 2017-08-22T04:00Z (high/low 2.15, opened 48.5 % below the previous close 280)
    OhlcvBar eth = bar("ETHUSDT", "2017-08-22T04:00:00Z", 144.21, 310.24, 144.21, 300.35);

    assertThat(Plausibility.DEFAULT.violation(eth, 280.0)).isEmpty();
  }

  @Test
  void aBarOpeningFarFromThePreviousCloseShouldBeImplausible() {
    OhlcvBar jumped = bar("BTCUSDT", "2024-01-01T04:00:00Z", 100, 110, 95, 105);

    assertThat(Plausibility.DEFAULT.violation(jumped, 42_000.0))
        .contains(
            "implausible bar: open 100 is 99.8 % away from the previous close 42000, over the"
                + " limit of 60.0 % (ingest.plausibility.max.open.gap)");
    assertThat(Plausibility.DEFAULT.violation(jumped, null)).as("no previous close").isEmpty();
  }

  @Test
  void offShouldLetEveryValidBarThrough() {
    OhlcvBar listing = bar("BNBUSDT", "2017-11-06T00:00:00Z", 2.0, 2.0, 0.66, 1.65);

    assertThat(Plausibility.OFF.violation(listing, 100.0)).isEmpty();
  }

  @Test
  void limitsMustBeZeroOrMeaningful() {
    assertThatThrownBy(() -> new Plausibility(0.5, 0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Plausibility: maxRangeRatio 0.5 must be 0 (off) or a number > 1");
    assertThatThrownBy(() -> new Plausibility(2.5, -1))
        .hasMessage("Plausibility: maxOpenGap -1.0 must be 0 (off) or a number > 0");
  }

  @Test
  void thePipelineShouldHoldAnImplausibleBarBackAndPublishTheNext() {
    // Given a listing bar, then two ordinary bars
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(FOUR_HOURS, sink, symbol -> null, Plausibility.DEFAULT);
    OhlcvBar listing = bar("BNBUSDT", "2017-11-06T00:00:00Z", 2.0, 2.0, 0.66, 1.65);
    OhlcvBar second = bar("BNBUSDT", "2017-11-06T04:00:00Z", 1.65, 1.8, 1.6, 1.7);
    OhlcvBar third = bar("BNBUSDT", "2017-11-06T08:00:00Z", 1.7, 1.75, 1.65, 1.72);

    // When
    for (OhlcvBar each : new OhlcvBar[] {listing, second, third}) {
      pipeline.accept(
          new InputRecord.Parsed(
              each, new Provenance("replay:BNBUSDT-4h.csv", "BNBUSDT-4h.csv", "line 2", "")));
    }

    // Then the listing bar is dead-lettered with the rule, the others published
    assertThat(sink.published).containsExactly(second, third);
    assertThat(sink.rejected)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("implausible bar: high 2 / low 0.66"));
    assertThat(pipeline.tallies().get("BNBUSDT").implausible()).isEqualTo(1);
    assertThat(pipeline.tallies().get("BNBUSDT").summaryLine()).endsWith(" implausible=1");
  }
}
