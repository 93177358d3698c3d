package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's test slice through the real topology, broker and registry, zero costs: cumulative
 * return and Sharpe of the P&amp;L topic equal the offline figures to 1e-9.
 */
@WithStack
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StudyParityIT {

  private final StackEndpoints endpoints;
  @TempDir Path stateDir;

  StudyParityIT(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  private PerformanceMetrics streamThroughBroker(String run, List<Signal> signals) {
    StudyReplay study = StudyReplay.load();
    StackFixture fixture = new StackFixture(endpoints, "parity", stateDir);
    Map<String, Object> props = fixture.properties(run);
    props.put(SignalsConfig.STARTING_CAPITAL, "1");
    SignalsConfig config = SignalsConfig.from(props);
    fixture.createTopics(config);
    fixture.produce(
        config.bars().name(), study.bars(), Bar::getSymbol, b -> b.getCloseTime().toEpochMilli());
    fixture.produce(
        config.signals().name(),
        signals,
        Signal::getSymbol,
        s -> s.getBarCloseTime().toEpochMilli());
    List<PnlSnapshot> pnl;
    try (KafkaStreams streams =
        new KafkaStreams(
            SignalsTopology.build(config, new SignalsMetrics(new SimpleMeterRegistry())),
            config.streamsProperties())) {
      streams.start();
      pnl =
          fixture
              .readPnlUntil(
                  config.pnl().name(),
                  read ->
                      read.stream().filter(p -> p.getScope() == PnlScope.SYMBOL).count()
                          >= StudyReplay.TEST_ROWS,
                  Duration.ofSeconds(120),
                  "all 401 test bars are realized")
              .stream()
              .filter(p -> p.getScope() == PnlScope.SYMBOL)
              .toList();
    }
    assertThat(pnl).hasSize(StudyReplay.TEST_ROWS);
    return PerformanceMetrics.of4h(StudyParityTest.series(pnl));
  }

  @Test
  void shouldReproduceTheOfflineFiguresOfALongFlatRuleThroughTheBroker() {
    // Given the study's 402 bars and 401 decisions of a rule that trades often
    IntPredicate rule = row -> Integer.bitCount(row * 5 + 1) % 2 == 0;
    PerformanceMetrics offline = PerformanceMetrics.of4h(StudyReplay.load().offline(rule));

    // When
    PerformanceMetrics streamed = streamThroughBroker("rule", StudyReplay.load().signals(rule));

    // Then
    assertThat(streamed.cumulativeReturn()).isCloseTo(offline.cumulativeReturn(), within(1e-9));
    assertThat(streamed.sharpe().getAsDouble())
        .isCloseTo(offline.sharpe().getAsDouble(), within(1e-9));
    assertThat(streamed.trades()).isEqualTo(offline.trades());
  }

  @Test
  void shouldReproduceTheTrainersOfflineFiguresThroughTheBroker() {
    // Given the trained model's offline decisions and figures
    TrainedModelRun model = TrainedModelRun.load(TrainedModelRun.shipped());

    // When
    PerformanceMetrics streamed = streamThroughBroker("model", model.signals());

    // Then
    assertThat(streamed.cumulativeReturn()).isCloseTo(model.cumulativeReturn(), within(1e-9));
    if (model.sharpe().isPresent()) {
      assertThat(streamed.sharpe().getAsDouble())
          .isCloseTo(model.sharpe().getAsDouble(), within(1e-9));
    } else {
      assertThat(streamed.sharpe()).isEmpty();
    }
  }
}
