package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.ingest.poll.KlinePoller;
import io.lstmsignals.ingest.poll.KlineSource;
import io.lstmsignals.ingest.publish.BarTopics;
import io.lstmsignals.ingest.publish.KafkaBarSink;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.LastBarLookup;
import io.lstmsignals.schemas.contract.BarInterval;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live poller wired to Kafka: on creation it checks that the broker, the registry and the topics
 * are there, reads the last bar of each symbol in the topic and starts right after it (else at
 * {@code defaultStart}), so a poller that was down back-fills exactly what it missed. The owner
 * closes it.
 */
public final class PollJob implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollJob.class);
  private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaBarSink sink;
  private final IngestPipeline pipeline;
  private final KlinePoller poller;
  private final Clock clock;
  private volatile Instant lastCaughtUp;

  /**
   * @param interval the interval fetched: 4h, or a divisor of it to aggregate into 4h
   * @param defaultStart where a symbol the topic does not hold yet starts
   * @param plausibility the range and open-gap limits of the published bars
   * @param meters receives the published and dead-lettered bars and the producer's metrics
   * @throws io.lstmsignals.service.preflight.StartupCheckException when the broker, the registry or
   *     a topic is missing
   */
  public PollJob(
      KafkaEndpoints endpoints,
      String topic,
      KlineSource source,
      List<String> symbols,
      BarInterval interval,
      int pageLimit,
      Clock clock,
      Instant defaultStart,
      Plausibility plausibility,
      MeterRegistry meters) {
    endpoints.requireReachable(topic);
    Set<String> wanted = new TreeSet<>(symbols);
    Map<String, OhlcvBar> last =
        LastBarLookup.lastBars(endpoints.consumer(), topic, wanted, BROKER_TIMEOUT);
    Map<String, Instant> start = new HashMap<>();
    for (String symbol : wanted) {
      start.put(symbol, last.containsKey(symbol) ? last.get(symbol).closeTime() : defaultStart);
    }
    log.info("Polling symbols={} interval={} topic={} from={}", wanted, interval, topic, start);
    this.clock = clock;
    this.sink =
        new KafkaBarSink(
            endpoints.producer(true), topic, BarTopics.deadLetters(topic).name(), clock, meters);
    this.pipeline =
        new IngestPipeline(
            BarInterval.FOUR_HOURS,
            sink,
            symbol -> last.containsKey(symbol) ? last.get(symbol).closeTime() : null,
            plausibility);
    this.poller =
        new KlinePoller(source, List.copyOf(wanted), interval, pageLimit, pipeline, clock, start);
  }

  /**
   * Publishes every bar closed since the last call (or since the start) and waits for the
   * acknowledgements.
   */
  public long catchUp() throws InterruptedException {
    long handed = poller.catchUp();
    sink.flush();
    lastCaughtUp = clock.instant();
    return handed;
  }

  /** When the last catch-up was acknowledged by the broker, or null before the first. */
  public Instant lastCaughtUp() {
    return lastCaughtUp;
  }

  /**
   * Catches up, then waits for the next bar of {@code interval} to close (plus {@code settle}, for
   * the exchange to finish it) and again, while {@code keepRunning} says so.
   */
  public void run(
      BarInterval interval,
      Clock clock,
      TimeSource time,
      Duration settle,
      BooleanSupplier keepRunning)
      throws InterruptedException {
    while (keepRunning.getAsBoolean()) {
      catchUp();
      Instant now = clock.instant();
      Instant due = interval.slotOf(now).plus(interval.length()).plus(settle);
      time.sleepNanos(Duration.between(now, due).toNanos());
    }
  }

  public KlinePoller poller() {
    return poller;
  }

  public Map<String, SymbolTally> tallies() {
    return pipeline.tallies();
  }

  @Override
  public void close() {
    sink.close();
  }
}
