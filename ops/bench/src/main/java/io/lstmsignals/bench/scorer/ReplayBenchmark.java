package io.lstmsignals.bench.scorer;

import io.lstmsignals.bench.measure.CpuUsage;
import io.lstmsignals.bench.measure.SteadyState;
import io.lstmsignals.bench.profile.CpuProfile;
import io.lstmsignals.bench.profile.StackCategories;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A multi-symbol replay through the real broker, measured in steady state: bars are produced in
 * rounds (one bar of every symbol per round, as a replay interleaves them), all at once from a
 * producer thread, and a {@code read_committed} reader notes when each poll returned and how many
 * signals it had by then. The first {@code warmupRounds} rounds (at least W + 1, so that the steady
 * part holds only bars the model scored) are the warm-up; the rate is taken over the following
 * {@code measuredRounds} ({@link SteadyState}). CPU time (this JVM, its stream threads, the
 * machine) and, when asked, a JFR CPU profile cover exactly the steady part.
 */
final class ReplayBenchmark {

  /**
   * One replay's figures.
   *
   * @param path what ran, in words
   * @param state from-first-bar and steady-state throughput
   * @param cpu CPU time over the steady part
   * @param profile the steady part's CPU profile, when one was recorded
   */
  record Result(
      String path, SteadyState state, CpuUsage cpu, Optional<CpuProfile.Breakdown> profile) {}

  private final int symbols;
  private final int warmupRounds;
  private final int measuredRounds;
  private final int windowBars;

  ReplayBenchmark(int symbols, int warmupRounds, int measuredRounds, int windowBars) {
    if (warmupRounds < windowBars + 1) {
      throw new IllegalArgumentException(
          "Invalid warm-up of "
              + warmupRounds
              + " rounds: the first "
              + (windowBars + 1)
              + " bars of a symbol fill its window (W + 1), so the warm-up needs at least that many");
    }
    this.symbols = symbols;
    this.warmupRounds = warmupRounds;
    this.measuredRounds = measuredRounds;
    this.windowBars = windowBars;
  }

  long warmupBars() {
    return (long) warmupRounds * symbols;
  }

  long measuredBars() {
    return (long) measuredRounds * symbols;
  }

  /** The replay's symbols, as the model must be put in force for them. */
  static List<String> symbols(int count) {
    List<String> names = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      names.add(symbolName(s));
    }
    return names;
  }

  private static String symbolName(int index) {
    return "SYM" + index + "USDT";
  }

  /** Starts the path on the rig's topics, replays, and closes the path. */
  Result run(ScorerRig rig, ScoringPath path, Optional<Path> profileFile) throws Exception {
    try (path) {
      path.start(Duration.ofSeconds(60));
      return replay(rig, path.describe(), profileFile);
    }
  }

  private Result replay(ScorerRig rig, String described, Optional<Path> profileFile)
      throws Exception {
    long total = warmupBars() + measuredBars();
    long expectedScored = (long) symbols * (warmupRounds + measuredRounds - windowBars);
    try (KafkaConsumer<String, Signal> reader = rig.signalReader(true)) {
      AtomicReference<Exception> producerFailure = new AtomicReference<>();
      long start = System.nanoTime();
      Thread producer =
          Thread.ofPlatform().name("bench-bar-producer").start(() -> produce(rig, producerFailure));

      long[] times = new long[1024];
      long[] arrived = new long[1024];
      int points = 0;
      long seen = 0;
      long scored = 0;
      CpuUsage.Snapshot steadyStart = null;
      CpuUsage steadyCpu = null;
      CpuProfile profile = null;
      CpuProfile.Breakdown breakdown = null;
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (seen < total) {
        if (System.nanoTime() > deadline || producerFailure.get() != null) {
          throw new IllegalStateException(
              "only " + seen + " of " + total + " signals arrived within 30 minutes",
              producerFailure.get());
        }
        ConsumerRecords<String, Signal> records = reader.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        long now = System.nanoTime();
        for (ConsumerRecord<String, Signal> record : records) {
          if (record.value().getPredictedLogReturn() != null) {
            scored++;
          }
        }
        seen += records.count();
        if (points == times.length) {
          times = Arrays.copyOf(times, points * 2);
          arrived = Arrays.copyOf(arrived, points * 2);
        }
        times[points] = now;
        arrived[points++] = seen;
        if (steadyStart == null && seen >= warmupBars()) {
          steadyStart = CpuUsage.snapshot(StackCategories::threadRole);
          if (profileFile.isPresent()) {
            profile = CpuProfile.start(profileFile.get());
          }
        } else if (steadyCpu == null && seen >= total) {
          steadyCpu = CpuUsage.between(steadyStart, CpuUsage.snapshot(StackCategories::threadRole));
          if (profile != null) {
            breakdown = profile.stop();
          }
        }
      }
      producer.join();
      if (seen != total) {
        throw new IllegalStateException(
            seen + " signals for " + total + " bars: exactly-once means one per bar");
      }
      if (scored != expectedScored) {
        throw new IllegalStateException(
            scored
                + " signals carry a prediction, expected "
                + expectedScored
                + " (every bar from a symbol's bar W + 1 on): did the model serve?");
      }
      SteadyState state =
          SteadyState.select(
              start,
              Arrays.copyOf(times, points),
              Arrays.copyOf(arrived, points),
              warmupBars(),
              measuredBars());
      return new Result(described, state, steadyCpu, Optional.ofNullable(breakdown));
    }
  }

  private void produce(ScorerRig rig, AtomicReference<Exception> failure) {
    List<SyntheticBars.Walk> walks = new ArrayList<>(symbols);
    for (int s = 0; s < symbols; s++) {
      walks.add(new SyntheticBars.Walk(symbolName(s), 7L + s));
    }
    try (KafkaProducer<String, Bar> producer = rig.barProducer()) {
      for (int round = 0; round < warmupRounds + measuredRounds; round++) {
        for (SyntheticBars.Walk walk : walks) {
          Bar bar = walk.next();
          producer.send(
              new ProducerRecord<>(
                  rig.bars(), null, bar.getCloseTime().toEpochMilli(), bar.getSymbol(), bar),
              (metadata, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
        }
      }
      producer.flush();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }
}
