package io.lstmsignals.bench.scorer;

import io.lstmsignals.bench.measure.CpuUsage;
import io.lstmsignals.bench.measure.LatencySummary;
import io.lstmsignals.bench.measure.LoadAverage;
import io.lstmsignals.bench.profile.StackCategories;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.scorer.stream.BarScoring;
import io.lstmsignals.scorer.stream.StoreNames;
import io.lstmsignals.service.cli.ServiceOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench live}: live latency and scale. Many symbols' windows are made warm, then for each
 * commit interval a fresh scorer instance restores them from the changelog and serves rounds in
 * which N symbols close a bar at the same instant; each signal's latency runs from its bar's
 * publish to the poll of a {@code read_committed} reader that returned it.
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Live latency and scale of one scorer instance, through the real broker (bin/stack up).",
      "",
      "  1. warm: the largest --symbols count of symbols get full windows (W + 1 bars), written to the"
          + " window store's changelog (--warm changelog: as a restarted scorer finds them) or"
          + " scored through a scorer (--warm replay);",
      "  2. per --commit-intervals value: a fresh scorer instance (same application.id, empty"
          + " state.dir) restores the windows from the changelog: restore time and records;",
      "  3. warm-up: --warmup-rounds rounds of every symbol, so that the JIT has compiled the"
          + " scorer's and the harness's paths (first and last round's time printed);",
      "  4. rounds: N symbols (each --symbols value) publish one bar each at once (sent, then"
          + " flushed); latency of every signal = publish -> returned by a read_committed poll;"
          + " p50/p99/max, the round's latency (first publish -> last signal), and the split into"
          + " publish -> scoredAt (the scorer's clock) and scoredAt -> readable (the commit);",
      "  5. scale: heap after GC and RSS of this JVM (scorer and harness) with every symbol live.",
      "The scorer takes its settings like bin/scorer run (--config, LSTM_CONF_*, --set).",
      ""
    })
public final class LiveBenchmark implements Callable<Integer> {

  enum Warm {
    CHANGELOG,
    REPLAY
  }

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--artifact",
      defaultValue = "models/lstm-4h-default",
      paramLabel = "DIR",
      description = "Trained artifact directory (default: ${DEFAULT-VALUE}).")
  Path artifact;

  @Option(
      names = "--symbols",
      split = ",",
      defaultValue = "1,100,1000,10000",
      paramLabel = "N",
      description = "Symbols closing a bar at once, per round (default: ${DEFAULT-VALUE}).")
  List<Integer> symbols;

  @Option(
      names = "--commit-intervals",
      split = ",",
      defaultValue = "50,20",
      paramLabel = "MS",
      description =
          "commit.interval.ms of each scorer instance: the default and a shorter one (default:"
              + " ${DEFAULT-VALUE}).")
  List<Long> commitIntervals;

  @Option(
      names = "--inference-batches",
      split = ",",
      paramLabel = "N",
      description =
          "scorer.inference.max.batch of each scorer instance, e.g. 64,1 for batched against one"
              + " window per call in the same run, each per commit interval (default: as"
              + " configured).")
  List<Integer> inferenceBatches = new ArrayList<>();

  @Option(
      names = "--rounds",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "Measured rounds per symbol count, after one warm-up round (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "30",
      paramLabel = "N",
      description =
          "Rounds of every symbol each scorer instance serves before any is measured: a fresh JVM"
              + " runs a 10,000-symbol round about 3x slower than after ~30 rounds, while the JIT"
              + " compiles (default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(
      names = "--min-samples",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Small symbol counts get more rounds, so that each percentile rests on at least this many"
              + " signals (default: ${DEFAULT-VALUE}).")
  int minSamples;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      paramLabel = "N",
      description = "Partitions of the bars and signals topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--warm",
      defaultValue = "changelog",
      paramLabel = "HOW",
      description =
          "How the windows are made warm: changelog or replay (default: ${DEFAULT-VALUE}).",
      converter = WarmConverter.class)
  Warm warm;

  static final class WarmConverter implements picocli.CommandLine.ITypeConverter<Warm> {
    @Override
    public Warm convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "changelog" -> Warm.CHANGELOG;
        case "replay" -> Warm.REPLAY;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "Invalid value " + value + " for --warm: must be changelog or replay");
      };
    }
  }

  /** One symbol's bars, and when its newest one was published. */
  private static final class LiveSymbol {
    final SyntheticBars.Walk walk;
    Instant newestOpen;
    long publishedNanos;
    long publishedMillis;

    LiveSymbol(SyntheticBars.Walk walk) {
      this.walk = walk;
    }
  }

  /** What one round of N symbols gave. */
  private record Round(long[] latencies, long roundNanos, long[] toScored, long[] scoredToRead) {}

  @Override
  public Integer call() throws Exception {
    if (symbols.isEmpty() || symbols.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("Invalid --symbols " + symbols + ": counts must be >= 1");
    }
    if (commitIntervals.isEmpty() || commitIntervals.stream().anyMatch(ms -> ms < 1)) {
      throw new IllegalArgumentException(
          "Invalid --commit-intervals " + commitIntervals + ": must be >= 1 ms");
    }
    if (rounds < 1 || minSamples < 1 || partitions < 1 || warmupRounds < 0) {
      throw new IllegalArgumentException(
          "Invalid --rounds/--min-samples/--partitions/--warmup-rounds: each must be >= 1"
              + " (--warmup-rounds >= 0)");
    }
    PrintWriter out = spec.commandLine().getOut();
    ScorerConfig base = ScorerRig.scorerConfig(options, Map.of());
    ArtifactDirectory dir = ArtifactDirectory.read(artifact);
    ModelRelease release = ModelPublisher.releaseOf(dir, BenchModels.LINE, null, Instant.now());
    int windowBars = dir.windowBars();
    int live = symbols.stream().mapToInt(Integer::intValue).max().orElseThrow();
    out.printf(
        Locale.ROOT,
        "live: %,d symbols warm, rounds of %s symbols closing a bar at once, %d partitions,"
            + " exactly-once v2, scorer.onnx.provider=%s; %s%n",
        live,
        symbols,
        partitions,
        base.onnx().provider().configName(),
        LoadAverage.now());
    out.flush();
    List<LiveSymbol> all = new ArrayList<>(live);
    Map<String, LiveSymbol> bySymbol = new HashMap<>();
    for (int s = 0; s < live; s++) {
      LiveSymbol symbol = new LiveSymbol(new SyntheticBars.Walk("LIVE" + s + "USDT", 11L + s));
      all.add(symbol);
      bySymbol.put(symbol.walk.symbol(), symbol);
    }
    try (ScorerRig rig =
        ScorerRig.create(
            "live",
            base.bootstrapServers(),
            base.schemaRegistryUrl(),
            release,
            all.stream().map(symbol -> symbol.walk.symbol()).toList(),
            partitions)) {
      long warmStart = System.nanoTime();
      if (warm == Warm.CHANGELOG) {
        seedChangelog(rig, config(rig, commitIntervals.getFirst(), Map.of()), all, windowBars);
      } else {
        warmByReplay(rig, all, windowBars);
      }
      out.printf(
          Locale.ROOT,
          "warm: %,d windows of %d bars %s in %.1f s%n",
          live,
          windowBars + 1,
          warm == Warm.CHANGELOG ? "written to the changelog" : "scored through a scorer",
          (System.nanoTime() - warmStart) / 1e9);
      out.flush();
      try (KafkaProducer<String, Bar> producer = rig.barProducer();
          KafkaConsumer<String, Signal> reader = rig.signalReader(false)) {
        for (long commitMs : commitIntervals) {
          if (inferenceBatches.isEmpty()) {
            measureInstance(
                out, rig, config(rig, commitMs, Map.of()), all, bySymbol, producer, reader);
          }
          for (int batch : inferenceBatches) {
            Map<String, String> batchKey =
                Map.of(ScorerConfig.INFERENCE_MAX_BATCH, Integer.toString(batch));
            measureInstance(
                out, rig, config(rig, commitMs, batchKey), all, bySymbol, producer, reader);
          }
        }
      }
    }
    return 0;
  }

  private ScorerConfig config(ScorerRig rig, long commitMs, Map<String, String> more) {
    Map<String, String> keys = new LinkedHashMap<>(rig.scorerKeys("scorer"));
    keys.put(ScorerConfig.COMMIT_INTERVAL_MS, Long.toString(commitMs));
    keys.putAll(more);
    return ScorerRig.scorerConfig(options, keys);
  }

  private void measureInstance(
      PrintWriter out,
      ScorerRig rig,
      ScorerConfig config,
      List<LiveSymbol> all,
      Map<String, LiveSymbol> bySymbol,
      KafkaProducer<String, Bar> producer,
      KafkaConsumer<String, Signal> reader)
      throws Exception {
    RestoreTally restore = new RestoreTally();
    try (ServicePath path = new ServicePath(config)) {
      path.streams().setGlobalStateRestoreListener(restore);
      long start = System.nanoTime();
      path.start(Duration.ofMinutes(5));
      double runningAfter = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "%n%s%n  start: RUNNING after %.2f s; restored %,d changelog records in %.2f s%n",
          path.describe(),
          runningAfter,
          restore.records.get(),
          restore.seconds());
      warmUp(out, all, bySymbol, producer, reader, rig);
      out.printf(
          Locale.ROOT,
          "  %8s %7s %8s %9s %9s %9s %12s %12s %15s %15s%n",
          "symbols",
          "rounds",
          "signals",
          "p50 ms",
          "p99 ms",
          "max ms",
          "round p50",
          "round max",
          "->scored p50",
          "scored->read p50");
      out.flush();
      SplittableRandom pauses = new SplittableRandom(config.commitInterval().toMillis());
      List<Long> largestRounds = new ArrayList<>();
      for (int n : symbols) {
        List<LiveSymbol> closing = all.subList(0, n);
        int measured = Math.max(rounds, Math.ceilDiv(minSamples, n));
        oneRound(closing, bySymbol, producer, reader, rig);
        List<Round> results = new ArrayList<>();
        CpuUsage.Snapshot before = CpuUsage.snapshot(StackCategories::threadRole);
        ServicePath.InferenceTally inferenceBefore = path.inference();
        for (int r = 0; r < measured; r++) {
          TimeUnit.MILLISECONDS.sleep(20 + pauses.nextLong(config.commitInterval().toMillis() + 1));
          results.add(oneRound(closing, bySymbol, producer, reader, rig));
        }
        CpuUsage cpu = CpuUsage.between(before, CpuUsage.snapshot(StackCategories::threadRole));
        ServicePath.InferenceTally inference = path.inference().minus(inferenceBefore);
        LatencySummary latency = LatencySummary.of(concat(results, Round::latencies));
        LatencySummary round =
            LatencySummary.of(results.stream().mapToLong(Round::roundNanos).toArray());
        out.printf(
            Locale.ROOT,
            "  %,8d %7d %,8d %9.1f %9.1f %9.1f %12.1f %12.1f %15.1f %15.1f%n",
            n,
            measured,
            latency.count(),
            latency.p50Millis(),
            latency.p99Millis(),
            latency.maxMillis(),
            round.p50Millis(),
            round.maxMillis(),
            LatencySummary.of(concat(results, Round::toScored)).p50Millis(),
            LatencySummary.of(concat(results, Round::scoredToRead)).p50Millis());
        printCpu(
            out,
            cpu,
            inference,
            (long) n * measured,
            results.stream().mapToLong(Round::roundNanos).sum());
        out.flush();
        if (n == all.size()) {
          results.forEach(result -> largestRounds.add(result.roundNanos()));
        }
      }
      if (!largestRounds.isEmpty()) {
        printScale(out, all.size(), restore, largestRounds);
      }
    }
  }

  /** Serves {@link #warmupRounds} rounds of every symbol, unmeasured but for their times. */
  private void warmUp(
      PrintWriter out,
      List<LiveSymbol> all,
      Map<String, LiveSymbol> bySymbol,
      KafkaProducer<String, Bar> producer,
      KafkaConsumer<String, Signal> reader,
      ScorerRig rig) {
    if (warmupRounds == 0) {
      return;
    }
    long[] millis = new long[warmupRounds];
    for (int r = 0; r < warmupRounds; r++) {
      millis[r] = oneRound(all, bySymbol, producer, reader, rig).roundNanos() / 1_000_000;
    }
    out.printf(
        Locale.ROOT,
        "  warm-up: %d rounds of all %,d symbols (not measured): the first took %,d ms, the last"
            + " %,d ms%n",
        warmupRounds,
        all.size(),
        millis[0],
        millis[warmupRounds - 1]);
    out.flush();
  }

  /**
   * CPU per bar over the measured rounds (the pauses between them included), and how busy the
   * stream thread was while rounds ran: near 100 % means it bounds the round, well below means it
   * waits (for records, a commit, or a core).
   */
  private static void printCpu(
      PrintWriter out,
      CpuUsage cpu,
      ServicePath.InferenceTally inference,
      long bars,
      long roundsNanos) {
    long stream = cpu.threadCpuNanos(StackCategories.STREAM_THREADS);
    out.printf(
        Locale.ROOT,
        "  %8s model runs: %,d windows in %,d calls (%.1f per call), %.1f µs per window%n",
        "",
        inference.windows(),
        inference.calls(),
        (double) inference.windows() / Math.max(1, inference.calls()),
        inference.nanos() / 1e3 / Math.max(1, inference.windows()));
    out.printf(
        Locale.ROOT,
        "  %8s CPU per bar (pauses between rounds included): stream threads %.1f µs (busy %.0f %%"
            + " of the rounds' time, all stream threads together), producer I/O threads %.1f µs,"
            + " this JVM %.1f µs (scorer and harness), machine %s%n",
        "",
        stream / 1e3 / bars,
        100.0 * stream / roundsNanos,
        cpu.threadCpuNanos(StackCategories.PRODUCER_THREADS) / 1e3 / bars,
        cpu.processCpuNanos() / 1e3 / bars,
        cpu.machineBusyCpuNanos()
            .map(nanos -> String.format(Locale.ROOT, "%.1f µs", nanos / 1e3 / bars))
            .orElse("unknown (no /proc/stat)"));
  }

  private static void printScale(
      PrintWriter out, int live, RestoreTally restore, List<Long> roundNanos) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    long heapUsed = runtime.totalMemory() - runtime.freeMemory();
    LatencySummary rounds =
        LatencySummary.of(roundNanos.stream().mapToLong(Long::longValue).toArray());
    out.printf(
        Locale.ROOT,
        "  scale, %,d live symbols on this instance: heap used after GC %.1f MiB of max %.1f MiB"
            + " (scorer and harness in one JVM), RSS %s; windows restored in %.2f s (%,d records);"
            + " a round of all %,d: p50 %.0f ms, max %.0f ms (%d rounds)%n",
        live,
        heapUsed / 1048576.0,
        runtime.maxMemory() / 1048576.0,
        residentSetSize(),
        restore.seconds(),
        restore.records.get(),
        live,
        rounds.p50Millis(),
        rounds.maxMillis(),
        rounds.count());
    out.flush();
  }

  private static String residentSetSize() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: say so below.
    }
    return "unknown (no /proc/self/status)";
  }

  /**
   * Publishes the next bar of every closing symbol at once and reads their signals; fails on a
   * missing, repeated or unscored signal.
   */
  private static Round oneRound(
      List<LiveSymbol> closing,
      Map<String, LiveSymbol> bySymbol,
      KafkaProducer<String, Bar> producer,
      KafkaConsumer<String, Signal> reader,
      ScorerRig rig) {
    long first = System.nanoTime();
    for (LiveSymbol symbol : closing) {
      Bar bar = symbol.walk.next();
      symbol.newestOpen = bar.getOpenTime();
      symbol.publishedMillis = System.currentTimeMillis();
      symbol.publishedNanos = System.nanoTime();
      producer.send(
          new ProducerRecord<>(
              rig.bars(), null, bar.getCloseTime().toEpochMilli(), bar.getSymbol(), bar));
    }
    producer.flush();
    int n = closing.size();
    long[] latencies = new long[n];
    long[] toScored = new long[n];
    long[] scoredToRead = new long[n];
    int seen = 0;
    long last = first;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (seen < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + seen + " of " + n + " signals of a round within 2 minutes");
      }
      var records = reader.poll(Duration.ofMillis(100));
      long now = System.nanoTime();
      long nowMillis = System.currentTimeMillis();
      for (ConsumerRecord<String, Signal> record : records) {
        Signal signal = record.value();
        LiveSymbol symbol = bySymbol.get(signal.getSymbol());
        if (symbol == null || !signal.getBarOpenTime().equals(symbol.newestOpen) || seen == n) {
          throw new IllegalStateException(
              "unexpected signal "
                  + signal.getSymbol()
                  + "@"
                  + signal.getBarOpenTime()
                  + ": each bar of the round gets exactly one, and none other arrives");
        }
        if (signal.getPredictedLogReturn() == null) {
          throw new IllegalStateException(
              "signal "
                  + signal.getSymbol()
                  + "@"
                  + signal.getBarOpenTime()
                  + " was not scored by the model: "
                  + signal.getReason()
                  + " "
                  + signal.getReasonDetail());
        }
        long scoredAt = signal.getScoredAt().toEpochMilli();
        latencies[seen] = now - symbol.publishedNanos;
        toScored[seen] = Math.max(0, scoredAt - symbol.publishedMillis) * 1_000_000L;
        scoredToRead[seen] = Math.max(0, nowMillis - scoredAt) * 1_000_000L;
        symbol.newestOpen = null;
        seen++;
        last = now;
      }
    }
    return new Round(latencies, last - first, toScored, scoredToRead);
  }

  private static long[] concat(
      List<Round> rounds, java.util.function.Function<Round, long[]> part) {
    return rounds.stream().map(part).flatMapToLong(Arrays::stream).toArray();
  }

  /**
   * Writes each symbol's full window (its first W + 1 bars) to the window store's changelog, one
   * record per symbol, as a compacted changelog holds it for a scorer that restarts. The scorer's
   * own {@link BarScoring} makes the bytes (deciding FLAT, as with no model in force: only the
   * window matters).
   */
  private static void seedChangelog(
      ScorerRig rig, ScorerConfig config, List<LiveSymbol> all, int windowBars) throws Exception {
    String changelog = config.applicationId() + "-" + StoreNames.WINDOW_STORE + "-changelog";
    rig.createChangelog(changelog);
    BarScoring scoring =
        new BarScoring(
            config.windowCapacity(),
            config.barInterval().length(),
            config.barInterval().name(),
            new ModelSlot(ModelView.initial(Set.of(), true)),
            new ScorerMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC(),
            1);
    try (KafkaProducer<String, byte[]> producer = rig.bytesProducer()) {
      for (LiveSymbol symbol : all) {
        Map<String, byte[]> window = new HashMap<>(1);
        for (int i = 0; i <= windowBars; i++) {
          BenchModels.scoreOne(scoring, window, symbol.walk.next());
        }
        producer.send(
            new ProducerRecord<>(
                changelog, symbol.walk.symbol(), window.get(symbol.walk.symbol())));
      }
      producer.flush();
    }
  }

  /** Scores each symbol's first W + 1 bars through a scorer instance, then closes it. */
  private void warmByReplay(ScorerRig rig, List<LiveSymbol> all, int windowBars) throws Exception {
    long total = (long) all.size() * (windowBars + 1);
    try (ServicePath path = new ServicePath(config(rig, commitIntervals.getFirst(), Map.of()));
        KafkaProducer<String, Bar> producer = rig.barProducer();
        KafkaConsumer<String, Signal> reader = rig.signalReader(true)) {
      path.start(Duration.ofMinutes(1));
      for (int i = 0; i <= windowBars; i++) {
        for (LiveSymbol symbol : all) {
          Bar bar = symbol.walk.next();
          producer.send(
              new ProducerRecord<>(
                  rig.bars(), null, bar.getCloseTime().toEpochMilli(), bar.getSymbol(), bar));
        }
      }
      producer.flush();
      long seen = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
      while (seen < total) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("warm-up: only " + seen + " of " + total + " signals");
        }
        seen += reader.poll(Duration.ofMillis(200)).count();
      }
    }
  }

  /** Restored records and the span from the first restore's start to the last one's end. */
  private static final class RestoreTally implements StateRestoreListener {
    final AtomicLong records = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong();
    private final AtomicLong lastEnd = new AtomicLong();

    @Override
    public void onRestoreStart(
        TopicPartition partition, String store, long startingOffset, long endingOffset) {
      firstStart.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void onBatchRestored(
        TopicPartition partition, String store, long batchEndOffset, long numRestored) {
      records.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      lastEnd.set(System.nanoTime());
    }

    double seconds() {
      return firstStart.get() == 0 ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
    }
  }
}
