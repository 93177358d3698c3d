package io.lstmsignals.bench.scorer;

import io.lstmsignals.bench.measure.CpuUsage;
import io.lstmsignals.bench.measure.LoadAverage;
import io.lstmsignals.bench.measure.SteadyState;
import io.lstmsignals.bench.measure.Throughput;
import io.lstmsignals.bench.profile.CpuProfile;
import io.lstmsignals.bench.profile.StackCategories;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.service.cli.ServiceOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench scorer}: the scorer's throughput against bare ONNX Runtime measured in the same run,
 * in-process and end to end through the broker in steady state, with the levers that can be
 * switched without changing the scorer.
 */
@Command(
    name = "scorer",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Measures, in one run:",
      "  1. bare ONNX Runtime on the artifact, us per window at batch 1 (the baseline) and at batch 64,"
          + " with the scorer's session settings (scorer.onnx.provider: cpu, cuda, cuda-or-cpu);",
      "  2. the scorer's cost per bar in-process (Avro in, window bytes, decision, Avro out), and Avro"
          + " alone, as ratios to 1;",
      "  3. state per symbol: serialized window bytes, and the heap taken by many symbols' windows;",
      "  4. end to end through the broker (skip with --no-replay): a scorer instance with exactly-once,"
          + " a multi-symbol replay into fresh topics; the rate in steady state (after a warm-up, over"
          + " at least --measured-bars bars) and from the first bar, as a ratio to 1; CPU time of the"
          + " stream thread, this JVM and the machine over the steady part;",
      "  5. with --levers, the same replay once per lever: inference batch 1 (no batching across"
          + " symbols), an in-memory window store, 1 stream thread, commit interval, Kafka's default"
          + " producer batch size, and inference replaced by a constant (the scorer's topology with"
          + " a fixed model view);",
      "  6. with --profile FILE, one more replay recorded with JFR's CPU-time sampler (JDK 25+), and"
          + " where the CPU went, per bar, by part.",
      "The scorer takes its settings like bin/scorer run (--config, LSTM_CONF_*, --set); the benchmark"
          + " sets its own topics, application.id and state.dir. Parts 4-6 need a running broker and"
          + " registry (bin/stack up). Run with LSTM_JAVA_OPTS=-Xmx1g to show the 10k-symbol state fits"
          + " a 1 GiB heap.",
      ""
    })
public final class ScorerBenchmark implements Callable<Integer> {
  static final int DEFAULT_MEASURED_BARS = 100_000;

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--artifact",
      defaultValue = "models/lstm-4h-default",
      paramLabel = "DIR",
      description = "Trained artifact directory (default: ${DEFAULT-VALUE}).")
  Path artifact;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Alternating rounds of the in-process timings; the median is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--symbols",
      defaultValue = "20",
      paramLabel = "N",
      description = "Symbols in the in-process timing (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(
      names = "--bars",
      defaultValue = "256",
      paramLabel = "N",
      description = "Timed bars per symbol in the in-process timing (default: ${DEFAULT-VALUE}).")
  int bars;

  @Option(
      names = "--memory-symbols",
      defaultValue = "10000",
      paramLabel = "N",
      description =
          "Symbols whose full windows are held for the memory figure (default: ${DEFAULT-VALUE}).")
  int memorySymbols;

  @Option(
      names = "--replay-symbols",
      defaultValue = "100",
      paramLabel = "N",
      description = "Symbols in the end-to-end replay (default: ${DEFAULT-VALUE}).")
  int replaySymbols;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "Rounds (one bar per symbol) of warm-up before the steady part; at least W + 1 (default:"
              + " ${DEFAULT-VALUE}).")
  int warmupRounds;

  @Option(
      names = "--measured-bars",
      defaultValue = "" + DEFAULT_MEASURED_BARS,
      paramLabel = "N",
      description =
          "Bars in the steady part, rounded up to whole rounds (default: ${DEFAULT-VALUE}).")
  int measuredBars;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      paramLabel = "N",
      description =
          "Partitions of the replay's bars and signals topics (default: ${DEFAULT-VALUE}, as"
              + " production's).")
  int partitions;

  @Option(
      names = "--replay-rounds",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Times each replay variant runs, taking turns; the lever table shows the median (default:"
              + " ${DEFAULT-VALUE}).")
  int replayRounds;

  @Option(names = "--levers", description = "Also run the replay once per lever (part 5).")
  boolean levers;

  @Option(
      names = "--profile",
      paramLabel = "FILE",
      description = "Record one more replay with JFR CPU-time sampling into FILE (part 6).")
  Path profile;

  @Option(names = "--no-replay", description = "Skip the broker parts (4-6).")
  boolean noReplay;

  /**
   * One replay's settings on top of the scorer's configuration.
   *
   * @param noInference whether a constant stands in for the model ({@link ProbePath})
   */
  private record Variant(String name, Map<String, String> keys, boolean noInference) {}

  @Override
  public Integer call() throws Exception {
    for (int value :
        new int[] {
          rounds,
          symbols,
          bars,
          memorySymbols,
          replaySymbols,
          warmupRounds,
          measuredBars,
          partitions
        }) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "Invalid value " + value + ": every count option must be >= 1");
      }
    }
    if (profile != null && !CpuProfile.available()) {
      throw new IllegalArgumentException(
          "--profile needs JFR's CPU-time sampler (JDK 25+ on Linux); this JVM is "
              + Runtime.version());
    }
    if (profile != null && !Files.isDirectory(profile.toAbsolutePath().getParent())) {
      throw new IllegalArgumentException(
          "--profile " + profile + ": the directory it goes in does not exist");
    }
    PrintWriter out = spec.commandLine().getOut();
    ScorerConfig base = scorerConfig(Map.of());
    ArtifactDirectory dir = ArtifactDirectory.read(artifact);
    ModelRelease release = ModelPublisher.releaseOf(dir, BenchModels.LINE, null, Instant.now());
    ModelArtifact model = dir.asArtifact(BenchModels.LINE, release.getVersion());
    int windowBars = dir.windowBars();
    if (!noReplay && warmupRounds < windowBars + 1) {
      throw new IllegalArgumentException(
          "Invalid value "
              + warmupRounds
              + " for --warmup-rounds: a symbol's first W + 1 = "
              + (windowBars + 1)
              + " bars fill its window, so the warm-up needs at least that many rounds");
    }
    out.printf(
        Locale.ROOT,
        "artifact %s: W = %d (input [N, %d, 5]), version %s; scorer.onnx.provider=%s, device %d,"
            + " %d intra-op thread(s); %s%n",
        artifact,
        windowBars,
        windowBars + 1,
        release.getVersion(),
        base.onnx().provider().configName(),
        base.onnx().cudaDeviceId(),
        base.onnx().intraOpThreads(),
        LoadAverage.now());
    out.flush();

    InferenceBenchmark.Result inference =
        new InferenceBenchmark(model, base.onnx(), symbols, bars).run(rounds);
    Throughput bare1 = inference.bareBatch1();
    Throughput bare64 = inference.bareBatch64();
    out.printf(Locale.ROOT, "sessions run on: %s%n", inference.provider());
    out.printf(
        Locale.ROOT,
        "bare ONNX Runtime, batch 1:          %8.1f us/window = %,8.0f windows/s  (baseline; median of"
            + " %d rounds x %,d windows)%n",
        bare1.microsPerItem(),
        bare1.perSecond(),
        rounds,
        bare1.items());
    out.printf(
        Locale.ROOT,
        "bare ONNX Runtime, batch %d:         %8.1f us/window = %,8.0f windows/s  = %.2fx batch 1%n",
        InferenceBenchmark.BATCH,
        bare64.microsPerItem(),
        bare64.perSecond(),
        bare64.ratioTo(bare1));
    out.printf(
        Locale.ROOT,
        "bare ONNX Runtime, CPU time:         %8.1f us/window at batch 1, %.1f at batch %d (the"
            + " calling thread's; the load inflates wall time more)%n",
        inference.bareBatch1CpuMicros(),
        inference.bareBatch64CpuMicros(),
        InferenceBenchmark.BATCH);
    out.printf(
        Locale.ROOT,
        "scorer per bar in-process:           %8.1f us/bar    = %.2fx bare batch 1's time (Avro in,"
            + " window bytes, decision, metrics, Avro out)%n",
        inference.scorer().microsPerItem(),
        inference.scorer().microsPerItem() / bare1.microsPerItem());
    out.printf(
        Locale.ROOT,
        "Avro alone (bar in, signal out):     %8.1f us/bar    = %.2fx bare batch 1's time%n",
        inference.avroAlone().microsPerItem(),
        inference.avroAlone().microsPerItem() / bare1.microsPerItem());
    out.flush();

    WindowMemory.Result memory = WindowMemory.measure(memorySymbols, windowBars + 1);
    out.printf(
        Locale.ROOT,
        "state per symbol: %d bytes serialized (%d bars of float32 OHLCV + %d header)%n",
        memory.serializedBytes(),
        memory.capacity(),
        12);
    out.printf(
        Locale.ROOT,
        "%,d symbols' windows held: %.1f MiB heap (%.0f bytes/symbol); heap used %.1f MiB of"
            + " max %.1f MiB%n",
        memory.symbols(),
        memory.heapBytes() / 1048576.0,
        memory.heapPerSymbol(),
        memory.heapUsedAfter() / 1048576.0,
        memory.heapMax() / 1048576.0);
    out.flush();

    if (noReplay) {
      return 0;
    }
    int measuredRounds = Math.ceilDiv(measuredBars, replaySymbols);
    ReplayBenchmark replay =
        new ReplayBenchmark(replaySymbols, warmupRounds, measuredRounds, windowBars);
    out.printf(
        Locale.ROOT,
        "%nend to end through the broker: %d symbols, %d partitions, exactly-once v2; %,d warm-up"
            + " bars, then %,d measured; %s%n",
        replaySymbols,
        partitions,
        replay.warmupBars(),
        replay.measuredBars(),
        LoadAverage.now());
    out.flush();
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("scorer as configured", Map.of(), false));
    if (levers) {
      variants.add(
          new Variant("inference batch 1", Map.of(ScorerConfig.INFERENCE_MAX_BATCH, "1"), false));
      variants.add(
          new Variant(
              "in-memory window store",
              Map.of(ScorerConfig.WINDOW_STORE, ScorerConfig.WindowStore.IN_MEMORY.configName()),
              false));
      variants.add(new Variant("1 stream thread", Map.of(ScorerConfig.STREAM_THREADS, "1"), false));
      variants.add(
          new Variant(
              "commit.interval.ms=1000", Map.of(ScorerConfig.COMMIT_INTERVAL_MS, "1000"), false));
      variants.add(
          new Variant(
              "producer batch.size=16 KiB (Kafka's default)",
              Map.of(ScorerConfig.STREAMS_PREFIX + "producer.batch.size", "16384"),
              false));
      variants.add(new Variant("no inference (probe)", Map.of(), true));
    }
    List<List<ReplayBenchmark.Result>> results = new ArrayList<>();
    variants.forEach(variant -> results.add(new ArrayList<>()));
    for (int round = 1; round <= replayRounds; round++) {
      for (int v = 0; v < variants.size(); v++) {
        Variant variant = variants.get(v);
        ReplayBenchmark.Result result = runVariant(variant, release, model, replay, null);
        results.get(v).add(result);
        printReplay(
            out,
            variant.name() + (replayRounds > 1 ? " (round " + round + ")" : ""),
            result,
            inference);
      }
    }
    if (variants.size() > 1 || replayRounds > 1) {
      printLeverTable(out, variants, results, bare1);
    }
    if (profile != null) {
      ReplayBenchmark.Result profiled =
          runVariant(variants.getFirst(), release, model, replay, profile);
      printReplay(out, "scorer as configured, profiled", profiled, inference);
      printProfile(out, profiled);
    }
    // On a shared machine the load changes while the replays run: the baseline measured again says
    // by how much, so that a ratio that moved with it can be told from one the scorer moved.
    InferenceBenchmark.Result after =
        new InferenceBenchmark(model, base.onnx(), symbols, bars).run(rounds);
    out.printf(
        Locale.ROOT,
        "%nbare ONNX Runtime again after the replays: batch 1 %.1f us/window (%+.0f%% vs the"
            + " baseline), batch %d %.1f us/window (%+.0f%%); %s%n",
        after.bareBatch1().microsPerItem(),
        100 * (after.bareBatch1().microsPerItem() / bare1.microsPerItem() - 1),
        InferenceBenchmark.BATCH,
        after.bareBatch64().microsPerItem(),
        100 * (after.bareBatch64().microsPerItem() / bare64.microsPerItem() - 1),
        LoadAverage.now());
    out.flush();
    return 0;
  }

  private ScorerConfig scorerConfig(Map<String, String> keys) {
    return ScorerRig.scorerConfig(options, keys);
  }

  private ReplayBenchmark.Result runVariant(
      Variant variant,
      ModelRelease release,
      ModelArtifact model,
      ReplayBenchmark replay,
      Path profileFile)
      throws Exception {
    ScorerConfig base = scorerConfig(Map.of());
    try (ScorerRig rig =
        ScorerRig.create(
            "scorer",
            base.bootstrapServers(),
            base.schemaRegistryUrl(),
            release,
            ReplayBenchmark.symbols(replaySymbols),
            partitions)) {
      Map<String, String> keys = new LinkedHashMap<>(rig.scorerKeys("scorer"));
      keys.putAll(variant.keys());
      ScorerConfig config = scorerConfig(keys);
      ScoringPath path =
          variant.noInference()
              ? new ProbePath(config, model, ReplayBenchmark.symbols(replaySymbols))
              : new ServicePath(config);
      return replay.run(rig, path, Optional.ofNullable(profileFile));
    }
  }

  private static void printReplay(
      PrintWriter out, String name, ReplayBenchmark.Result result, InferenceBenchmark.Result bare) {
    Throughput bare1 = bare.bareBatch1();
    Throughput bare64 = bare.bareBatch64();
    SteadyState state = result.state();
    CpuUsage cpu = result.cpu();
    long bars = state.steady().items();
    out.printf(Locale.ROOT, "%s: %s%n", name, result.path());
    out.printf(
        Locale.ROOT,
        "  steady state:    %,9d bars in %6.2f s = %,7.0f bars/s = %6.1f us/bar = %.2fx bare"
            + " batch 1 (goal >= 1.00), %.2fx bare batch %d; quarters %s%n",
        bars,
        state.steady().seconds(),
        state.steady().perSecond(),
        state.steady().microsPerItem(),
        state.steady().ratioTo(bare1),
        state.steady().ratioTo(bare64),
        InferenceBenchmark.BATCH,
        quarters(state));
    out.printf(
        Locale.ROOT,
        "  from first bar:  %,9d bars in %6.2f s = %,7.0f bars/s = %6.1f us/bar = %.2fx bare batch 1%n",
        state.fromFirst().items(),
        state.fromFirst().seconds(),
        state.fromFirst().perSecond(),
        state.fromFirst().microsPerItem(),
        state.fromFirst().ratioTo(bare1));
    long streamCpu = cpu.threadCpuNanos(StackCategories.STREAM_THREADS);
    out.printf(
        Locale.ROOT,
        "  CPU per bar in the steady part: stream thread(s) %.1f us = %.2fx bare batch 1's CPU per"
            + " window (goal <= 1.00; busy %.0f%% of the wall time), this JVM %.1f us%s%n",
        streamCpu / 1e3 / bars,
        streamCpu / 1e3 / bars / bare.bareBatch1CpuMicros(),
        100.0 * streamCpu / cpu.wallNanos(),
        cpu.processCpuNanos() / 1e3 / bars,
        cpu.machineBusyCpuNanos()
            .map(
                machine ->
                    String.format(
                        Locale.ROOT,
                        ", whole machine %.1f us (the rest, %.1f us: broker, registry, other"
                            + " processes; the machine's %d cores %.0f%% busy)",
                        machine / 1e3 / bars,
                        (machine - cpu.processCpuNanos()) / 1e3 / bars,
                        Runtime.getRuntime().availableProcessors(),
                        100.0
                            * machine
                            / cpu.wallNanos()
                            / Runtime.getRuntime().availableProcessors()))
            .orElse(""));
    out.flush();
  }

  private static String quarters(SteadyState state) {
    StringBuilder text = new StringBuilder();
    for (Throughput quarter : state.quarters()) {
      text.append(text.isEmpty() ? "" : " / ")
          .append(String.format(Locale.ROOT, "%,.0f", quarter.perSecond()));
    }
    return text.append(
            String.format(Locale.ROOT, " bars/s (spread %.0f%%)", 100 * state.quarterSpread()))
        .toString();
  }

  private static void printLeverTable(
      PrintWriter out,
      List<Variant> variants,
      List<List<ReplayBenchmark.Result>> results,
      Throughput bare1) {
    Throughput baseline = medianRound(results.getFirst()).state().steady();
    out.printf(
        Locale.ROOT,
        "%nsteady state, this run (the median of %d round(s) per variant):%n%-30s %9s %8s %13s"
            + " %10s %15s  %s%n",
        results.getFirst().size(),
        "variant",
        "bars/s",
        "us/bar",
        "vs configured",
        "vs bare b1",
        "from 1st bar/s",
        "every round, bars/s");
    for (int v = 0; v < variants.size(); v++) {
      ReplayBenchmark.Result median = medianRound(results.get(v));
      Throughput steady = median.state().steady();
      out.printf(
          Locale.ROOT,
          "%-30s %,9.0f %8.1f %12.2fx %9.2fx %,15.0f  %s%n",
          variants.get(v).name(),
          steady.perSecond(),
          steady.microsPerItem(),
          steady.ratioTo(baseline),
          steady.ratioTo(bare1),
          median.state().fromFirst().perSecond(),
          String.join(
              " / ",
              results.get(v).stream()
                  .map(r -> String.format(Locale.ROOT, "%,.0f", r.state().steady().perSecond()))
                  .toList()));
    }
    out.flush();
  }

  /** The round with the median steady rate (the lower middle one of an even count). */
  private static ReplayBenchmark.Result medianRound(List<ReplayBenchmark.Result> rounds) {
    List<ReplayBenchmark.Result> sorted =
        rounds.stream()
            .sorted(Comparator.comparingDouble(r -> r.state().steady().perSecond()))
            .toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static void printProfile(PrintWriter out, ReplayBenchmark.Result result) {
    CpuProfile.Breakdown breakdown = result.profile().orElseThrow();
    CpuUsage cpu = result.cpu();
    long bars = result.state().steady().items();
    out.printf(
        Locale.ROOT,
        "%nwhere the CPU went in the profiled steady part (%,d bars): each thread role's CPU time"
            + " (measured) split by the parts its JFR CPU-time samples fell in (%,d samples, %,d"
            + " lost; recording %s):%n",
        bars,
        breakdown.millis().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum(),
        breakdown.lostSamples(),
        breakdown.file());
    long inThreads = 0;
    for (var role : breakdown.millis().entrySet()) {
      long samples = breakdown.total(role.getKey());
      long roleCpu = cpu.threadCpuNanos(role.getKey());
      inThreads += roleCpu;
      out.printf(
          Locale.ROOT,
          "  %s: %.1f us/bar of CPU (%,d samples)%n",
          role.getKey(),
          roleCpu / 1e3 / bars,
          samples);
      role.getValue().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              category ->
                  out.printf(
                      Locale.ROOT,
                      "    %-48s %6.1f us/bar  %5.1f%%%n",
                      category.getKey(),
                      roleCpu / 1e3 / bars * category.getValue() / samples,
                      100.0 * category.getValue() / samples));
    }
    out.printf(
        Locale.ROOT,
        "  outside Java threads (GC, JIT compilers, JFR itself): %.1f us/bar of CPU%n",
        (cpu.processCpuNanos() - inThreads) / 1e3 / bars);
    out.flush();
  }
}
