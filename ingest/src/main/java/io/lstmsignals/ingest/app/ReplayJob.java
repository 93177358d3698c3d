package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.ingest.publish.BarTopics;
import io.lstmsignals.ingest.publish.KafkaBarSink;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.LastBarLookup;
import io.lstmsignals.ingest.replay.FileReplay;
import io.lstmsignals.ingest.replay.Pacer;
import io.lstmsignals.ingest.replay.ProgressMeter;
import io.lstmsignals.schemas.contract.BarInterval;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay of bar files into a bars topic: checks the files, then that the broker, the registry
 * and the topic and its dead-letter topic are there, starts after the last bar each symbol already
 * has in the topic, publishes, waits for every acknowledgement, and tallies per symbol.
 */
public final class ReplayJob {
  private static final Logger log = LoggerFactory.getLogger(ReplayJob.class);
  private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param tallies per symbol
   * @param recordsPerFile input records (lines after the header) of each file
   * @param records input records read
   * @param seconds wall time from the first record to the last acknowledgement
   */
  public record Result(
      Map<String, SymbolTally> tallies,
      Map<Path, Long> recordsPerFile,
      long records,
      double seconds) {
    public double recordsPerSecond() {
      return seconds <= 0 ? 0 : records / seconds;
    }

    public long published() {
      return tallies.values().stream().mapToLong(SymbolTally::published).sum();
    }
  }

  private ReplayJob() {}

  /**
   * @param speed N× real time, or 0 for as fast as possible
   * @param idempotent false only for the benchmark's acks=1 comparison
   * @param plausibility the range and open-gap limits of the published bars
   * @param progress receives progress lines on long runs
   * @throws io.lstmsignals.schemas.contract.BarFileException before anything is published when a
   *     file is unusable
   * @throws io.lstmsignals.service.preflight.StartupCheckException when the broker, the registry or
   *     a topic is missing
   */
  public static Result run(
      KafkaEndpoints endpoints,
      String topic,
      List<Path> files,
      double speed,
      boolean idempotent,
      Plausibility plausibility,
      Consumer<String> progress)
      throws InterruptedException {
    try (FileReplay replay = FileReplay.open(files)) {
      Map<Path, Long> perFile = replay.recordsPerFile();
      long total = perFile.values().stream().mapToLong(Long::longValue).sum();
      endpoints.requireReachable(topic);
      Map<String, OhlcvBar> last =
          LastBarLookup.lastBars(endpoints.consumer(), topic, replay.symbols(), BROKER_TIMEOUT);
      log.info(
          "Replaying files={} records={} topic={} speed={} resumeAfter={}",
          files,
          total,
          topic,
          speed,
          last.keySet());
      try (KafkaBarSink sink =
          new KafkaBarSink(
              endpoints.producer(idempotent),
              topic,
              BarTopics.deadLetters(topic).name(),
              Clock.systemUTC(),
              // A replay serves no /metrics (it reports its tallies when done): an empty composite
              // registry is Micrometer's no-op.
              new CompositeMeterRegistry())) {
        IngestPipeline pipeline =
            new IngestPipeline(
                BarInterval.FOUR_HOURS,
                sink,
                symbol -> last.containsKey(symbol) ? last.get(symbol).closeTime() : null,
                plausibility);
        ProgressMeter meter =
            new ProgressMeter(total, TimeSource.SYSTEM, Duration.ofSeconds(5), progress);
        replay.replayInto(pipeline, new Pacer(speed, TimeSource.SYSTEM), meter);
        sink.flush();
        return new Result(pipeline.tallies(), perFile, meter.done(), meter.elapsedSeconds());
      }
    }
  }
}
