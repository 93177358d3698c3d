package io.lstmsignals.signals.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaperLedgerTest {

  private static final long H4 = 4 * 3600_000L;
  private static final long T0 = 1_727_236_800_000L; // 2024-09-25T04:00Z
  private static final double EPS = 1e-9;

  private static PriceBar bar(int index, double open, double close) {
    return new PriceBar(T0 + index * H4, T0 + (index + 1) * H4, open, close);
  }

  private static PositionDecision signal(int index, double position) {
    return new PositionDecision(T0 + index * H4, position, "v1");
  }

  private static LedgerSettings costs(
      double feeBps, double slippageBps, FillConvention convention) {
    return new LedgerSettings(1000, feeBps, slippageBps, convention);
  }

  @Test
  void shouldRealizeAtTheReferenceCloseWithFeesAndSlippage() {
    // Given closes 100, 110, 99, 108.9; LONG, LONG, FLAT; 10 bps fee + 5 bps slippage
    LedgerSettings settings = costs(10, 5, FillConvention.REFERENCE_CLOSE);
    PaperLedger ledger = new PaperLedger(1000);
    List<Realization> out = new ArrayList<>();

    // When
    ledger.onBar(bar(0, 100, 100), settings);
    out.addAll(ledger.onSignal(signal(0, 1), settings).realized());
    out.addAll(ledger.onBar(bar(1, 100, 110), settings).realized());
    out.addAll(ledger.onSignal(signal(1, 1), settings).realized());
    out.addAll(ledger.onBar(bar(2, 110, 99), settings).realized());
    out.addAll(ledger.onSignal(signal(2, 0), settings).realized());
    out.addAll(ledger.onBar(bar(3, 99, 108.9), settings).realized());

    // Then
    assertThat(out).hasSize(3);
    RealizedBar first = out.get(0).bar();
    assertThat(first.barReturn()).isCloseTo(0.1, within(EPS));
    assertThat(first.strategyReturn()).isCloseTo(0.1 - 0.0015 * 1.1, within(EPS)); // 0.09835
    assertThat(first.equity()).isCloseTo(1098.35, within(EPS));
    assertThat(first.costs()).isCloseTo(1.5, within(EPS));
    PositionChange buy = out.get(0).fill().orElseThrow();
    assertThat(buy.isBuy()).isTrue();
    assertThat(buy.price()).isEqualTo(100);
    assertThat(buy.fillTime()).isEqualTo(T0 + H4);
    assertThat(buy.notional()).isCloseTo(1000, within(EPS));
    assertThat(buy.fee()).isCloseTo(1.0, within(EPS));
    assertThat(buy.slippage()).isCloseTo(0.5, within(EPS));

    RealizedBar second = out.get(1).bar();
    assertThat(out.get(1).fill()).isEmpty();
    assertThat(second.strategyReturn()).isCloseTo(-0.1, within(EPS));
    assertThat(second.equity()).isCloseTo(988.515, within(EPS));
    assertThat(second.drawdown()).isCloseTo(-0.1, within(EPS));
    assertThat(second.costs()).isZero();

    RealizedBar third = out.get(2).bar();
    PositionChange sell = out.get(2).fill().orElseThrow();
    assertThat(sell.isBuy()).isFalse();
    assertThat(sell.price()).isEqualTo(99);
    assertThat(sell.notional()).isCloseTo(988.515, within(EPS));
    assertThat(sell.fee()).isCloseTo(0.988515, within(EPS));
    assertThat(sell.slippage()).isCloseTo(0.4942575, within(EPS));
    assertThat(third.position()).isZero();
    assertThat(third.strategyReturn()).isCloseTo(-0.0015, within(EPS));
    assertThat(third.equity()).isCloseTo(987.0322275, within(EPS));
    assertThat(third.cumulativeReturn()).isCloseTo(-0.0129677725, within(EPS));
    assertThat(third.maxDrawdown()).isCloseTo(987.0322275 / 1098.35 - 1, within(EPS));
    assertThat(third.barsRealized()).isEqualTo(3);
    assertThat(third.barsLong()).isEqualTo(2);
    assertThat(third.trades()).isEqualTo(2);
  }

  @Test
  void shouldReproduceTheStudyExactlyWithoutCosts() {
    LedgerSettings settings = LedgerSettings.study(1);
    PaperLedger ledger = new PaperLedger(1);
    ledger.onBar(bar(0, 100, 100), settings);
    ledger.onSignal(signal(0, 1), settings);

    RealizedBar realized = ledger.onBar(bar(1, 100, 103.7), settings).realized().get(0).bar();

    assertThat(realized.strategyReturn()).isEqualTo(103.7 / 100 - 1);
  }

  @Test
  void shouldFillAtTheNextOpenAndHoldThePreviousPositionUntilThen() {
    // Given close(b0) = 100; b1 opens 101 closes 110; b2 opens 108 closes 99; LONG then FLAT; 10
    // bps fee
    LedgerSettings settings = costs(10, 0, FillConvention.NEXT_OPEN);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onBar(bar(0, 100, 100), settings);
    ledger.onSignal(signal(0, 1), settings);
    ledger.onSignal(signal(1, 0), settings);

    // When
    Realization first = ledger.onBar(bar(1, 101, 110), settings).realized().get(0);
    Realization second = ledger.onBar(bar(2, 108, 99), settings).realized().get(0);

    // Then: flat until open(b1), long from 101 to 110, paying 10 bps on 1000
    assertThat(first.bar().barReturn()).isCloseTo(110.0 / 101 - 1, within(EPS));
    assertThat(first.bar().equity()).isCloseTo(1000 * 0.999 * 110 / 101, within(EPS));
    assertThat(first.fill().orElseThrow().price()).isEqualTo(101);
    assertThat(first.fill().orElseThrow().fillTime()).isEqualTo(T0 + H4);
    assertThat(first.fill().orElseThrow().fee()).isCloseTo(1.0, within(EPS));
    // long from close(b1) 110 to open(b2) 108, then sell 10 bps on that equity, flat to close
    double atOpen = first.bar().equity() * 108 / 110;
    assertThat(second.fill().orElseThrow().price()).isEqualTo(108);
    assertThat(second.fill().orElseThrow().notional()).isCloseTo(atOpen, within(EPS));
    assertThat(second.bar().equity()).isCloseTo(atOpen * 0.999, within(EPS));
    assertThat(second.bar().barReturn()).isCloseTo(99.0 / 108 - 1, within(EPS));
  }

  @Test
  void shouldGiveIdenticalRealizationsForAnyInterleaving() {
    // Given 40 bars and their signals, each topic in its own order
    Random market = new Random(7);
    List<PriceBar> bars = new ArrayList<>();
    List<PositionDecision> signals = new ArrayList<>();
    double close = 100;
    for (int i = 0; i < 40; i++) {
      double open = close * (1 + market.nextGaussian() * 0.002);
      close = open * (1 + market.nextGaussian() * 0.02);
      bars.add(bar(i, open, close));
      signals.add(signal(i, market.nextBoolean() ? 1 : 0));
    }
    for (FillConvention convention : FillConvention.values()) {
      LedgerSettings settings = costs(7, 3, convention);
      List<Realization> reference = run(bars, signals, new Random(1), settings);

      for (long seed = 2; seed < 12; seed++) {
        // When
        List<Realization> other = run(bars, signals, new Random(seed), settings);
        // Then
        assertThat(other).as("interleaving %d, %s", seed, convention).isEqualTo(reference);
      }
      assertThat(reference).hasSize(39);
    }
  }

  private static List<Realization> run(
      List<PriceBar> bars, List<PositionDecision> signals, Random order, LedgerSettings settings) {
    PaperLedger ledger = new PaperLedger(1000);
    List<Realization> out = new ArrayList<>();
    int b = 0;
    int s = 0;
    while (b < bars.size() || s < signals.size()) {
      boolean takeBar = s == signals.size() || (b < bars.size() && order.nextBoolean());
      LedgerOutcome outcome =
          takeBar
              ? ledger.onBar(bars.get(b++), settings)
              : ledger.onSignal(signals.get(s++), settings);
      assertThat(outcome.rejection()).isEmpty();
      out.addAll(outcome.realized());
      // Round trip through the codec on every step, as the state store does
      ledger = LedgerCodec.decode(LedgerCodec.encode(ledger));
    }
    return out;
  }

  @Test
  void shouldRejectStaleAndDuplicateBarsAndNeverRealizeTwice() {
    LedgerSettings settings = LedgerSettings.study(1000);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onBar(bar(0, 100, 100), settings);
    ledger.onSignal(signal(0, 1), settings);
    assertThat(ledger.onBar(bar(1, 100, 110), settings).realized()).hasSize(1);

    LedgerOutcome again = ledger.onBar(bar(1, 100, 110), settings);
    LedgerOutcome older = ledger.onBar(bar(0, 100, 100), settings);
    LedgerOutcome lateSignal = ledger.onSignal(signal(0, 0), settings);

    assertThat(again.rejection())
        .hasValueSatisfying(r -> assertThat(r).contains("not after the last realized bar"));
    assertThat(older.isRejected()).isTrue();
    assertThat(lateSignal.rejection()).hasValueSatisfying(r -> assertThat(r).contains("too late"));
    assertThat(ledger.barsRealized()).isEqualTo(1);
    assertThat(ledger.equity()).isCloseTo(1100, within(EPS));
  }

  @Test
  void shouldBridgeAGapInBarsUnderThePositionDecidedBeforeIt() {
    LedgerSettings settings = LedgerSettings.study(1000);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onBar(bar(0, 100, 100), settings);
    ledger.onSignal(signal(0, 1), settings);

    // bar 1 and 2 never come; bar 3 does
    List<Realization> out = ledger.onBar(bar(3, 118, 120), settings).realized();

    assertThat(out).hasSize(1);
    assertThat(out.get(0).bar().barOpenTime()).isEqualTo(T0 + 3 * H4);
    assertThat(out.get(0).bar().barReturn()).isCloseTo(0.2, within(EPS));
    assertThat(ledger.onBar(bar(1, 100, 101), settings).isRejected()).isTrue();
  }

  @Test
  void shouldWaitForASignalHoweverFarTheBarsRunAhead() {
    LedgerSettings settings = LedgerSettings.study(1000);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onBar(bar(0, 100, 100), settings);
    // Given 500 bars read before any signal, as in a fast replay
    for (int i = 1; i <= 500; i++) {
      assertThat(ledger.onBar(bar(i, 100, 100 + i), settings).realized()).isEmpty();
    }

    // When the scorer catches up, every bar is realized under its own signal
    List<Realization> realized = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      realized.addAll(ledger.onSignal(signal(i, 1), settings).realized());
    }

    assertThat(realized)
        .hasSize(500)
        .allSatisfy(
            r -> {
              assertThat(r.bar().signalMissing()).isFalse();
              assertThat(r.bar().position()).isEqualTo(1.0);
            });
  }

  @Test
  void shouldRealizeFlatOnlyWhenALaterSignalProvesTheDecidingOneLost() {
    LedgerSettings settings = LedgerSettings.study(1000);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onBar(bar(0, 100, 100), settings);
    ledger.onSignal(signal(0, 1), settings);
    ledger.onBar(bar(1, 100, 110), settings); // realized long
    assertThat(ledger.onBar(bar(2, 110, 120), settings).realized()).isEmpty();
    assertThat(ledger.onBar(bar(3, 120, 130), settings).realized()).isEmpty();

    // When the signal of bar 2 arrives while the one of bar 1 never did
    List<Realization> out = ledger.onSignal(signal(2, 1), settings).realized();

    // Then bar 2 is realized flat as "signal missing", and bar 3 under bar 2's signal
    assertThat(out).hasSize(2);
    assertThat(out.get(0).bar().signalMissing()).isTrue();
    assertThat(out.get(0).bar().position()).isZero();
    assertThat(out.get(0).fill().orElseThrow().isBuy()).isFalse();
    assertThat(out.get(1).bar().signalMissing()).isFalse();
    assertThat(out.get(1).bar().position()).isEqualTo(1.0);
    assertThat(ledger.onSignal(signal(1, 1), settings).isRejected()).isTrue();
  }

  @Test
  void shouldDropSignalsForBarsBeforeTheBookStarted() {
    LedgerSettings settings = LedgerSettings.study(1000);
    PaperLedger ledger = new PaperLedger(1000);
    ledger.onSignal(signal(0, 1), settings);

    ledger.onBar(bar(1, 100, 100), settings);

    assertThat(ledger.pendingSignalCount()).isZero();
    assertThat(ledger.lastBar())
        .hasValueSatisfying(b -> assertThat(b.openTime()).isEqualTo(T0 + H4));
  }
}
