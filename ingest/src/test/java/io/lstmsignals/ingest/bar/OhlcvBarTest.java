package io.lstmsignals.ingest.bar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OhlcvBarTest {
  private static final Instant T = Instant.parse("2024-05-01T04:00:00Z");

  private static OhlcvBar bar(double open, double high, double low, double close, double volume) {
    return OhlcvBar.of("BTCUSDT", BarInterval.FOUR_HOURS, T, open, high, low, close, volume);
  }

  @Test
  void shouldCloseOneIntervalAfterItOpens() {
    assertThat(bar(10, 12, 9, 11, 5).closeTime()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
  }

  @Test
  void highBelowLowMustBeRejectedNamingBarAndValues() {
    assertThatThrownBy(() -> bar(61100, 61000, 61200, 61100, 1))
        .isInstanceOf(InvalidBarException.class)
        .hasMessage("Bar BTCUSDT@2024-05-01T04:00:00Z: high 61000.0 < low 61200.0");
  }

  @Test
  void highBelowOpenOrCloseMustBeRejected() {
    assertThatThrownBy(() -> bar(10, 11, 9, 12, 1))
        .hasMessageContaining("high 11.0 < max(open 10.0, close 12.0)");
  }

  @Test
  void lowAboveOpenOrCloseMustBeRejected() {
    assertThatThrownBy(() -> bar(10, 12, 10.5, 11, 1))
        .hasMessageContaining("low 10.5 > min(open 10.0, close 11.0)");
  }

  @Test
  void pricesMustBeFiniteAndPositive() {
    assertThatThrownBy(() -> bar(0, 12, 9, 11, 1))
        .hasMessageContaining("open 0.0 must be a finite price > 0");
    assertThatThrownBy(() -> bar(10, 12, -9, 11, 1))
        .hasMessageContaining("low -9.0 must be a finite price > 0");
    assertThatThrownBy(() -> bar(Double.NaN, 12, 9, 11, 1)).hasMessageContaining("open NaN");
    assertThatThrownBy(() -> bar(10, Double.POSITIVE_INFINITY, 9, 11, 1))
        .hasMessageContaining("high Infinity");
  }

  @Test
  void volumeMustBeFiniteAndNotNegative() {
    assertThat(bar(10, 10, 10, 10, 0).volume()).isZero();
    assertThatThrownBy(() -> bar(10, 12, 9, 11, -1))
        .hasMessageContaining("volume -1.0 must be finite and >= 0");
    assertThatThrownBy(() -> bar(10, 12, 9, 11, Double.NaN)).hasMessageContaining("volume NaN");
  }

  @Test
  void openTimeMustBeOnTheIntervalGrid() {
    assertThatThrownBy(
            () ->
                OhlcvBar.of(
                    "BTCUSDT",
                    BarInterval.FOUR_HOURS,
                    Instant.parse("2024-05-01T05:00:00Z"),
                    10,
                    12,
                    9,
                    11,
                    1))
        .hasMessageContaining("open time 2024-05-01T05:00:00Z is not on the 4h UTC grid");
  }

  @Test
  void closeTimeMustBeOpenPlusInterval() {
    assertThatThrownBy(
            () ->
                new OhlcvBar(
                    "BTCUSDT", BarInterval.FOUR_HOURS, T, T.plusSeconds(3600), 10, 12, 9, 11, 1))
        .hasMessageContaining(
            "close time 2024-05-01T05:00:00Z must be open time + 4h = 2024-05-01T08:00:00Z");
  }

  @Test
  void symbolMustBeUpperCaseLettersOrDigits() {
    assertThatThrownBy(() -> OhlcvBar.of("btc-usdt", BarInterval.FOUR_HOURS, T, 10, 12, 9, 11, 1))
        .hasMessageContaining("symbol 'btc-usdt'");
  }
}
