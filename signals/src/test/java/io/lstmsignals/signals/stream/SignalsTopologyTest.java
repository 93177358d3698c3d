package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Fill;
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
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsTopologyTest {

  private final String scope = "signals-topology-" + UUID.randomUUID();
  @TempDir Path stateDir;

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.dropScope(scope);
  }

  private SignalsConfig config(String symbols) {
    Map<String, Object> props = new HashMap<>();
    props.put(SignalsConfig.BOOTSTRAP_SERVERS, "unused:9092");
    props.put(SignalsConfig.REGISTRY_URL, "mock://" + scope);
    props.put(SignalsConfig.STATE_DIR, stateDir.toString());
    props.put(SignalsConfig.FEE_BPS, "10");
    props.put(SignalsConfig.SLIPPAGE_BPS, "2");
    props.put(SignalsConfig.PORTFOLIO_SYMBOLS, symbols);
    return SignalsConfig.from(props);
  }

  /** One driver over the topology with typed inputs and outputs. */
  private final class Harness implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, Signal> signals;
    final TestInputTopic<String, Bar> bars;
    final TestInputTopic<String, byte[]> rawSignals;
    final TestOutputTopic<String, PnlSnapshot> pnl;
    final TestOutputTopic<String, Fill> fills;
    final TestOutputTopic<String, DeadLetter> signalsDlq;
    final TestOutputTopic<String, DeadLetter> barsDlq;

    Harness(SignalsConfig config) {
      driver =
          new TopologyTestDriver(
              SignalsTopology.build(config, new SignalsMetrics(new SimpleMeterRegistry())),
              config.streamsProperties());
      var serdes = config.serdeConfig();
      signals =
          driver.createInputTopic(
              config.signals().name(),
              new StringSerializer(),
              AvroSerdes.specific(Signal.class, serdes, false).serializer());
      bars =
          driver.createInputTopic(
              config.bars().name(),
              new StringSerializer(),
              AvroSerdes.specific(Bar.class, serdes, false).serializer());
      rawSignals =
          driver.createInputTopic(
              config.signals().name(), new StringSerializer(), new ByteArraySerializer());
      pnl =
          driver.createOutputTopic(
              config.pnl().name(),
              new StringDeserializer(),
              AvroSerdes.specific(PnlSnapshot.class, serdes, false).deserializer());
      fills =
          driver.createOutputTopic(
              config.fills().name(),
              new StringDeserializer(),
              AvroSerdes.specific(Fill.class, serdes, false).deserializer());
      signalsDlq =
          driver.createOutputTopic(
              config.signalsDeadLetters().name(),
              new StringDeserializer(),
              AvroSerdes.specific(DeadLetter.class, serdes, false).deserializer());
      barsDlq =
          driver.createOutputTopic(
              config.barsDeadLetters().name(),
              new StringDeserializer(),
              AvroSerdes.specific(DeadLetter.class, serdes, false).deserializer());
    }

    void pipe(Bar bar) {
      bars.pipeInput(bar.getSymbol(), bar, bar.getCloseTime());
    }

    void pipe(Signal signal) {
      signals.pipeInput(signal.getSymbol(), signal, signal.getBarCloseTime());
    }

    @Override
    public void close() {
      driver.close();
    }
  }

  private static void interleave(Harness harness, SyntheticMarket market, Random order) {
    int b = 0;
    int s = 0;
    while (b < market.bars().size() || s < market.signals().size()) {
      if (s == market.signals().size() || (b < market.bars().size() && order.nextBoolean())) {
        harness.pipe(market.bars().get(b++));
      } else {
        harness.pipe(market.signals().get(s++));
      }
    }
  }

  @Test
  void shouldEmitIdenticalPnlForTwoInterleavingsOfTheSameInputs() {
    SyntheticMarket market = SyntheticMarket.of("BTCUSDT", 30, 3);
    List<PnlSnapshot> first;
    List<Fill> firstFills;
    try (Harness harness = new Harness(config("BTCUSDT"))) {
      // all bars first, then all signals
      market.bars().forEach(harness::pipe);
      market.signals().forEach(harness::pipe);
      first = harness.pnl.readValuesToList();
      firstFills = harness.fills.readValuesToList();
    }
    List<PnlSnapshot> second;
    List<Fill> secondFills;
    try (Harness harness = new Harness(config("BTCUSDT"))) {
      interleave(harness, market, new Random(11));
      second = harness.pnl.readValuesToList();
      secondFills = harness.fills.readValuesToList();
    }

    assertThat(first.stream().filter(p -> p.getScope() == PnlScope.SYMBOL)).hasSize(29);
    assertThat(second).isEqualTo(first);
    assertThat(secondFills).isEqualTo(firstFills).isNotEmpty();
    assertThat(first.stream().filter(p -> p.getScope() == PnlScope.PORTFOLIO)).hasSize(29);
  }

  @Test
  void shouldDeadLetterUnreadableAndStaleInputsAndGoOn() {
    SyntheticMarket market = SyntheticMarket.of("ETHUSDT", 4, 5);
    try (Harness harness = new Harness(config("ETHUSDT"))) {
      harness.pipe(market.bars().get(0));
      harness.rawSignals.pipeInput("ETHUSDT", new byte[] {1, 2, 3});
      harness.pipe(market.signals().get(0));
      harness.pipe(market.bars().get(1));
      harness.pipe(market.bars().get(0)); // stale

      harness.pipe(market.signals().get(1));
      harness.pipe(market.bars().get(2));

      List<DeadLetter> signalLetters = harness.signalsDlq.readValuesToList();
      List<DeadLetter> barLetters = harness.barsDlq.readValuesToList();
      assertThat(signalLetters)
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.getStage()).isEqualTo("signals");
                assertThat(letter.getReason()).contains("unreadable");
                assertThat(letter.getLocation()).startsWith("partition 0 offset");
                assertThat(letter.getPayload().remaining()).isEqualTo(3);
              });
      assertThat(barLetters)
          .singleElement()
          .satisfies(
              letter -> assertThat(letter.getReason()).contains("not after the last realized bar"));
      assertThat(
              harness.pnl.readValuesToList().stream().filter(p -> p.getScope() == PnlScope.SYMBOL))
          .hasSize(2);
    }
  }

  @Test
  void shouldBuildThePortfolioFromEqualCapitalMembers() {
    SyntheticMarket btc = SyntheticMarket.of("BTCUSDT", 6, 1);
    SyntheticMarket eth = SyntheticMarket.of("ETHUSDT", 6, 2);
    try (Harness harness = new Harness(config("BTCUSDT,ETHUSDT"))) {
      btc.bars().forEach(harness::pipe);
      btc.signals().forEach(harness::pipe);
      List<PnlSnapshot> beforeEth = harness.pnl.readValuesToList();
      eth.signals().forEach(harness::pipe);
      eth.bars().forEach(harness::pipe);
      List<PnlSnapshot> all = harness.pnl.readValuesToList();

      assertThat(beforeEth).allMatch(p -> p.getScope() == PnlScope.SYMBOL);
      List<PnlSnapshot> portfolio =
          all.stream().filter(p -> p.getScope() == PnlScope.PORTFOLIO).toList();
      assertThat(portfolio).hasSize(5);
      PnlSnapshot lastBtc = beforeEth.get(beforeEth.size() - 1);
      PnlSnapshot lastEth =
          all.stream()
              .filter(p -> p.getSymbol().equals("ETHUSDT"))
              .reduce((a, b) -> b)
              .orElseThrow();
      PnlSnapshot last = portfolio.get(portfolio.size() - 1);
      assertThat(last.getSymbol()).isEqualTo("PORTFOLIO");
      assertThat(last.getEquity()).isEqualTo(lastBtc.getEquity() + lastEth.getEquity());
      assertThat(last.getCumulativeReturn()).isEqualTo(last.getEquity() / 20_000 - 1);
    }
  }
}
