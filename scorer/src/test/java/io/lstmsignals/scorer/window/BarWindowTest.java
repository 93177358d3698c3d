package io.lstmsignals.scorer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.contract.ModelInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BarWindowTest {
  private static final Duration FOUR_HOURS = Duration.ofHours(4);
  private static final long H4 = FOUR_HOURS.toMillis();
  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z

  private static WindowBar bar(int index) {
    double close = 100 + index;
    return new WindowBar(T0 + index * H4, close - 0.5, close + 1, close - 1, close, 10 + index);
  }

  private static float[] closes(BarWindow window, int bars) {
    float[] flat = new float[bars * ModelInput.FIELDS];
    window.copyNewest(bars, flat);
    float[] closes = new float[bars];
    for (int i = 0; i < bars; i++) {
      closes[i] = flat[i * ModelInput.FIELDS + ModelInput.CLOSE];
    }
    return closes;
  }

  @Test
  void shouldKeepTheNewestBarsOldestFirstAfterWrappingAround() {
    BarWindow window = BarWindow.empty(3, FOUR_HOURS);

    for (int i = 0; i < 7; i++) {
      assertThat(window.offer(bar(i))).isEqualTo(Admission.APPENDED);
    }

    assertThat(window.contiguousBars()).isEqualTo(3);
    assertThat(closes(window, 3)).containsExactly(104f, 105f, 106f);
    assertThat(closes(window, 2)).containsExactly(105f, 106f);
    float[] flat = new float[5];
    window.copyNewest(1, flat);
    assertThat(flat).containsExactly(105.5f, 107f, 105f, 106f, 16f);
  }

  @Test
  void shouldRestartWithTheNewBarAfterAGap() {
    BarWindow window = BarWindow.empty(4, FOUR_HOURS);
    window.offer(bar(0));
    window.offer(bar(1));
    window.offer(bar(2));

    Admission admission = window.offer(bar(5));

    assertThat(admission).isEqualTo(Admission.RESTARTED_AFTER_GAP);
    assertThat(window.contiguousBars()).isEqualTo(1);
    assertThat(window.restartedAfterGap()).isTrue();
    assertThat(closes(window, 1)).containsExactly(105f);
  }

  @Test
  void gapFlagShouldClearOnceTheWindowIsFullAgain() {
    BarWindow window = BarWindow.empty(3, FOUR_HOURS);
    window.offer(bar(0));
    window.offer(bar(2));
    window.offer(bar(3));
    assertThat(window.restartedAfterGap()).isTrue();

    window.offer(bar(4));

    assertThat(window.contiguousBars()).isEqualTo(3);
    assertThat(window.restartedAfterGap()).isFalse();
  }

  @Test
  void shouldIgnoreADuplicateOfTheNewestBar() {
    BarWindow window = BarWindow.empty(3, FOUR_HOURS);
    window.offer(bar(0));
    window.offer(bar(1));
    byte[] before = window.toBytes();

    Admission admission = window.offer(new WindowBar(T0 + H4, 1, 2, 0.5, 1.5, 3));

    assertThat(admission).isEqualTo(Admission.DUPLICATE);
    assertThat(admission.accepted()).isFalse();
    assertThat(window.toBytes()).isEqualTo(before);
  }

  @Test
  void shouldRejectABarOlderThanTheNewest() {
    BarWindow window = BarWindow.empty(3, FOUR_HOURS);
    window.offer(bar(0));
    window.offer(bar(1));
    window.offer(bar(2));
    byte[] before = window.toBytes();

    Admission admission = window.offer(bar(1));

    assertThat(admission).isEqualTo(Admission.OUT_OF_ORDER);
    assertThat(window.toBytes()).isEqualTo(before);
  }

  @Test
  void shouldRoundTripThroughItsCompactBytes() {
    BarWindow window = BarWindow.empty(49, FOUR_HOURS);
    for (int i = 0; i < 60; i++) {
      window.offer(bar(i));
    }

    byte[] bytes = window.toBytes();
    BarWindow read = BarWindow.fromBytes(bytes, 49, FOUR_HOURS);

    assertThat(bytes).hasSize(BarWindow.HEADER_BYTES + 49 * 5 * 4).hasSizeLessThanOrEqualTo(2048);
    assertThat(read.contiguousBars()).isEqualTo(49);
    assertThat(read.newestOpenTime()).isEqualTo(T0 + 59 * H4);
    assertThat(closes(read, 49)).isEqualTo(closes(window, 49));
    assertThat(read.offer(bar(60))).isEqualTo(Admission.APPENDED);
    assertThat(read.offer(bar(60))).isEqualTo(Admission.DUPLICATE);
  }

  @Test
  void shouldKeepTheNewestBarsWhenReadWithASmallerCapacity() {
    BarWindow window = BarWindow.empty(10, FOUR_HOURS);
    for (int i = 0; i < 10; i++) {
      window.offer(bar(i));
    }

    BarWindow read = BarWindow.fromBytes(window.toBytes(), 4, FOUR_HOURS);

    assertThat(closes(read, 4)).containsExactly(106f, 107f, 108f, 109f);
  }

  @Test
  void shouldKeepTheGapFlagThroughItsBytes() {
    BarWindow window = BarWindow.empty(5, FOUR_HOURS);
    window.offer(bar(0));
    window.offer(bar(3));

    BarWindow read = BarWindow.fromBytes(window.toBytes(), 5, FOUR_HOURS);

    assertThat(read.restartedAfterGap()).isTrue();
    assertThat(read.contiguousBars()).isEqualTo(1);
  }

  @Test
  void shouldRefuseBytesOfAnotherFormatOrTruncated() {
    assertThatThrownBy(
            () ->
                BarWindow.fromBytes(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 3, FOUR_HOURS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 9, expected 1");
    assertThatThrownBy(() -> BarWindow.fromBytes(new byte[] {1, 0}, 3, FOUR_HOURS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRefuseToCopyMoreBarsThanItHolds() {
    BarWindow window = BarWindow.empty(5, FOUR_HOURS);
    window.offer(bar(0));

    assertThatThrownBy(() -> window.copyNewest(2, new float[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asked for 2 bars, it holds 1");
  }
}
