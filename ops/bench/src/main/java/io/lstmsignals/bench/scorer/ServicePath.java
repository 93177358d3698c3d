package io.lstmsignals.bench.scorer;

import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The scorer as {@code bin/scorer run} runs it: {@link ScorerService} with its model follower on
 * the models topic, its topology and its Streams settings.
 */
final class ServicePath implements ScoringPath {
  private final ScorerConfig config;
  private final ScorerService service;

  ServicePath(ScorerConfig config) {
    this.config = config;
    this.service = new ScorerService(config, new SimpleMeterRegistry(), Clock.systemUTC());
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
