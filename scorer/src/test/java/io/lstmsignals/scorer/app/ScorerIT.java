package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.scorer.onnx.CudaUnavailableException;
import io.lstmsignals.scorer.onnx.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WithStack
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ScorerIT {
  private static final int W = 48;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The float32 window of W + 1 bars ending at {@code last}, as the scorer feeds the model. */
  private static float[] window(List<Bar> bars, int last) {
    float[] flat = new float[(W + 1) * 5];
    for (int i = 0; i <= W; i++) {
      Bar bar = bars.get(last - W + i);
      ModelInput.put(
          flat, i, bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVolume());
    }
    return flat;
  }

  private static List<Bar> btc2024() throws Exception {
    return CsvBars.read(
        CsvBars.repositoryRoot().resolve("data/BTCUSDT-4h-2024.csv"),
        "BTCUSDT",
        Instant.MIN,
        Instant.MAX);
  }

  @Test
  void shouldSwapModelsBetweenBarsAndRefuseBadReleases(StackEndpoints stack) throws Exception {
    List<Bar> bars = btc2024().subList(0, 320);
    byte[] v1 = TestModels.momentum(W, 1f);
    byte[] v2 = TestModels.momentum(W, -1f);
    try (ScorerHarness harness = new ScorerHarness(stack, "hot-swap", 1)) {
      ModelRelease first = ScorerHarness.release("v1", v1, W);
      harness.publishAndPromote(first);
      ScorerService service = harness.start(Map.of());
      assertThat(service.awaitModelsRead(WAIT)).isTrue();

      // Given v1 serving the first 150 bars
      harness.produce(bars.subList(0, 150));
      assertThat(harness.awaitSignals(150, WAIT))
          .extracting(Signal::getModelVersion)
          .containsOnly("v1");

      // When v2 is released and promoted while the next bars stream in
      harness.publishAndPromote(ScorerHarness.release("v2", v2, W));
      harness.produce(bars.subList(150, 300));
      List<Signal> signals = harness.awaitSignals(300, WAIT);

      // Then every bar has exactly one signal, v1 up to the swap and v2 after it, each computed by
      // its version
      assertThat(signals).hasSize(300);
      assertThat(new HashSet<>(signals.stream().map(Signal::getBarOpenTime).toList())).hasSize(300);
      assertThat(signals)
          .extracting(Signal::getBarOpenTime)
          .containsExactlyElementsOf(bars.subList(0, 300).stream().map(Bar::getOpenTime).toList());
      int firstV2 = signals.stream().map(Signal::getModelVersion).toList().indexOf("v2");
      assertThat(firstV2).isGreaterThanOrEqualTo(150);
      assertThat(signals.subList(0, firstV2))
          .extracting(Signal::getModelVersion)
          .containsOnly("v1");
      assertThat(signals.subList(firstV2, 300))
          .extracting(Signal::getModelVersion)
          .containsOnly("v2");
      for (int i = W; i < 300; i++) {
        Signal signal = signals.get(i);
        float gain = "v1".equals(signal.getModelVersion()) ? 1f : -1f;
        assertThat(signal.getPredictedLogReturn())
            .as("bar %d scored by %s", i, signal.getModelVersion())
            .isCloseTo(TestModels.expected(window(bars, i), gain), within(1e-4));
      }

      // When bad releases are promoted: corrupt bytes, a wrong input shape, a window longer than
      // the state kept
      byte[] corrupt = v2.clone();
      corrupt[corrupt.length / 3] ^= 0x5a;
      harness.publishAndPromote(ScorerHarness.release("v3", corrupt, ArtifactLayout.sha256(v2), W));
      harness.publishAndPromote(ScorerHarness.release("v4", TestModels.fourFeatures(W), W));
      harness.publishAndPromote(ScorerHarness.release("v5", TestModels.momentum(60, 1f), 60));

      // Then each is refused with its reason, and v2 keeps serving
      List<DeadLetter> refused = harness.awaitDeadLetters(harness.modelsDeadLetterTopic(), 3, WAIT);
      assertThat(refused).extracting(DeadLetter::getKey).containsOnly(ScorerHarness.MODEL);
      assertThat(refused.get(0).getReason()).contains("v3").contains("hashes to");
      assertThat(refused.get(1).getReason())
          .contains("v4")
          .contains("expected input 'bars' of shape [N, W+1, 5]");
      assertThat(refused.get(2).getReason())
          .contains("v5")
          .contains("needs W + 1 = 61 bars per symbol");
      harness.produce(bars.subList(300, 320));
      List<Signal> after = harness.awaitSignals(320, WAIT).subList(300, 320);
      assertThat(after).extracting(Signal::getModelVersion).containsOnly("v2");
    }
  }

  @Test
  void shouldWarmUpThenReportTheExchangeGapUntilTheWindowRefills(StackEndpoints stack)
      throws Exception {
    // 2018-02-08T00 -> 2018-02-09T08: seven bars missing in the exchange's own history
    List<Bar> bars =
        CsvBars.read(
            CsvBars.repositoryRoot().resolve("data/BTCUSDT-4h.csv"),
            "BTCUSDT",
            Instant.parse("2018-01-20T00:00:00Z"),
            Instant.parse("2018-02-25T00:00:00Z"));
    int afterGap =
        bars.stream().map(Bar::getOpenTime).toList().indexOf(Instant.parse("2018-02-09T08:00:00Z"));
    assertThat(afterGap).isGreaterThan(W + 1);
    try (ScorerHarness harness = new ScorerHarness(stack, "warm-up-gap", 2)) {
      harness.publishAndPromote(ScorerHarness.release("v1", TestModels.momentum(W, 1f), W));
      harness.start(Map.of());

      harness.produce(bars);
      List<Signal> signals = harness.awaitSignals(bars.size(), WAIT);

      assertThat(signals.subList(0, W))
          .extracting(Signal::getReason)
          .containsOnly(FlatReason.WARMING_UP);
      assertThat(signals.get(W - 1).getReasonDetail())
          .isEqualTo("window holds 48 of 49 contiguous bars");
      assertThat(signals.subList(W, afterGap))
          .allSatisfy(s -> assertThat(s.getPredictedLogReturn()).isNotNull());
      assertThat(signals.subList(afterGap, afterGap + W))
          .extracting(Signal::getReason)
          .containsOnly(FlatReason.GAP_IN_WINDOW);
      assertThat(signals.get(afterGap).getReasonDetail())
          .isEqualTo("window holds 1 of 49 contiguous bars since a gap");
      assertThat(signals.subList(afterGap + W, signals.size()))
          .allSatisfy(s -> assertThat(s.getPredictedLogReturn()).isNotNull());
      assertThat(signals)
          .allSatisfy(
              s ->
                  assertThat(s.getDecision() == Decision.LONG)
                      .isEqualTo(
                          s.getPredictedClose() != null
                              && s.getPredictedClose() > s.getReferenceClose()));

      // A repeat of the newest bar is ignored; an older bar goes to the dead-letter topic
      harness.produce(List.of(bars.get(bars.size() - 1), bars.get(10)));
      DeadLetter letter = harness.awaitDeadLetters(harness.barsDeadLetterTopic(), 1, WAIT).get(0);
      assertThat(letter.getReason()).contains("opens before the newest bar");
      assertThat(letter.getLocation()).startsWith("partition ");
      assertThat(harness.drainSignals(Duration.ofSeconds(1))).hasSize(bars.size());
    }
  }

  @Test
  void shouldFailFastWhenCudaIsRequiredAndFallBackToTheCpuWhenAllowed(StackEndpoints stack)
      throws Exception {
    List<Bar> bars = btc2024().subList(0, W + 5);
    try (ScorerHarness harness = new ScorerHarness(stack, "cuda", 1)) {
      assertThatThrownBy(
              () ->
                  new ScorerService(
                      harness.config(Map.of("scorer.onnx.provider", "cuda")),
                      new SimpleMeterRegistry(),
                      Clock.systemUTC()))
          .isInstanceOf(CudaUnavailableException.class)
          .hasMessageStartingWith("Execution provider 'cuda' (device 0) cannot be used: ")
          .hasMessageContaining("use scorer.onnx.provider=cpu or cuda-or-cpu instead");

      harness.publishAndPromote(ScorerHarness.release("v1", TestModels.momentum(W, 1f), W));
      ScorerService service = harness.start(Map.of("scorer.onnx.provider", "cuda-or-cpu"));
      harness.produce(bars);

      assertThat(service.executionProvider())
          .startsWith("CPU (fallback: CUDA device 0 unavailable: ");
      List<Signal> signals = harness.awaitSignals(bars.size(), WAIT);
      assertThat(signals.subList(W, bars.size()))
          .allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo("v1"))
          .allSatisfy(s -> assertThat(s.getPredictedLogReturn()).isNotNull());
    }
  }
}
