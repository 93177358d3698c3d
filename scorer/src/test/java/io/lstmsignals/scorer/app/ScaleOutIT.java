package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.scorer.onnx.TestModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances share the partitions; when one leaves, its partitions and their windows move to the
 * other through the changelog, and no bar loses or repeats its signal.
 */
@WithStack
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ScaleOutIT {
  private static final int W = 4;
  private static final List<String> SYMBOLS =
      List.of("AAAUSDT", "BBBUSDT", "CCCUSDT", "DDDUSDT", "EEEUSDT", "FFFUSDT");
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static int activeTasks(ScorerService service) {
    return service.streams().metadataForLocalThreads().stream()
        .map(ThreadMetadata::activeTasks)
        .mapToInt(Set::size)
        .sum();
  }

  /** Bars {@code from} (inclusive) to {@code to} of every symbol, interleaved in time. */
  private static List<Bar> slice(Map<String, List<Bar>> series, int from, int to) {
    List<Bar> bars = new ArrayList<>();
    for (int i = from; i < to; i++) {
      for (String symbol : SYMBOLS) {
        bars.add(series.get(symbol).get(i));
      }
    }
    return bars;
  }

  @Test
  void shouldMoveWindowsToTheRemainingInstanceWithoutLosingOrRepeatingSignals(StackEndpoints stack)
      throws Exception {
    List<Bar> btc =
        CsvBars.read(
                CsvBars.repositoryRoot().resolve("data/BTCUSDT-4h-2024.csv"),
                "BTCUSDT",
                Instant.MIN,
                Instant.MAX)
            .subList(0, 40);
    Map<String, List<Bar>> series =
        SYMBOLS.stream()
            .collect(
                Collectors.toMap(
                    Function.identity(),
                    symbol ->
                        btc.stream()
                            .map(bar -> Bar.newBuilder(bar).setSymbol(symbol).build())
                            .toList()));
    try (ScorerHarness harness = new ScorerHarness(stack, "scale-out", 2)) {
      byte[] model = TestModels.momentum(W, 1f);
      harness.publishAndPromote(
          ScorerHarness.release(
              ScorerHarness.MODEL,
              "v1",
              model,
              ArtifactLayout.sha256(model),
              W,
              null,
              SYMBOLS.toArray(String[]::new)));
      Map<String, String> settings = Map.of("scorer.window.capacity", String.valueOf(W + 1));
      ScorerService first = harness.start(settings);
      ScorerService second = harness.start(settings);
      ScorerHarness.await(
          () ->
              first.streams().state() == KafkaStreams.State.RUNNING
                  && second.streams().state() == KafkaStreams.State.RUNNING
                  && activeTasks(first) == 1
                  && activeTasks(second) == 1,
          WAIT,
          "each instance owns one of the two partitions");

      // Given both instances scoring the first 20 bars of every symbol
      harness.produce(slice(series, 0, 20));
      harness.awaitSignals(20 * SYMBOLS.size(), WAIT);

      // When the second instance leaves and the rest of the bars arrive
      second.close();
      harness.produce(slice(series, 20, 40));
      List<Signal> signals = harness.awaitSignals(40 * SYMBOLS.size(), WAIT);

      // Then the first instance owns both partitions, and every bar has exactly one signal, scored
      // with the window
      // it had before the move (no bar after the warm-up warms up again)
      assertThat(activeTasks(first)).isEqualTo(2);
      assertThat(harness.drainSignals(Duration.ofSeconds(1))).hasSize(40 * SYMBOLS.size());
      Map<String, List<Signal>> bySymbol =
          signals.stream().collect(Collectors.groupingBy(Signal::getSymbol));
      for (String symbol : SYMBOLS) {
        List<Signal> ofSymbol = bySymbol.get(symbol);
        assertThat(ofSymbol)
            .extracting(Signal::getBarOpenTime)
            .containsExactlyElementsOf(series.get(symbol).stream().map(Bar::getOpenTime).toList());
        assertThat(ofSymbol.subList(W, 40))
            .allSatisfy(
                s ->
                    assertThat(s.getPredictedLogReturn())
                        .as("%s@%s", symbol, s.getBarOpenTime())
                        .isNotNull());
      }
    }
  }
}
