package io.lstmsignals.schemas.contract.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines.BeforeFirst;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines.NoLine;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines.Serve;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines.Wait;
import io.lstmsignals.schemas.contract.lifecycle.Promotion.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelLinesTest {
  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");
  private static final Duration BAR = Duration.ofHours(4);

  private static Release release(String line, String version, String... symbols) {
    return new Release(
        line,
        version,
        "a".repeat(63) + version.length() % 10,
        List.of(symbols),
        48,
        BarInterval.FOUR_HOURS,
        T0.minus(BAR),
        T0.minus(BAR),
        null);
  }

  private static Promotion promote(Release release, Instant from, Instant until) {
    return new Promotion(
        release.line(),
        Action.PROMOTE,
        release.version(),
        release.sha256(),
        from,
        until,
        List.of(),
        OptionalInt.empty(),
        T0,
        "test",
        "because");
  }

  private static Instant bar(int n) {
    return T0.plus(BAR.multipliedBy(n));
  }

  @Test
  void shouldRouteEachSymbolToTheLineTrainedForItAndNoOtherSymbol() {
    Release btc = release("btc", "b1", "BTCUSDT");
    Release eth = release("eth", "e1", "ETHUSDT");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(btc)
            .withRelease(eth)
            .withPromotion(promote(btc, null, null))
            .withPromotion(promote(eth, null, null));

    assertThat(lines.resolve("BTCUSDT", bar(0)))
        .isEqualTo(new Serve("btc", btc, false, OptionalInt.empty()));
    assertThat(lines.resolve("ETHUSDT", bar(0)))
        .isEqualTo(new Serve("eth", eth, false, OptionalInt.empty()));
    assertThat(lines.resolve("XRPUSDT", bar(0))).isInstanceOf(NoLine.class);
  }

  @Test
  void aRoutedSymbolShouldWaitUntilItsLineHasAVersionInForceAndItsReleaseIsRead() {
    Release btc = release("btc", "b1", "BTCUSDT");
    ModelLines released = ModelLines.empty().withRelease(btc);
    ModelLines promotedBeforeTheReleaseIsRead =
        ModelLines.empty()
            .withRelease(release("btc", "b0", "BTCUSDT"))
            .withPromotion(promote(btc, null, null));

    assertThat(released.resolve("BTCUSDT", bar(0))).isInstanceOf(Wait.class);
    assertThat(promotedBeforeTheReleaseIsRead.resolve("BTCUSDT", bar(0)))
        .isEqualTo(new Wait("release btc@b1 on the models topic"));
  }

  @Test
  void scheduledDecisionsShouldApplyFromTheirBarAndBarsPastTheHorizonShouldWait() {
    Release first = release("btc", "b1", "BTCUSDT");
    Release second = release("btc", "b2", "BTCUSDT");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(first)
            .withRelease(second)
            .withPromotion(promote(first, bar(10), bar(20)));

    assertThat(lines.resolve("BTCUSDT", bar(9))).isEqualTo(new BeforeFirst("btc", bar(10)));
    assertThat(lines.resolve("BTCUSDT", bar(10))).isInstanceOf(Serve.class);
    assertThat(lines.resolve("BTCUSDT", bar(19)))
        .isEqualTo(new Serve("btc", first, false, OptionalInt.empty()));
    assertThat(lines.resolve("BTCUSDT", bar(20))).isInstanceOf(Wait.class);

    ModelLines next = lines.withPromotion(promote(second, bar(20), bar(30)));
    assertThat(next.resolve("BTCUSDT", bar(19)))
        .isEqualTo(new Serve("btc", first, false, OptionalInt.empty()));
    assertThat(next.resolve("BTCUSDT", bar(20)))
        .isEqualTo(new Serve("btc", second, false, OptionalInt.empty()));
  }

  @Test
  void aRefusedVersionShouldNeverBeInForceAndTheOneBeforeItShouldKeepServing() {
    Release good = release("btc", "good", "BTCUSDT");
    Release bad = release("btc", "bad", "BTCUSDT");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(good)
            .withRelease(bad)
            .withPromotion(promote(good, null, null))
            .withPromotion(promote(bad, null, null))
            .refusing("btc", "bad", "sha256 mismatch");

    assertThat(lines.resolve("BTCUSDT", bar(0)))
        .isEqualTo(new Serve("btc", good, false, OptionalInt.empty()));
    assertThat(lines.promotedReleases()).containsExactly(good);
  }

  @Test
  void aPromotionWithOtherBytesThanTheReleaseShouldNotServe() {
    Release good = release("btc", "b1", "BTCUSDT");
    Promotion wrongBytes =
        new Promotion(
            "btc",
            Action.PROMOTE,
            "b1",
            "f".repeat(64),
            null,
            null,
            List.of(),
            OptionalInt.empty(),
            T0,
            "test",
            "x");
    ModelLines lines = ModelLines.empty().withRelease(good).withPromotion(wrongBytes);

    assertThat(lines.resolve("BTCUSDT", bar(0))).isInstanceOf(Wait.class);
  }

  @Test
  void aRetiredLineShouldServeNothingUntilPromotedAgain() {
    Release btc = release("btc", "b1", "BTCUSDT");
    Promotion retire =
        new Promotion(
            "btc",
            Action.RETIRE,
            null,
            null,
            null,
            null,
            List.of(),
            OptionalInt.empty(),
            T0,
            "ops",
            "market closed");
    ModelLines retired =
        ModelLines.empty()
            .withRelease(btc)
            .withPromotion(promote(btc, null, null))
            .withPromotion(retire);

    assertThat(retired.resolve("BTCUSDT", bar(0)))
        .isEqualTo(new NoLine("line btc serving BTCUSDT was retired: market closed"));
    assertThat(retired.withPromotion(promote(btc, null, null)).resolve("BTCUSDT", bar(0)))
        .isInstanceOf(Serve.class);
  }

  @Test
  void anOptInSymbolShouldBeServedAndMarkedOnlyFromThePromotionThatOptsItIn() {
    Release btc = release("btc", "b1", "BTCUSDT");
    Promotion optIn =
        new Promotion(
            "btc",
            Action.PROMOTE,
            "b1",
            btc.sha256(),
            bar(5),
            null,
            List.of("ETHUSDT"),
            OptionalInt.of(100),
            T0,
            "ops",
            "scale-free features");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(btc)
            .withPromotion(promote(btc, null, null))
            .withPromotion(optIn);

    assertThat(lines.lineOf("ETHUSDT")).contains("btc");
    assertThat(lines.resolve("ETHUSDT", bar(4))).isInstanceOf(NoLine.class);
    assertThat(lines.resolve("ETHUSDT", bar(5)))
        .isEqualTo(new Serve("btc", btc, true, OptionalInt.of(100)));
    assertThat(lines.resolve("BTCUSDT", bar(5)))
        .isEqualTo(new Serve("btc", btc, false, OptionalInt.of(100)));
  }

  @Test
  void anOptInSymbolShouldBelongToTheFirstLinePromotedWhicheverPromotionOptedItInFirst() {
    Release eth = release("eth", "e1", "ETHUSDT");
    Release sol = release("sol", "s1", "SOLUSDT");
    ModelLines lines =
        ModelLines.empty()
            .withRelease(eth)
            .withRelease(sol)
            .withPromotion(promote(eth, null, null))
            .withPromotion(optIn(sol, "XRPUSDT"));

    assertThat(lines.lineOf("XRPUSDT")).contains("sol");
    assertThat(lines.withPromotion(optIn(eth, "XRPUSDT")).lineOf("XRPUSDT")).contains("eth");
    assertThat(lines.withPromotion(optIn(sol, "ADAUSDT")).lineOf("XRPUSDT")).contains("sol");
    assertThat(lines.lineOf("ADAUSDT")).isEmpty();
  }

  @Test
  void aRepublishedVersionShouldBeTheReleaseFoundForIt() {
    Release first = release("btc", "b1", "BTCUSDT");
    Release again =
        new Release(
            "btc",
            "b1",
            "b".repeat(64),
            List.of("BTCUSDT"),
            48,
            BarInterval.FOUR_HOURS,
            T0,
            T0,
            null);
    ModelLines lines = ModelLines.empty().withRelease(first).withRelease(again);

    assertThat(lines.release("btc", "b1")).contains(again);
    assertThat(lines.releases("btc")).containsExactly(again);
    assertThat(lines.release("btc", "b2")).isEmpty();
    assertThat(lines.release("eth", "b1")).isEmpty();
  }

  private static Promotion optIn(Release release, String symbol) {
    return new Promotion(
        release.line(),
        Action.PROMOTE,
        release.version(),
        release.sha256(),
        null,
        null,
        List.of(symbol),
        OptionalInt.empty(),
        T0,
        "ops",
        "opt-in");
  }

  @Test
  void expiryShouldCountBarsAfterTheLastTrainingBar() {
    Instant trainedTo = Instant.parse("2024-06-01T00:00:00Z");
    Release btc =
        new Release(
            "btc",
            "b1",
            "a".repeat(64),
            List.of("BTCUSDT"),
            48,
            BarInterval.FOUR_HOURS,
            trainedTo,
            trainedTo,
            null);
    Serve serve = new Serve("btc", btc, false, OptionalInt.of(2));
    Instant firstBarAfterClose = trainedTo.plus(BAR.multipliedBy(2));

    assertThat(ModelLines.ageInBars(trainedTo, firstBarAfterClose, BAR)).isEqualTo(1);
    assertThat(serve.expiredAt(trainedTo.plus(BAR.multipliedBy(3)), BAR)).isFalse();
    assertThat(serve.expiredAt(trainedTo.plus(BAR.multipliedBy(4)), BAR)).isTrue();
  }

  @Test
  void aSymbolShouldBelongToTheFirstLineThatClaimsIt() {
    ModelLines lines =
        ModelLines.empty()
            .withRelease(release("btc", "b1", "BTCUSDT"))
            .withRelease(release("other", "o1", "BTCUSDT"));

    assertThat(lines.lineOf("BTCUSDT")).contains("btc");
    assertThat(LifecycleRules.releaseProblems(release("other", "o2", "BTCUSDT"), lines))
        .containsExactly(
            "release other@o2: symbol BTCUSDT is served by line btc; a symbol belongs to one line");
  }

  @Test
  void aScheduledLineRoutesItsSymbolBeforeAnyReleaseAndItsBarsWaitForTheFirstDecision() {
    Promotion schedule = Promotion.schedule("btc", List.of("BTCUSDT"), T0, "retrainer", "policy");
    ModelLines declared = ModelLines.empty().withPromotion(schedule);

    assertThat(declared.lineOf("BTCUSDT")).contains("btc");
    assertThat(declared.resolve("BTCUSDT", bar(3)))
        .isEqualTo(new ModelLines.Wait("line btc's first scheduled decision (a retrainer's)"));
    assertThat(declared.resolve("ETHUSDT", bar(3))).isInstanceOf(ModelLines.NoLine.class);

    // When the first decision applies from bar 10 until bar 20
    Release first = release("btc", "v1", "BTCUSDT");
    ModelLines decided =
        declared.withRelease(first).withPromotion(promote(first, bar(10), bar(20)));

    // Then earlier bars precede the line's first version, its period is served, later bars wait
    assertThat(decided.resolve("BTCUSDT", bar(3)))
        .isEqualTo(new ModelLines.BeforeFirst("btc", bar(10)));
    assertThat(decided.resolve("BTCUSDT", bar(12))).isInstanceOf(ModelLines.Serve.class);
    assertThat(decided.resolve("BTCUSDT", bar(20))).isInstanceOf(ModelLines.Wait.class);
    assertThat(decided.deciding("btc", bar(3))).isEmpty();
  }
}
