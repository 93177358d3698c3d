package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.registry.InMemorySchemaRegistry;
import io.lstmsignals.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's test slice streamed through the topology with zero costs: the P&amp;L records must
 * give the offline cumulative return and Sharpe to 1e-9. Always-long is the study's buy-and-hold
 * (and its "largest" model), whose published figures are checked too.
 */
class StudyParityTest {

  private final String scope = "study-parity-" + UUID.randomUUID();
  @TempDir Path stateDir;

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.dropScope(scope);
  }

  /**
   * Streams the slice, signals and bars interleaved as the scorer would emit them; returns the
   * symbol's P&amp;L.
   */
  static List<PnlSnapshot> stream(SignalsConfig config, List<Bar> bars, List<Signal> signals) {
    var serdes = config.serdeConfig();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            SignalsTopology.build(config, new SignalsMetrics(new SimpleMeterRegistry())),
            config.streamsProperties())) {
      TestInputTopic<String, Bar> barTopic =
          driver.createInputTopic(
              config.bars().name(),
              new StringSerializer(),
              AvroSerdes.specific(Bar.class, serdes, false).serializer());
      TestInputTopic<String, Signal> signalTopic =
          driver.createInputTopic(
              config.signals().name(),
              new StringSerializer(),
              AvroSerdes.specific(Signal.class, serdes, false).serializer());
      for (int i = 0; i < bars.size(); i++) {
        Bar bar = bars.get(i);
        barTopic.pipeInput(bar.getSymbol(), bar, bar.getCloseTime());
        if (i < signals.size()) {
          Signal signal = signals.get(i);
          signalTopic.pipeInput(signal.getSymbol(), signal, signal.getScoredAt());
        }
      }
      return driver
          .createOutputTopic(
              config.pnl().name(),
              new StringDeserializer(),
              AvroSerdes.specific(PnlSnapshot.class, serdes, false).deserializer())
          .readValuesToList()
          .stream()
          .filter(p -> p.getScope() == PnlScope.SYMBOL)
          .toList();
    }
  }

  /** The streamed P&amp;L as a series for the metrics. */
  static ReturnSeries series(List<PnlSnapshot> pnl) {
    int n = pnl.size();
    long[] times = new long[n];
    double[] positions = new double[n];
    double[] returns = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = pnl.get(i).getBarCloseTime().toEpochMilli();
      positions[i] = pnl.get(i).getPosition();
      returns[i] = pnl.get(i).getStrategyReturn();
    }
    return ReturnSeries.startingFlat(times, positions, returns);
  }

  private SignalsConfig config() {
    Map<String, Object> props = new HashMap<>();
    props.put(SignalsConfig.BOOTSTRAP_SERVERS, "unused:9092");
    props.put(SignalsConfig.REGISTRY_URL, "mock://" + scope);
    props.put(SignalsConfig.STATE_DIR, stateDir.toString());
    props.put(SignalsConfig.STARTING_CAPITAL, "1");
    return SignalsConfig.from(props);
  }

  private void assertParity(IntPredicate longOnRow) {
    StudyReplay study = StudyReplay.load();
    PerformanceMetrics offline = PerformanceMetrics.of4h(study.offline(longOnRow));

    List<PnlSnapshot> pnl = stream(config(), study.bars(), study.signals(longOnRow));
    PerformanceMetrics streamed = PerformanceMetrics.of4h(series(pnl));

    assertThat(pnl).hasSize(StudyReplay.TEST_ROWS);
    assertThat(pnl.get(0).getBarOpenTime()).isEqualTo(StudyReplay.FIRST_TEST_BAR);
    assertThat(streamed.cumulativeReturn()).isCloseTo(offline.cumulativeReturn(), within(1e-9));
    assertThat(pnl.get(pnl.size() - 1).getCumulativeReturn())
        .isCloseTo(offline.cumulativeReturn(), within(1e-9));
    assertThat(streamed.sharpe().getAsDouble())
        .isCloseTo(offline.sharpe().getAsDouble(), within(1e-9));
  }

  @Test
  void buyAndHoldMustMatchTheStudyOfflineAndAsPublished() {
    assertParity(row -> true);

    PerformanceMetrics offline = PerformanceMetrics.of4h(StudyReplay.load().offline(row -> true));
    assertThat(offline.cumulativeReturn()).isCloseTo(0.4956, within(5e-5));
    assertThat(offline.sharpe().getAsDouble()).isCloseTo(5.0096, within(5e-5));
  }

  @Test
  void theTrainedModelsDecisionsMustGiveTheTrainersOfflineFigures() {
    TrainedModelRun model = TrainedModelRun.load(TrainedModelRun.shipped());
    StudyReplay study = StudyReplay.load();

    List<PnlSnapshot> pnl = stream(config(), study.bars(), model.signals());
    PerformanceMetrics streamed = PerformanceMetrics.of4h(series(pnl));

    assertThat(model.signals()).hasSize(StudyReplay.TEST_ROWS);
    assertThat(pnl).hasSize(StudyReplay.TEST_ROWS);
    assertThat(streamed.cumulativeReturn()).isCloseTo(model.cumulativeReturn(), within(1e-9));
    if (model.sharpe().isPresent()) {
      assertThat(streamed.sharpe().getAsDouble())
          .isCloseTo(model.sharpe().getAsDouble(), within(1e-9));
    } else {
      assertThat(streamed.sharpe()).isEmpty();
    }
  }

  @Test
  void aLongFlatRuleMustMatchTheOfflineFigures() {
    // a rule that trades often: long on rows whose index has an odd number of set bits
    assertParity(row -> Integer.bitCount(row * 7 + 3) % 2 == 1);
  }
}
