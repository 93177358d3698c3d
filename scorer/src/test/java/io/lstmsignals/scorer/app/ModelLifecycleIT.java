package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.TcpProxy;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.scorer.onnx.TestModels;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The model lifecycle against the real broker and registry: lines bound to symbols, bars that wait
 * for their model instead of being decided without it, refused releases that never erase a good
 * one, rollback and expiry.
 */
@WithStack
@Timeout(300)
class ModelLifecycleIT {
  private static final int W = 6;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static List<Bar> bars(String file, String symbol, int count) throws Exception {
    List<Bar> all =
        CsvBars.read(
            CsvBars.repositoryRoot().resolve("data/" + file), symbol, Instant.MIN, Instant.MAX);
    return all.subList(0, count).stream()
        .map(bar -> Bar.newBuilder(bar).setSymbol(symbol).build())
        .toList();
  }

  private static List<Bar> interleaved(List<List<Bar>> series) {
    List<Bar> all = new ArrayList<>();
    series.forEach(all::addAll);
    all.sort(Comparator.comparing(Bar::getOpenTime).thenComparing(Bar::getSymbol));
    return all;
  }

  private static ModelRelease release(
      String line, String version, float gain, Instant trainedTo, String... symbols) {
    byte[] onnx = TestModels.momentum(W, gain);
    return ScorerHarness.release(
        line, version, onnx, ArtifactLayout.sha256(onnx), W, trainedTo, symbols);
  }

  private static void assertOneSignalPerBar(List<Signal> signals, List<Bar> bars) {
    assertThat(signals).hasSize(bars.size());
    assertThat(
            new HashSet<>(
                signals.stream().map(s -> s.getSymbol() + "@" + s.getBarOpenTime()).toList()))
        .hasSize(bars.size());
  }

  @Test
  void eachSymbolShouldBeScoredByItsOwnLineAndAnUnservedOneOnlyGetNoModelForSymbol(
      StackEndpoints stack) throws Exception {
    List<Bar> btc = bars("BTCUSDT-4h-2024.csv", "BTCUSDT", 30);
    List<Bar> eth = bars("ETHUSDT-4h.csv", "ETHUSDT", 30);
    List<Bar> xrp = bars("BTCUSDT-4h-2024.csv", "XRPUSDT", 30);
    try (ScorerHarness harness = new ScorerHarness(stack, "two-lines", 2)) {
      harness.publishAndPromote(release("btc-line", "b1", 1f, null, "BTCUSDT"));
      harness.publishAndPromote(release("eth-line", "e1", -1f, null, "ETHUSDT"));
      harness.start(Map.of());

      List<Bar> all = interleaved(List.of(btc, eth, xrp));
      harness.produce(all);
      List<Signal> signals = harness.awaitSignals(all.size(), WAIT);

      assertOneSignalPerBar(signals, all);
      assertThat(signals)
          .filteredOn(s -> s.getSymbol().equals("BTCUSDT"))
          .allSatisfy(
              s -> {
                assertThat(s.getModelLine()).isEqualTo("btc-line");
                assertThat(s.getModelVersion()).isEqualTo("b1");
              });
      assertThat(signals)
          .filteredOn(s -> s.getSymbol().equals("ETHUSDT"))
          .allSatisfy(
              s -> {
                assertThat(s.getModelLine()).isEqualTo("eth-line");
                assertThat(s.getModelVersion()).isEqualTo("e1");
              });
      assertThat(signals)
          .filteredOn(s -> s.getSymbol().equals("XRPUSDT"))
          .allSatisfy(
              s -> {
                assertThat(s.getReason()).isEqualTo(FlatReason.NO_MODEL_FOR_SYMBOL);
                assertThat(s.getModelVersion()).isNull();
                assertThat(s.getPredictedLogReturn()).isNull();
              });
      assertThat(signals)
          .filteredOn(s -> !s.getSymbol().equals("XRPUSDT"))
          .extracting(Signal::getReason)
          .doesNotContain(FlatReason.NO_MODEL_FOR_SYMBOL, FlatReason.NO_MODEL);
    }
  }

  @Test
  void aRegistryDownAtStartShouldDelayScoringAndNeverProduceNoModel(StackEndpoints stack)
      throws Exception {
    List<Bar> bars = bars("BTCUSDT-4h-2024.csv", "BTCUSDT", 60);
    URI registry = URI.create(stack.registryUrl());
    try (ScorerHarness harness = new ScorerHarness(stack, "registry-outage", 1);
        TcpProxy proxy = TcpProxy.to(registry)) {
      // Given a model in force and bars on the topic (both written while the registry answers)
      harness.publishAndPromote(release("btc-line", "b1", 1f, null, "BTCUSDT"));
      harness.produce(bars);

      // When the scorer starts while its registry does not answer, and the registry comes back
      ScorerService service =
          harness.start(Map.of("schema.registry.url", proxy.through(registry).toString()));
      assertThat(service.awaitModelsRead(Duration.ofSeconds(5)))
          .as("nothing can be read while the registry is down")
          .isFalse();
      proxy.up();

      // Then every bar is scored by the model, exactly once, and none without it
      List<Signal> signals = harness.awaitSignals(bars.size(), WAIT);
      assertOneSignalPerBar(signals, bars);
      assertThat(signals).extracting(Signal::getModelVersion).containsOnly("b1");
      assertThat(signals)
          .extracting(Signal::getReason)
          .doesNotContain(FlatReason.NO_MODEL, FlatReason.NO_MODEL_FOR_SYMBOL);
      assertThat(harness.drainSignals(Duration.ofSeconds(2))).hasSize(bars.size());
    }
  }

  @Test
  void aCorruptReleaseAfterAGoodOneShouldNeverServeEvenOnceTheTopicIsCompacted(StackEndpoints stack)
      throws Exception {
    List<Bar> bars = bars("BTCUSDT-4h-2024.csv", "BTCUSDT", 20);
    Map<String, String> compactFast =
        Map.of(
            "segment.ms", "100",
            "min.cleanable.dirty.ratio", "0.001",
            "delete.retention.ms", "100");
    try (ScorerHarness harness = new ScorerHarness(stack, "compaction", 1, compactFast)) {
      // Given a good release in force, then a corrupt one promoted after it, then the same good
      // release written again (a duplicate key that compaction removes)
      ModelRelease good = release("btc-line", "good", 1f, null, "BTCUSDT");
      harness.publishAndPromote(good);
      byte[] corrupt = TestModels.momentum(W, -1f);
      corrupt[corrupt.length / 2] ^= 0x33;
      ModelRelease bad =
          ScorerHarness.release(
              "btc-line",
              "bad",
              corrupt,
              ArtifactLayout.sha256(TestModels.momentum(W, -1f)),
              W,
              null,
              "BTCUSDT");
      harness.publishAndPromote(bad);
      harness.publish(good);
      // When the log cleaner has compacted the models topic (the duplicate of "good" is gone)
      awaitCompacted(harness.modelsTopic(), "btc-line/good", harness);

      // Then a freshly started scorer serves the good release and refuses the corrupt one
      harness.start(Map.of());
      harness.produce(bars);
      List<Signal> signals = harness.awaitSignals(bars.size(), WAIT);
      assertThat(signals).extracting(Signal::getModelVersion).containsOnly("good");
      assertThat(harness.awaitDeadLetters(harness.modelsDeadLetterTopic(), 1, WAIT))
          .extracting(DeadLetter::getReason)
          .anySatisfy(reason -> assertThat(reason).contains("btc-line@bad").contains("hashes to"));
    }
  }

  /**
   * Waits until the log cleaner removed the first copy of the duplicate release: one record of its
   * key is left.
   */
  private static void awaitCompacted(String topic, String key, ScorerHarness harness)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    for (int roll = 0; harness.recordCount(topic, key) > 1; roll++) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the log cleaner did not compact " + topic + " within 90 s");
      }
      // A write after segment.ms rolls the segment the duplicate sits in (the cleaner never
      // touches the active segment).
      Thread.sleep(1000);
      harness.publish(release("roll-line", "roll" + roll, 1f, null, "ROLLUSDT"));
    }
  }

  @Test
  void aRollbackMidStreamShouldSwitchVersionsBetweenTwoBars(StackEndpoints stack) throws Exception {
    List<Bar> bars = bars("BTCUSDT-4h-2024.csv", "BTCUSDT", 240);
    try (ScorerHarness harness = new ScorerHarness(stack, "rollback", 1)) {
      ModelRelease v1 = release("btc-line", "v1", 1f, null, "BTCUSDT");
      ModelRelease v2 = release("btc-line", "v2", -1f, null, "BTCUSDT");
      harness.publish(v2);
      harness.publishAndPromote(v1);
      harness.start(Map.of());

      harness.produce(bars.subList(0, 80));
      harness.awaitSignals(80, WAIT);
      harness.promote(v2);
      harness.produce(bars.subList(80, 160));
      harness.awaitSignals(160, WAIT);
      harness.promote(v1, Promotion.Action.ROLLBACK, OptionalInt.empty());
      harness.produce(bars.subList(160, 240));
      List<Signal> signals = harness.awaitSignals(240, WAIT);

      assertOneSignalPerBar(signals, bars);
      assertThat(signals)
          .extracting(Signal::getBarOpenTime)
          .containsExactlyElementsOf(bars.stream().map(Bar::getOpenTime).toList());
      List<String> versions = signals.stream().map(Signal::getModelVersion).toList();
      assertThat(versions.subList(0, 80)).containsOnly("v1");
      assertThat(versions.subList(80, 160)).containsOnly("v2");
      assertThat(versions.subList(160, 240)).containsOnly("v1");
      for (int i = W; i < 240; i++) {
        float gain = versions.get(i).equals("v1") ? 1f : -1f;
        assertThat(signals.get(i).getPredictedLogReturn())
            .as("bar %d scored by %s", i, versions.get(i))
            .isCloseTo(TestModels.expected(window(bars, i), gain), within(1e-4));
      }
    }
  }

  private static float[] window(List<Bar> bars, int last) {
    float[] flat = new float[(W + 1) * 5];
    for (int i = 0; i <= W; i++) {
      Bar bar = bars.get(last - W + i);
      ModelInput.put(
          flat, i, bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVolume());
    }
    return flat;
  }

  @Test
  void anExpiredModelShouldGiveFlatUntilAFreshVersionIsInForce(StackEndpoints stack)
      throws Exception {
    List<Bar> bars = bars("BTCUSDT-4h-2024.csv", "BTCUSDT", 60);
    Instant trainedTo = bars.get(9).getOpenTime();
    try (ScorerHarness harness = new ScorerHarness(stack, "expiry", 1)) {
      ModelRelease old = release("btc-line", "old", 1f, trainedTo, "BTCUSDT");
      harness.publish(old);
      harness.promote(old, Promotion.Action.PROMOTE, OptionalInt.of(10));
      harness.start(Map.of());

      // Bars 0..19 are at most 10 bars after the training; 20..39 are older than that
      harness.produce(bars.subList(0, 40));
      List<Signal> first = harness.awaitSignals(40, WAIT);
      assertThat(first.subList(W, 20))
          .allSatisfy(s -> assertThat(s.getPredictedLogReturn()).isNotNull());
      assertThat(first.subList(20, 40))
          .allSatisfy(
              s -> {
                assertThat(s.getReason()).isEqualTo(FlatReason.MODEL_EXPIRED);
                assertThat(s.getModelVersion()).isEqualTo("old");
              });

      // When a fresh version is put in force, scoring resumes with it
      ModelRelease fresh = release("btc-line", "fresh", 1f, bars.get(39).getOpenTime(), "BTCUSDT");
      harness.publish(fresh);
      harness.promote(fresh, Promotion.Action.PROMOTE, OptionalInt.of(10));
      harness.produce(bars.subList(40, 50));
      List<Signal> after = harness.awaitSignals(50, WAIT).subList(40, 50);
      assertThat(after)
          .allSatisfy(
              s -> {
                assertThat(s.getModelVersion()).isEqualTo("fresh");
                assertThat(s.getPredictedLogReturn()).isNotNull();
              });
    }
  }
}
