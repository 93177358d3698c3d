package io.lstmsignals.bench.scorer;

import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.signal.Scorer;
import io.lstmsignals.scorer.stream.DeadLetterDeserializationHandler;
import io.lstmsignals.scorer.stream.ScorerTopology;
import io.lstmsignals.service.streams.ManagedStreams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A probe of the one lever the scorer's configuration cannot switch: the scorer's own topology
 * ({@link ScorerTopology}, its Streams settings from {@link ScorerService#streamsProperties}) with
 * a constant in place of the model — the ceiling that no speed-up of inference (batching, a GPU)
 * can pass. The model view is fixed (the benchmark line in force for the rig's symbols), so no
 * model follower runs.
 */
final class ProbePath implements ScoringPath {
  private final ScorerConfig config;
  private final ManagedStreams streams;

  ProbePath(ScorerConfig config, ModelArtifact artifact, List<String> symbols) {
    this.config = config;
    ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
    ModelSlot slot =
        new ModelSlot(
            BenchModels.serving(
                constant(artifact.modelName(), artifact.version(), artifact.declaredWindowBars()),
                artifact.sha256(),
                symbols));
    Properties props = ScorerService.streamsProperties(config);
    props.put(DeadLetterDeserializationHandler.METRICS_CONFIG, metrics);
    this.streams =
        new ManagedStreams(
            config.applicationId(),
            ScorerTopology.build(config, config.serdeConfig(), slot, metrics, Clock.systemUTC()),
            props);
  }

  @Override
  public String describe() {
    return "probe: the scorer's topology with a constant instead of inference, "
        + config.windowStore().configName()
        + " window store, scorer.inference.max.batch="
        + config.maxInferenceBatch()
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
  }

  private static Scorer constant(String line, String version, int windowBars) {
    return new Scorer() {
      @Override
      public String modelName() {
        return line;
      }

      @Override
      public String version() {
        return version;
      }

      @Override
      public int windowBars() {
        return windowBars;
      }

      @Override
      public double predictLogReturn(float[] bars) {
        return 0.0;
      }
    };
  }
}
