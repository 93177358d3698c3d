package io.lstmsignals.signals.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.signals.book.LedgerCodec;
import io.lstmsignals.signals.book.PaperLedger;
import io.lstmsignals.signals.book.Realization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@WithStack
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SignalsIT {

  private static final String SYMBOL = "BTCUSDT";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final StackEndpoints endpoints;
  @TempDir Path stateDir;

  SignalsIT(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  private static List<PnlSnapshot> symbolSnapshots(List<PnlSnapshot> all) {
    return all.stream().filter(p -> p.getScope() == PnlScope.SYMBOL).toList();
  }

  private static Predicate<List<PnlSnapshot>> symbolCount(int expected) {
    return read -> symbolSnapshots(read).size() >= expected;
  }

  /** What an uninterrupted ledger makes of the market, as P&amp;L records. */
  private static List<PnlSnapshot> expected(SyntheticMarket market, SignalsConfig config) {
    PaperLedger ledger = new PaperLedger(config.ledger().startingCapital());
    List<PnlSnapshot> out = new ArrayList<>();
    for (Signal signal : market.signals()) {
      ledger.onSignal(LedgerRecords.decision(signal), config.ledger());
    }
    for (Bar bar : market.bars()) {
      for (Realization r : ledger.onBar(LedgerRecords.priceBar(bar), config.ledger()).realized()) {
        out.add(LedgerRecords.snapshot(SYMBOL, r.bar()));
      }
    }
    return out;
  }

  private static void produceBars(StackFixture fixture, SignalsConfig config, List<Bar> bars) {
    fixture.produce(
        config.bars().name(), bars, Bar::getSymbol, b -> b.getCloseTime().toEpochMilli());
  }

  private static void produceSignals(
      StackFixture fixture, SignalsConfig config, List<Signal> signals) {
    fixture.produce(
        config.signals().name(),
        signals,
        Signal::getSymbol,
        s -> s.getBarCloseTime().toEpochMilli());
  }

  /**
   * Runs the processor in this JVM, lets {@code between} act once it has taken the first batch,
   * then closes it.
   */
  private static void runInProcess(
      SignalsConfig config, Predicate<PaperLedger> firstBatchTaken, Runnable between) {
    try (KafkaStreams streams =
        new KafkaStreams(
            SignalsTopology.build(config, new SignalsMetrics(new SimpleMeterRegistry())),
            config.streamsProperties())) {
      streams.start();
      StackFixture.pollUntil(
          () -> {
            if (streams.state() != KafkaStreams.State.RUNNING) {
              return false;
            }
            try {
              ReadOnlyKeyValueStore<String, byte[]> store =
                  streams.store(
                      StoreQueryParameters.fromNameAndType(
                          SignalsTopology.LEDGER_STORE,
                          QueryableStoreTypes.<String, byte[]>keyValueStore()));
              byte[] saved = store.get(SYMBOL);
              return saved != null && firstBatchTaken.test(LedgerCodec.decode(saved));
            } catch (InvalidStateStoreException e) {
              return false; // store migrating during a rebalance: ask again
            }
          },
          WAIT,
          "the processor took the first batch into its ledger store");
      between.run();
    }
  }

  @Test
  void shouldEmitIdenticalPnlWhetherBarsOrSignalsAreReadFirst() {
    // Given the same market delivered in two orders
    SyntheticMarket market = SyntheticMarket.of(SYMBOL, 24, 17);
    StackFixture fixture = new StackFixture(endpoints, "order", stateDir);
    SignalsConfig barsFirst = SignalsConfig.from(fixture.properties("bars-first"));
    SignalsConfig signalsFirst = SignalsConfig.from(fixture.properties("signals-first"));
    fixture.createTopics(barsFirst);
    fixture.createTopics(signalsFirst);

    // When: every bar is in the ledger before any signal, and the other way round
    produceBars(fixture, barsFirst, market.bars());
    List<PnlSnapshot> one = new ArrayList<>();
    runInProcess(
        barsFirst,
        ledger -> ledger.pendingBarCount() == market.bars().size() - 1,
        () -> {
          produceSignals(fixture, barsFirst, market.signals());
          one.addAll(
              fixture.readPnlUntil(
                  barsFirst.pnl().name(), symbolCount(23), WAIT, "23 bars are realized"));
        });
    produceSignals(fixture, signalsFirst, market.signals());
    List<PnlSnapshot> two = new ArrayList<>();
    runInProcess(
        signalsFirst,
        ledger -> ledger.pendingSignalCount() == market.signals().size(),
        () -> {
          produceBars(fixture, signalsFirst, market.bars());
          two.addAll(
              fixture.readPnlUntil(
                  signalsFirst.pnl().name(), symbolCount(23), WAIT, "23 bars are realized"));
        });

    // Then
    assertThat(symbolSnapshots(two))
        .isEqualTo(symbolSnapshots(one))
        .hasSize(23)
        .isEqualTo(expected(market, barsFirst));
  }

  @Test
  void shouldRealizeEveryBarOnceAcrossAKilledProcessor() throws Exception {
    // Given a processor in a child JVM, all signals, and bars arriving one by one
    SyntheticMarket market = SyntheticMarket.of(SYMBOL, 60, 23);
    StackFixture fixture = new StackFixture(endpoints, "restart", stateDir);
    Map<String, Object> props = fixture.properties("restart");
    props.put(SignalsConfig.FEE_BPS, "10");
    props.put(SignalsConfig.SLIPPAGE_BPS, "5");
    SignalsConfig config = SignalsConfig.from(props);
    fixture.createTopics(config);
    Path configFile = stateDir.resolve("restart.properties");
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      StackFixture.asProperties(props).store(writer, "SignalsIT restart");
    }
    produceSignals(fixture, config, market.signals());
    List<Bar> early = market.bars().subList(0, 15);
    List<Bar> late = market.bars().subList(15, 60);

    // When: killed (no clean close) as soon as 10 bars are committed, possibly mid-transaction on
    // the next ones
    Process first = startProcessor(configFile, "first");
    int realizedBeforeKill;
    try {
      produceBars(fixture, config, early);
      realizedBeforeKill =
          symbolSnapshots(
                  fixture.readPnlUntil(
                      config.pnl().name(),
                      symbolCount(10),
                      WAIT,
                      "10 bars are realized before the kill"))
              .size();
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    produceBars(fixture, config, late);
    Process second = startProcessor(configFile, "second");
    List<PnlSnapshot> all;
    try {
      all =
          fixture.readPnlUntil(
              config.pnl().name(), symbolCount(59), WAIT, "all 59 bars are realized after restart");
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }

    // Then: each bar once, none skipped, and the same figures as an uninterrupted ledger
    assertThat(realizedBeforeKill).as("bars realized by the first process").isBetween(10, 14);
    List<PnlSnapshot> realized = symbolSnapshots(all);
    assertThat(realized)
        .extracting(PnlSnapshot::getBarsRealized)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 59).boxed().toList());
    assertThat(realized).isEqualTo(expected(market, config));
    assertThat(realized.get(58).getEquity())
        .isEqualTo(expected(market, config).get(58).getEquity());
  }

  /**
   * Starts {@code signals run} in a child JVM; its output goes to
   * target/signals-it/restart-NAME.log.
   */
  private static Process startProcessor(Path configFile, String name) throws IOException {
    Path log =
        Files.createDirectories(Path.of("target", "signals-it"))
            .resolve("restart-" + name + ".log");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            classpath,
            "io.lstmsignals.signals.app.SignalsMain",
            "run",
            "--set",
            "http.port=0",
            "--config",
            configFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
