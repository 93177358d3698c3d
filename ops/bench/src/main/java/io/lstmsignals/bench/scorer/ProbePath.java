package io.lstmsignals.bench.scorer;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelState;
import io.lstmsignals.scorer.model.Scorer;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.stream.BarScoring;
import io.lstmsignals.scorer.stream.DeadLetterDeserializationHandler;
import io.lstmsignals.scorer.stream.StoreNames;
import io.lstmsignals.service.streams.ManagedStreams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A probe of one lever the scorer's configuration cannot switch: the scorer's per-bar work ({@link
 * BarScoring}, the same store name and changelog, the scorer's Streams settings from {@link
 * ScorerService#streamsProperties}) in a minimal topology (bars → score → signals, no dead-letter
 * branch: the synthetic bars are never refused), with either
 *
 * <ul>
 *   <li>the window store on RocksDB (as the scorer has it) or in memory, both changelogged; and
 *   <li>the artifact's ONNX session, or a constant in its place — the ceiling that no speed-up of
 *       inference (batching, a GPU) can pass.
 * </ul>
 *
 * The RocksDB + ONNX probe runs beside the scorer itself in the same benchmark, so that the probe's
 * own fidelity is measured too.
 */
final class ProbePath implements ScoringPath {
  enum Store {
    ROCKSDB,
    IN_MEMORY
  }

  enum Inference {
    ONNX,
    CONSTANT
  }

  private final ScorerConfig config;
  private final Store store;
  private final Inference inference;
  private final AutoCloseable model;
  private final ManagedStreams streams;

  ProbePath(ScorerConfig config, ModelArtifact artifact, Store store, Inference inference) {
    this.config = config;
    this.store = store;
    this.inference = inference;
    OnnxScorer onnx = OnnxScorer.load(artifact, config.onnx());
    Scorer scorer = inference == Inference.ONNX ? onnx : constant(onnx);
    if (inference == Inference.CONSTANT) {
      onnx.close();
      this.model = () -> {};
    } else {
      this.model = onnx;
    }
    ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
    ModelSlot slot = new ModelSlot(new ModelState.Serving(metrics.timed(scorer)));
    Properties props = ScorerService.streamsProperties(config);
    props.put(DeadLetterDeserializationHandler.METRICS_CONFIG, metrics);
    this.streams = new ManagedStreams(config.applicationId(), topology(slot, metrics), props);
  }

  @Override
  public String describe() {
    return "probe: "
        + (store == Store.ROCKSDB ? "RocksDB" : "in-memory")
        + " window store (changelogged), "
        + (inference == Inference.ONNX ? "ONNX inference" : "a constant instead of inference")
        + ", commit.interval.ms="
        + config.commitInterval().toMillis();
  }

  @Override
  public KafkaStreams streams() {
    return streams.client();
  }

  @Override
  public void start(Duration timeout) throws InterruptedException {
    streams.start();
    if (!streams.awaitRunning(timeout)) {
      throw new IllegalStateException("the probe did not reach RUNNING within " + timeout);
    }
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    try {
      model.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the probe's model", e);
    }
  }

  private Topology topology(ModelSlot slot, ScorerMetrics metrics) {
    Map<String, Object> serdeConfig = config.serdeConfig();
    KeyValueBytesStoreSupplier supplier =
        store == Store.ROCKSDB
            ? Stores.persistentKeyValueStore(StoreNames.WINDOW_STORE)
            : Stores.inMemoryKeyValueStore(StoreNames.WINDOW_STORE);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray())
            .withLoggingEnabled(Map.of()));
    builder.stream(
            config.bars().name(),
            Consumed.with(config.bars().keySerde(), config.bars().valueSerde(serdeConfig))
                .withName("bars-source"))
        .processValues(
            () ->
                new ScoreProcessor(
                    new BarScoring(
                        config.windowCapacity(),
                        config.barInterval().length(),
                        config.barInterval().name(),
                        slot,
                        metrics,
                        Clock.systemUTC())),
            Named.as("score"),
            StoreNames.WINDOW_STORE)
        .to(
            config.signals().name(),
            Produced.with(config.signals().keySerde(), config.signals().valueSerde(serdeConfig))
                .withName("signals-sink"));
    return builder.build();
  }

  private static Scorer constant(Scorer model) {
    return new Scorer() {
      @Override
      public String modelName() {
        return model.modelName();
      }

      @Override
      public String version() {
        return model.version();
      }

      @Override
      public int windowBars() {
        return model.windowBars();
      }

      @Override
      public double predictLogReturn(float[] bars) {
        return 0.0;
      }
    };
  }

  private static final class ScoreProcessor implements FixedKeyProcessor<String, Bar, Signal> {
    private final BarScoring scoring;
    private FixedKeyProcessorContext<String, Signal> context;
    private BarScoring.WindowBytes windows;

    ScoreProcessor(BarScoring scoring) {
      this.scoring = scoring;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Signal> context) {
      this.context = context;
      KeyValueStore<String, byte[]> windowStore = context.getStateStore(StoreNames.WINDOW_STORE);
      this.windows = BarScoring.WindowBytes.over(windowStore::get, windowStore::put);
    }

    @Override
    public void process(FixedKeyRecord<String, Bar> record) {
      switch (scoring.score(record.key(), record.value(), windows)) {
        case BarScoring.Scored scored ->
            context.forward(
                record
                    .withValue(scored.signal())
                    .withTimestamp(record.value().getCloseTime().toEpochMilli()));
        case BarScoring.Duplicate duplicate -> {}
        case BarScoring.Rejected rejected ->
            throw new IllegalStateException("the probe refuses no bar, yet: " + rejected.reason());
      }
    }
  }
}
