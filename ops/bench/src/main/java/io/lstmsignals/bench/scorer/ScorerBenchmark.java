package io.lstmsignals.bench.scorer;

import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.service.cli.ConnectionOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scorer benchmark}: the scorer's cost per bar against bare ONNX Runtime, state per symbol,
 * bars/s.
 */
@Command(
    name = "scorer",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Measures, in one run:",
      "  1. bare ONNX Runtime, microseconds per window at batch 1 on the artifact (the baseline);",
      "  2. the scorer's cost per bar (Avro in, window store bytes, decision, Avro out) as a ratio to 1 (goal <= 1.3);",
      "  3. state per symbol: serialized window bytes, and the heap taken by many symbols' windows;",
      "  4. end-to-end bars/s through the real broker for a multi-symbol replay (skip with --no-replay).",
      "Part 4 needs a running broker and registry (bin/stack up). Run with LSTM_JAVA_OPTS=-Xmx1g to show the"
          + " 10k-symbol state fits a 1 GiB heap.",
      ""
    })
public final class ScorerBenchmark implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

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
          "Alternating rounds of bare and in-scorer timing; the median is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--symbols",
      defaultValue = "20",
      paramLabel = "N",
      description = "Symbols in the per-bar timing (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(
      names = "--bars",
      defaultValue = "250",
      paramLabel = "N",
      description = "Timed bars per symbol in the per-bar timing (default: ${DEFAULT-VALUE}).")
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
      defaultValue = "20",
      paramLabel = "N",
      description = "Symbols in the end-to-end replay (default: ${DEFAULT-VALUE}).")
  int replaySymbols;

  @Option(
      names = "--replay-bars",
      defaultValue = "500",
      paramLabel = "N",
      description = "Bars per symbol in the end-to-end replay (default: ${DEFAULT-VALUE}).")
  int replayBars;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "Partitions of the replay's bars and signals topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--stream-threads",
      defaultValue = "1",
      paramLabel = "N",
      description = "Stream threads of the replay's scorer (default: ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(names = "--no-replay", description = "Skip the end-to-end replay (no broker needed).")
  boolean noReplay;

  @Override
  public Integer call() throws Exception {
    for (int value :
        new int[] {
          rounds, symbols, bars, memorySymbols, replaySymbols, replayBars, partitions, streamThreads
        }) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "Invalid value " + value + ": every count option must be >= 1");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    ArtifactDirectory dir = ArtifactDirectory.read(artifact);
    ModelRelease release = ModelPublisher.releaseOf(dir, "benchmark", null, Instant.now());
    int windowBars = dir.windowBars();
    out.printf(
        Locale.ROOT,
        "artifact %s: W = %d (input [1, %d, 5]), version %s, CPU, 1 intra-op thread%n",
        artifact,
        windowBars,
        windowBars + 1,
        release.getVersion());

    InferenceBenchmark.Result inference =
        new InferenceBenchmark(dir.asArtifact("benchmark", release.getVersion()), symbols, bars)
            .run(rounds);
    out.printf(
        Locale.ROOT,
        "bare ONNX Runtime, batch 1:          %8.1f us/window  (baseline, median of %d rounds"
            + " x %,d windows)%n",
        inference.bareMicros(),
        rounds,
        inference.windowsPerRound());
    out.printf(
        Locale.ROOT,
        "scorer per bar (Avro in..Avro out):  %8.1f us/bar     = %.2fx bare (goal <= 1.30)%n",
        inference.scorerMicros(),
        inference.ratio());
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

    if (!noReplay) {
      ReplayBenchmark.Result replay =
          new ReplayBenchmark(connection.bootstrapServers(), connection.registryUrl())
              .run(release, replaySymbols, replayBars, partitions, streamThreads);
      out.printf(
          Locale.ROOT,
          "end-to-end through the broker: %,d bars of %d symbols in %.2f s = %,.0f bars/s"
              + " (%d partitions, %d stream thread(s), exactly-once v2, RocksDB store) = %.1f us/bar wall%n",
          replay.bars(),
          replaySymbols,
          replay.seconds(),
          replay.barsPerSecond(),
          replay.partitions(),
          replay.streamThreads(),
          1e6 / replay.barsPerSecond());
    }
    return 0;
  }
}
