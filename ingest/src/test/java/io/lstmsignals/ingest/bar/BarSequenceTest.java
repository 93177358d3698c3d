package io.lstmsignals.ingest.bar;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BarSequenceTest {
  private static final Instant T0 = Instant.parse("2018-02-08T00:00:00Z");

  private static OhlcvBar barAt(int fourHourSlot, double close) {
    return OhlcvBar.of(
        "BTCUSDT",
        BarInterval.FOUR_HOURS,
        T0.plusSeconds(fourHourSlot * 4 * 3600L),
        10,
        12,
        9,
        close,
        1);
  }

  @Test
  void shouldAcceptConsecutiveBarsWithoutGap() {
    BarSequence sequence = new BarSequence("BTCUSDT", null);
    assertThat(sequence.check(barAt(0, 11))).isEqualTo(new SequenceVerdict.Next(Optional.empty()));
    assertThat(sequence.check(barAt(1, 11))).isEqualTo(new SequenceVerdict.Next(Optional.empty()));
  }

  @Test
  void shouldReportTheMissingBarsOfAGap() {
    // Given the real outage 2018-02-08T00 -> 2018-02-09T08: 7 bars missing
    BarSequence sequence = new BarSequence("BTCUSDT", null);
    sequence.check(barAt(0, 11));
    // When
    SequenceVerdict verdict = sequence.check(barAt(8, 11));
    // Then
    Gap gap = ((SequenceVerdict.Next) verdict).gap().orElseThrow();
    assertThat(gap.lastBefore()).isEqualTo(T0);
    assertThat(gap.firstAfter()).isEqualTo(Instant.parse("2018-02-09T08:00:00Z"));
    assertThat(gap.missingBars()).isEqualTo(7);
  }

  @Test
  void identicalRepeatShouldBeDroppedAsDuplicate() {
    BarSequence sequence = new BarSequence("BTCUSDT", null);
    sequence.check(barAt(0, 11));
    assertThat(sequence.check(barAt(0, 11))).isInstanceOf(SequenceVerdict.Duplicate.class);
    assertThat(sequence.check(barAt(1, 11))).isEqualTo(new SequenceVerdict.Next(Optional.empty()));
  }

  @Test
  void sameOpenTimeWithOtherValuesMustBeRejected() {
    BarSequence sequence = new BarSequence("BTCUSDT", null);
    sequence.check(barAt(0, 11));
    SequenceVerdict verdict = sequence.check(barAt(0, 10.5));
    assertThat(verdict).isInstanceOf(SequenceVerdict.OutOfOrder.class);
    assertThat(((SequenceVerdict.OutOfOrder) verdict).reason())
        .contains("repeats the previous BTCUSDT bar");
  }

  @Test
  void olderBarMustBeRejectedAndNotMoveTheSequenceBack() {
    BarSequence sequence = new BarSequence("BTCUSDT", null);
    sequence.check(barAt(0, 11));
    sequence.check(barAt(2, 11));
    SequenceVerdict verdict = sequence.check(barAt(1, 11));
    assertThat(((SequenceVerdict.OutOfOrder) verdict).reason())
        .contains(
            "open time 2018-02-08T04:00:00Z is before the previous BTCUSDT bar's 2018-02-08T08:00:00Z");
    assertThat(sequence.check(barAt(3, 11))).isEqualTo(new SequenceVerdict.Next(Optional.empty()));
  }

  @Test
  void barsTheOutputAlreadyHoldsShouldBeSkipped() {
    // Given the topic ends with the bar of slot 1 (closing at slot 2's open)
    BarSequence sequence = new BarSequence("BTCUSDT", barAt(1, 11).closeTime());
    // Then
    assertThat(sequence.check(barAt(0, 11))).isInstanceOf(SequenceVerdict.AlreadyPublished.class);
    assertThat(sequence.check(barAt(1, 11))).isInstanceOf(SequenceVerdict.AlreadyPublished.class);
    assertThat(sequence.check(barAt(2, 11))).isEqualTo(new SequenceVerdict.Next(Optional.empty()));
  }

  @Test
  void gapAfterTheLastPublishedBarShouldBeReported() {
    BarSequence sequence = new BarSequence("BTCUSDT", barAt(0, 11).closeTime());
    Gap gap = ((SequenceVerdict.Next) sequence.check(barAt(3, 11))).gap().orElseThrow();
    assertThat(gap.missingBars()).isEqualTo(2);
  }
}
