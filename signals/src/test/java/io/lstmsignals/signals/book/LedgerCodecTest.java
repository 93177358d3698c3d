package io.lstmsignals.signals.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerCodecTest {

  private static final long H4 = 4 * 3600_000L;

  @Test
  void shouldRoundTripABookWithPendingBars() {
    LedgerSettings settings = LedgerSettings.study(500);
    PaperLedger ledger = new PaperLedger(500);
    ledger.onBar(new PriceBar(0, H4, 10, 10), settings);
    ledger.onSignal(new PositionDecision(0, 1, "m-1"), settings);
    ledger.onBar(new PriceBar(H4, 2 * H4, 10, 12), settings);
    ledger.onBar(new PriceBar(2 * H4, 3 * H4, 12, 11), settings);
    ledger.onBar(new PriceBar(3 * H4, 4 * H4, 11, 13), settings);

    byte[] bytes = LedgerCodec.encode(ledger);
    PaperLedger copy = LedgerCodec.decode(bytes);

    assertThat(LedgerCodec.encode(copy)).isEqualTo(bytes);
    assertThat(copy.equity()).isEqualTo(ledger.equity());
    assertThat(copy.pendingBarCount()).isEqualTo(2);
    assertThat(bytes.length).isLessThan(200);
  }

  @Test
  void shouldRoundTripABookWithAPendingSignal() {
    LedgerSettings settings = LedgerSettings.study(500);
    PaperLedger ledger = new PaperLedger(500);
    ledger.onBar(new PriceBar(0, H4, 10, 10), settings);
    ledger.onSignal(new PositionDecision(0, 1, "m-1"), settings);

    byte[] bytes = LedgerCodec.encode(ledger);
    PaperLedger copy = LedgerCodec.decode(bytes);

    assertThat(LedgerCodec.encode(copy)).isEqualTo(bytes);
    assertThat(copy.pendingSignalCount()).isEqualTo(1);
    assertThat(copy.onBar(new PriceBar(H4, 2 * H4, 10, 12), settings).realized())
        .singleElement()
        .satisfies(r -> assertThat(r.bar().position()).isEqualTo(1.0));
  }

  @Test
  void shouldRejectAnUnknownVersion() {
    byte[] bytes = LedgerCodec.encode(new PaperLedger(1));
    bytes[0] = 9;

    assertThatThrownBy(() -> LedgerCodec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 9 is unknown");
  }
}
