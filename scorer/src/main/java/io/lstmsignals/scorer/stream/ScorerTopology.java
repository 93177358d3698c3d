package io.lstmsignals.scorer.stream;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import java.time.Clock;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's topology: bars (keyed by symbol) → {@code score} (per-symbol state store: the window
 * and the bars waiting for their model; no repartition) → signals, with rejected bars → the bars'
 * dead-letter topic.
 */
public final class ScorerTopology {
  private ScorerTopology() {}

  /**
   * Builds the topology.
   *
   * @param config topics, window capacity and interval
   * @param serdeConfig serde settings (schema.registry.url; mock://scope in driver tests)
   * @param models the model state swapped in by the model follower
   * @param metrics where signals and dead letters are counted
   * @param clock wall clock for scoredAt and failedAt
   */
  public static Topology build(
      ScorerConfig config,
      Map<String, ?> serdeConfig,
      ModelSlot models,
      ScorerMetrics metrics,
      Clock clock) {
    StreamsBuilder builder = new StreamsBuilder();
    StoreBuilder<KeyValueStore<String, byte[]>> windowStore =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.WINDOW_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingEnabled(Map.of());
    builder.addStateStore(windowStore);

    String intervalName = config.barInterval().name();
    KStream<String, SpecificRecord> scored =
        builder.stream(
                config.bars().name(),
                Consumed.with(config.bars().keySerde(), config.bars().valueSerde(serdeConfig))
                    .withName("bars-source"))
            .process(
                () ->
                    new ScoringProcessor(
                        new BarScoring(
                            config.windowCapacity(),
                            config.barInterval().length(),
                            intervalName,
                            models,
                            metrics,
                            clock),
                        models,
                        metrics,
                        clock,
                        config.waitRecheck()),
                Named.as("score"),
                StoreNames.WINDOW_STORE);

    scored
        .split(Named.as("score-"))
        .branch(
            (symbol, out) -> out instanceof Signal,
            Branched.withConsumer(
                signals ->
                    signals
                        .mapValues(out -> (Signal) out, Named.as("as-signal"))
                        .to(
                            config.signals().name(),
                            Produced.with(
                                    config.signals().keySerde(),
                                    config.signals().valueSerde(serdeConfig))
                                .withName("signals-sink")),
                "signals"))
        .branch(
            (symbol, out) -> out instanceof DeadLetter,
            Branched.withConsumer(
                letters ->
                    letters
                        .mapValues(out -> (DeadLetter) out, Named.as("as-dead-letter"))
                        .to(
                            config.barsDeadLetters().name(),
                            Produced.with(
                                    config.barsDeadLetters().keySerde(),
                                    config.barsDeadLetters().valueSerde(serdeConfig))
                                .withName("bars-dlq-sink")),
                "dead-letters"))
        .noDefaultBranch();
    return builder.build();
  }
}
