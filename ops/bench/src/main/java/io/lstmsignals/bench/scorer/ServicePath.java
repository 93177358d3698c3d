package io.lstmsignals.bench.scorer;

import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The scorer as {@code bin/scorer run} runs it: {@link ScorerService} with its model follower on
 * the models topic, its topology and its Streams settings.
 */
final class ServicePath implements ScoringPath {
  private final ScorerConfig config;
  private final ScorerService service;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Model runs so far: calls, windows and time, single-window and batched runs together. */
  record InferenceTally(long calls, long windows, long nanos) {
    InferenceTally minus(InferenceTally earlier) {
      return new InferenceTally(
          calls - earlier.calls, windows - earlier.windows, nanos - earlier.nanos);
    }
  }

  ServicePath(ScorerConfig config) {
    this.config = config;
    this.service = new ScorerService(config, meters, Clock.systemUTC());
  }

  /** The scorer's own inference meters ({@code scorer.inference}, {@code .batch}) read now. */
  InferenceTally inference() {
    Timer single = meters.get("scorer.inference").timer();
    Timer batched = meters.get("scorer.inference.batch").timer();
    DistributionSummary sizes = meters.get("scorer.inference.batch.size").summary();
    return new InferenceTally(
        single.count() + batched.count(),
        single.count() + Math.round(sizes.totalAmount()),
        Math.round(
            single.totalTime(TimeUnit.NANOSECONDS) + batched.totalTime(TimeUnit.NANOSECONDS)));
  }

  @Override
  public String describe() {
    return "the scorer (ScorerService), "
        + service.executionProvider()
        + ", "
        + config.windowStore().configName()
        + " window store, scorer.inference.max.batch="
        + config.maxInferenceBatch()
        + ", commit.interval.ms="
        + config.commitInterval().toMillis()
        + ", "
        + config.streamThreads()
        + " stream thread(s)"
        + (config.streamsOverrides().isEmpty() ? "" : ", streams." + config.streamsOverrides());
  }

  @Override
  public KafkaStreams streams() {
    return service.streams();
  }

  @Override
  public void start(Duration timeout) throws InterruptedException {
    service.start();
    if (!service.awaitModelsRead(timeout)) {
      throw new IllegalStateException(
          "the scorer did not read the models and promotions topics within " + timeout);
    }
    if (service.models().loaded().isEmpty()) {
      throw new IllegalStateException("the released model did not load: " + service.models());
    }
    if (!service.awaitRunning(timeout)) {
      throw new IllegalStateException("the scorer did not reach RUNNING within " + timeout);
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
