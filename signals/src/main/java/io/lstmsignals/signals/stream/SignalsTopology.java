package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.serde.AvroSerdes;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The paper-trading P&amp;L topology.
 *
 * <pre>
 * signals ─┐                                     ┌─ Fill ──────────────→ fills
 *          ├─ merge → paper-ledger [ledger store] ┼─ PnlSnapshot ───────→ pnl
 * bars ────┘    (per symbol, no repartition)      │     └→ key = portfolio → portfolio-input (1 partition)
 *                                                 │         → portfolio-book [portfolio store] → pnl (PORTFOLIO)
 *                                                 └─ DeadLetter ────────→ signals.dlq / bars.dlq
 * </pre>
 *
 * Signals and bars are read as bytes and decoded in the ledger processor, so an undeserializable
 * record becomes a dead letter there (with its partition and offset) and processing goes on. Both
 * inputs are keyed by symbol and co-partitioned (same partition count), so each symbol's book lives
 * in one task and nothing is repartitioned before it. The stores are changelogged; with
 * exactly-once v2 the book, its outputs and the input offsets commit together, so a restart neither
 * realizes a bar twice nor skips one.
 */
public final class SignalsTopology {

  public static final String LEDGER_STORE = "paper-ledger-store";
  public static final String PORTFOLIO_STORE = "portfolio-book-store";

  private SignalsTopology() {}

  /**
   * Builds the topology; serdes talk to {@link SignalsConfig#registryUrl()} (mock:// in driver
   * tests), and what it realizes is counted on {@code metrics}.
   */
  public static Topology build(SignalsConfig config, SignalsMetrics metrics) {
    Map<String, Object> serdeConfig = config.serdeConfig();
    Serde<Signal> signalSerde = AvroSerdes.specific(Signal.class, serdeConfig, false);
    Serde<Bar> barSerde = AvroSerdes.specific(Bar.class, serdeConfig, false);
    Serde<Fill> fillSerde = AvroSerdes.specific(Fill.class, serdeConfig, false);
    Serde<PnlSnapshot> pnlSerde = AvroSerdes.specific(PnlSnapshot.class, serdeConfig, false);
    Serde<DeadLetter> deadLetterSerde = AvroSerdes.specific(DeadLetter.class, serdeConfig, false);
    Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());

    StreamsBuilder builder = new StreamsBuilder();
    StoreBuilder<KeyValueStore<String, byte[]>> ledgerStore =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.String(), Serdes.ByteArray());
    StoreBuilder<KeyValueStore<String, byte[]>> portfolioStore =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PORTFOLIO_STORE), Serdes.String(), Serdes.ByteArray());
    builder.addStateStore(ledgerStore);
    builder.addStateStore(portfolioStore);

    KStream<String, byte[]> signals =
        builder.stream(config.signals().name(), raw.withName("signals-source"));
    KStream<String, byte[]> bars =
        builder.stream(config.bars().name(), raw.withName("bars-source"));
    ProcessorSupplier<String, byte[], String, SpecificRecord> ledger =
        () -> new LedgerProcessor(config, signalSerde.deserializer(), barSerde.deserializer());
    KStream<String, SpecificRecord> realized =
        signals
            .merge(bars, Named.as("signals-and-bars"))
            .process(ledger, Named.as("paper-ledger"), LEDGER_STORE);

    realized
        .split(Named.as("ledger-output-"))
        .branch(
            (symbol, value) -> value instanceof Fill,
            Branched.withConsumer(
                fills ->
                    fills
                        .mapValues(value -> (Fill) value, Named.as("as-fill"))
                        .peek((symbol, fill) -> metrics.filled(fill), Named.as("count-fill"))
                        .to(
                            config.fills().name(),
                            Produced.with(Serdes.String(), fillSerde).withName("fills-sink")),
                "fills"))
        .branch(
            (symbol, value) -> value instanceof PnlSnapshot,
            Branched.withConsumer(
                pnl -> {
                  KStream<String, PnlSnapshot> snapshots =
                      pnl.mapValues(value -> (PnlSnapshot) value, Named.as("as-pnl"))
                          .peek(
                              (symbol, snapshot) -> metrics.realized(snapshot),
                              Named.as("count-realized"));
                  snapshots.to(
                      config.pnl().name(),
                      Produced.with(Serdes.String(), pnlSerde).withName("pnl-sink"));
                  snapshots
                      .filter(
                          (symbol, snapshot) ->
                              snapshot.getScope() == PnlScope.SYMBOL
                                  && config.portfolioSymbols().contains(symbol),
                          Named.as("portfolio-members"))
                      .selectKey(
                          (symbol, snapshot) -> config.portfolioName(),
                          Named.as("to-portfolio-key"))
                      .repartition(
                          Repartitioned.with(Serdes.String(), pnlSerde)
                              .withName("portfolio-input")
                              .withNumberOfPartitions(1))
                      .process(
                          () -> new PortfolioProcessor(config),
                          Named.as("portfolio-book"),
                          PORTFOLIO_STORE)
                      .peek(
                          (name, snapshot) -> metrics.realized(snapshot),
                          Named.as("count-portfolio"))
                      .to(
                          config.pnl().name(),
                          Produced.with(Serdes.String(), pnlSerde).withName("portfolio-sink"));
                },
                "pnl"))
        .branch(
            (symbol, value) ->
                value instanceof DeadLetter letter
                    && letter.getOrigin().equals(config.signals().name()),
            Branched.withConsumer(
                dead ->
                    dead.mapValues(value -> (DeadLetter) value, Named.as("as-signal-dead-letter"))
                        .peek(
                            (symbol, letter) ->
                                metrics.deadLettered(config.signalsDeadLetters().name()),
                            Named.as("count-signal-dead-letter"))
                        .to(
                            config.signalsDeadLetters().name(),
                            Produced.with(Serdes.String(), deadLetterSerde)
                                .withName("signals-dlq-sink")),
                "signals-dlq"))
        .branch(
            (symbol, value) -> value instanceof DeadLetter,
            Branched.withConsumer(
                dead ->
                    dead.mapValues(value -> (DeadLetter) value, Named.as("as-bar-dead-letter"))
                        .peek(
                            (symbol, letter) ->
                                metrics.deadLettered(config.barsDeadLetters().name()),
                            Named.as("count-bar-dead-letter"))
                        .to(
                            config.barsDeadLetters().name(),
                            Produced.with(Serdes.String(), deadLetterSerde)
                                .withName("bars-dlq-sink")),
                "bars-dlq"))
        .noDefaultBranch();
    return builder.build();
  }
}
