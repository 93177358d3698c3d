package io.lstmsignals.scorer.app;

import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.release.ModelFollower;
import io.lstmsignals.scorer.stream.DeadLetterDeserializationHandler;
import io.lstmsignals.scorer.stream.DeadLetterProcessingHandler;
import io.lstmsignals.scorer.stream.ScorerTopology;
import io.lstmsignals.service.streams.ManagedStreams;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running scorer instance: the model follower, then the Streams topology. Bars that arrive
 * before the lifecycle topics are read, or before their line has a version in force, wait in the
 * state store rather than being decided without their model. Closing stops Streams first, then the
 * follower, which closes the models it loaded.
 */
public final class ScorerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScorerService.class);
  static final int PRODUCER_BATCH_BYTES = 1 << 20;

  private final ScorerConfig config;
  private final ModelSlot slot;
  private final ModelFollower follower;
  private final ManagedStreams streams;
  private final String provider;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Builds the instance; nothing connects until {@link #start()}.
   *
   * @throws io.lstmsignals.scorer.onnx.CudaUnavailableException if scorer.onnx.provider=cuda and
   *     CUDA cannot be used
   */
  public ScorerService(ScorerConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.provider = config.onnx().probe();
    ScorerMetrics metrics = new ScorerMetrics(registry);
    this.slot =
        new ModelSlot(ModelView.initial(Set.copyOf(config.modelLines()), config.flatWhenNoModel()));
    this.follower = new ModelFollower(config, slot, metrics, clock);
    Properties props = streamsProperties(config);
    props.put(DeadLetterDeserializationHandler.METRICS_CONFIG, metrics);
    this.streams =
        new ManagedStreams(
            config.applicationId(),
            ScorerTopology.build(config, config.serdeConfig(), slot, metrics, clock),
            props);
  }

  /**
   * The Streams settings: exactly-once v2, explicit error handling, no default serdes, the security
   * and registry settings (the dead-letter handlers build their serdes from these).
   */
  public static Properties streamsProperties(ScorerConfig config) {
    Properties props = new Properties();
    props.putAll(config.security());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.POLL_MS_CONFIG, config.pollTimeout().toMillis());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, config.stateCacheBytes());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    // One produce request per partition per commit, not one per 16 KiB (the producer's default):
    // a window's changelog record is ~1 KiB, and bursts of thousands of symbols spent their CPU
    // on requests (bin/bench live, 10,000 symbols' p99: 623-662 ms -> 488-618). streams.* overrides
    // it.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    props.putAll(config.serdeConfig());
    props.putAll(config.streamsOverrides());
    return props;
  }

  /** Starts following the lifecycle topics, then Streams. */
  public void start() {
    follower.start();
    streams.start();
  }

  /**
   * Waits until the model follower has read the lifecycle topics to their end (before that, every
   * bar waits).
   *
   * @return false if that did not happen within the timeout
   */
  public boolean awaitModelsRead(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  /** Waits until Streams runs; false if it stopped or the timeout passed first. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return streams.awaitRunning(timeout);
  }

  /** Blocks until Streams stops; true if it stopped in error. */
  public boolean awaitStop() throws InterruptedException {
    streams.awaitStop();
    return streams.state() == KafkaStreams.State.ERROR;
  }

  /** The model view in force: the lines as read so far, and the models loaded. */
  public ModelView models() {
    return slot.current();
  }

  /**
   * The execution provider models run on, in words; says so when CUDA was asked for and the CPU
   * took over.
   */
  public String executionProvider() {
    return provider;
  }

  public KafkaStreams streams() {
    return streams.client();
  }

  /**
   * Stops Streams, then the model follower. Safe to call more than once. The instance leaves the
   * group, so the others take its partitions over at once instead of after the session timeout.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      streams.closeLeavingGroup(Duration.ofSeconds(30));
      follower.close();
    }
  }
}
