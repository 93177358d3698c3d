package io.lstmsignals.trainer.app;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.ReturnSeries;
import io.lstmsignals.service.config.ConfigSources;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.retrain.RetrainDecision;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import io.lstmsignals.trainer.retrain.WalkForward;
import io.lstmsignals.trainer.retrain.WalkForward.BarCall;
import io.lstmsignals.trainer.retrain.WalkForwardEvaluation;
import io.lstmsignals.trainer.retrain.WalkForwardStudy;
import io.lstmsignals.trainer.retrainer.RetrainerConfig;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer walkforward}: the retrainer's offline twin on a bar file — the same policy (the
 * retrainer's keys), schedule, windows, gate and seeds — writing every decision and every bar's
 * call. A replay of the file through the pipeline with the retrainer on gives the same.
 */
@Command(
    name = "walkforward",
    mixinStandardHelpOptions = true,
    description =
        "Run the retrainer's schedule offline on a bar file: every decision and every bar's signal,"
            + " as the streaming pipeline would make them.")
final class WalkForwardCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WalkForwardCommand.class);

  @Mixin DataOptions data;
  @Mixin ComputeOptions compute;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "The retrainer's properties (the keys of ops/config/retrainer.properties); default:"
              + " their defaults")
  Path policyFile;

  @Option(
      names = "--line",
      paramLabel = "LINE",
      description =
          "The line to run (default: the one whose symbol is the data's). With"
              + " retrainer.lines unset, the line lstm-4h on the data's symbol")
  String line;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write")
  Path out;

  @Option(
      names = "--study",
      description =
          "Compare arms on the same bars instead of running one policy: frozen (one model at the"
              + " start) and a challenger every K bars for each --every, --windows and --gates, each"
              + " with every --seeds; baselines naive and buy-and-hold; costs --costs-bps. Writes"
              + " walkforward.md, runs.csv and equity charts. The policy gives the window, the"
              + " training and the gate's metric")
  boolean study;

  @Option(
      names = "--quick",
      description = "With --study: 2 seeds, K 180 and 540, at most 3 epochs (minutes, not hours)")
  boolean quick;

  @Option(
      names = "--every",
      split = ",",
      paramLabel = "K",
      defaultValue = "30,90,180,540",
      description =
          "With --study: the K's, each a multiple of the smallest. Default: ${DEFAULT-VALUE}")
  List<Integer> every;

  @Option(
      names = "--windows",
      split = ",",
      defaultValue = "ROLLING,EXPANDING",
      description = "With --study: ROLLING, EXPANDING or both. Default: ${DEFAULT-VALUE}")
  List<RetrainPolicy.Window> windows;

  @Option(
      names = "--gates",
      split = ",",
      defaultValue = "true,false",
      description =
          "With --study: the gate on (true), off (false) or both. Default: ${DEFAULT-VALUE}")
  List<Boolean> gates;

  @Option(
      names = "--seeds",
      split = ",",
      defaultValue = "42,43,44,45,46",
      description = "With --study: the seeds of every arm. Default: ${DEFAULT-VALUE}")
  List<Long> seeds;

  @Option(
      names = "--costs-bps",
      split = ",",
      defaultValue = "0,10",
      description =
          "With --study: costs per position change, basis points of the notional. Default:"
              + " ${DEFAULT-VALUE}")
  List<Double> costsBps;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // --set (the connection options' own) also takes the retrainer's keys, e.g.
    // retrainer.every.bars=90, over --policy; so the Kafka source reads them as the retrainer does.
    data.kafkaKeys = RetrainerConfig.SPEC;
    BarSeries bars = data.read();
    RetrainPolicy policy = policy(data.symbol());
    if (study) {
      return runStudy(bars, policy);
    }
    log.info(
        "Walk-forward of {} over {} bars of {}", policy.describe(), bars.size(), bars.source());
    WalkForward.Result result;
    try (Trainer trainer = compute.trainer()) {
      result =
          WalkForward.run(
              policy,
              bars,
              trainer,
              new ProgressLog("challenger", policy.training().maxEpochs()),
              WalkForward.logging(log::info));
    }
    Files.createDirectories(out);
    writeDecisions(result.decisions(), out.resolve("decisions.csv"));
    writeBars(result.bars(), out.resolve("bars.csv"));
    PrintWriter console = spec.commandLine().getOut();
    printSummary(console, result);
    return 0;
  }

  private int runStudy(BarSeries bars, RetrainPolicy base) throws Exception {
    WalkForwardStudy.Grid grid =
        quick
            ? new WalkForwardStudy.Grid(List.of(180, 540), windows, gates, seeds.subList(0, 2))
            : new WalkForwardStudy.Grid(every, windows, gates, seeds);
    RetrainPolicy policy =
        quick && base.training().maxEpochs() > 3
            ? withTraining(base, base.training().withMaxEpochs(3))
            : base;
    log.info(
        "Walk-forward study over {} bars of {}: {} arms x {} seeds on {} threads; {}",
        bars.size(),
        bars.source(),
        grid.arms().size(),
        grid.seeds().size(),
        compute.threads,
        policy.describe());
    WalkForwardStudy.Result result =
        WalkForwardStudy.run(
            policy,
            bars,
            grid,
            compute::kernels,
            compute.threads,
            WalkForwardStudy.logging(log::info));
    List<WalkForwardEvaluation.Table> tables = WalkForwardEvaluation.evaluate(result, costsBps);
    Path md =
        WalkForwardReport.write(
            result,
            tables,
            String.join(" ", spec.commandLine().getParseResult().originalArgs()),
            out);
    PrintWriter console = spec.commandLine().getOut();
    console.printf(
        Locale.ROOT,
        "study      %d arms x %d seeds, %d distinct trainings, %.0f s%n",
        grid.arms().size(),
        grid.seeds().size(),
        result.trainings(),
        result.seconds());
    console.printf("written    %s (and runs.csv, equity charts)%n", md);
    console.flush();
    return 0;
  }

  private static RetrainPolicy withTraining(RetrainPolicy p, TrainingConfig training) {
    return new RetrainPolicy(
        p.line(),
        p.symbol(),
        p.interval(),
        p.everyBars(),
        p.anchor(),
        p.window(),
        p.windowBars(),
        p.lagBars(),
        p.criterion(),
        p.margin(),
        p.gate(),
        training);
  }

  private RetrainPolicy policy(String symbol) {
    Map<String, String> sets = data.connection.sets();
    Map<String, String> explicit = new LinkedHashMap<>(sets);
    if (policyFile == null && !sets.containsKey(RetrainerConfig.LINES)) {
      explicit.put(RetrainerConfig.LINES, (line == null ? "lstm-4h" : line) + ":" + symbol);
    }
    RetrainerConfig config =
        RetrainerConfig.from(ConfigSources.gather(policyFile, Map.of(), Map.of(), explicit));
    return config.policies().stream()
        .filter(p -> line == null ? p.symbol().equals(symbol) : p.line().equals(line))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No retrained line "
                        + (line == null ? "for symbol " + symbol : line)
                        + " in "
                        + RetrainerConfig.LINES
                        + "="
                        + config.policies().stream()
                            .map(p -> p.line() + ":" + p.symbol())
                            .toList()));
  }

  static void writeDecisions(List<RetrainDecision> decisions, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file)) {
      writer.write(
          "boundary_utc,effective_from_utc,valid_until_utc,outcome,version_in_force,sha256_in_force,"
              + "challenger_version,champion_version,gate_from_utc,gate_to_utc,"
              + "challenger_sharpe,champion_sharpe,challenger_mae,champion_mae,reason\n");
      for (RetrainDecision d : decisions) {
        String sha =
            d.outcome() == RetrainDecision.Outcome.PROMOTED
                ? d.challenger().orElseThrow().sha256()
                : d.champion().map(c -> c.sha256()).orElse("");
        writer.write(
            String.join(
                    ",",
                    d.boundary().toString(),
                    d.effectiveFrom().toString(),
                    d.validUntil().toString(),
                    d.outcome().name(),
                    d.versionInForce().orElse(""),
                    sha,
                    d.challenger().map(c -> c.version()).orElse(""),
                    d.champion().map(c -> c.version()).orElse(""),
                    d.gateFrom() == null ? "" : d.gateFrom().toString(),
                    d.gateTo() == null ? "" : d.gateTo().toString(),
                    figure(d.challengerMetrics(), "sharpe"),
                    figure(d.championMetrics(), "sharpe"),
                    figure(d.challengerMetrics(), "mae"),
                    figure(d.championMetrics(), "mae"),
                    "\"" + d.reason().replace("\"", "'") + "\"")
                + "\n");
      }
    }
  }

  private static String figure(Map<String, Double> figures, String key) {
    Double value = figures.get(key);
    return value == null ? "" : value.toString();
  }

  static void writeBars(List<BarCall> calls, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file)) {
      writer.write(
          "bar_open_time_utc,decision,reason,model_line,model_version,predicted_log_return,"
              + "reference_close\n");
      for (BarCall call : calls) {
        writer.write(
            String.join(
                    ",",
                    call.barOpen().toString(),
                    call.isLong() ? "LONG" : "FLAT",
                    call.reason() == null ? "" : call.reason(),
                    call.line() == null ? "" : call.line(),
                    call.version() == null ? "" : call.version(),
                    call.predictedLogReturn() == null ? "" : call.predictedLogReturn().toString(),
                    Double.toString(call.referenceClose()))
                + "\n");
      }
    }
  }

  private void printSummary(PrintWriter console, WalkForward.Result result) {
    long promoted =
        result.decisions().stream()
            .filter(d -> d.outcome() == RetrainDecision.Outcome.PROMOTED)
            .count();
    long failed =
        result.decisions().stream()
            .filter(d -> d.outcome() == RetrainDecision.Outcome.FAILED)
            .count();
    console.printf(
        Locale.ROOT,
        "decisions  %d (%d promoted, %d rejected, %d failed)%n",
        result.decisions().size(),
        promoted,
        result.decisions().size() - promoted - failed,
        failed);
    List<BarCall> scored =
        result.bars().stream().filter(c -> c.predictedLogReturn() != null).toList();
    console.printf(
        Locale.ROOT,
        "bars       %d decided, %d scored by a model (out-of-sample for the version that scored"
            + " each)%n",
        result.bars().size(),
        scored.size());
    if (scored.size() > 1) {
      PerformanceMetrics metrics = PerformanceMetrics.of4h(strategy(result.bars(), scored));
      console.printf(
          Locale.ROOT,
          "long/flat  cum.return %.4f  Sharpe %s  max drawdown %.4f  exposure %.3f  trades %d"
              + " (no costs)%n",
          metrics.cumulativeReturn(),
          PerformanceMetrics.format(metrics.sharpe()),
          metrics.maxDrawdown(),
          metrics.exposure(),
          metrics.trades());
    }
    console.printf("written    %s, %s%n", out.resolve("decisions.csv"), out.resolve("bars.csv"));
    console.flush();
  }

  /**
   * The long/flat series over the scored bars: the call on bar b is the position over bar b + 1
   * ({@link WalkForwardEvaluation#path}), no costs.
   */
  static ReturnSeries strategy(List<BarCall> all, List<BarCall> scored) {
    Set<java.time.Instant> kept = new HashSet<>();
    scored.forEach(c -> kept.add(c.barOpen()));
    WalkForwardEvaluation.Path path = WalkForwardEvaluation.path(all);
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < all.size() - 1; i++) {
      if (kept.contains(all.get(i).barOpen())) {
        rows.add(i);
      }
    }
    long[] times = new long[rows.size()];
    double[] positions = new double[rows.size()];
    double[] returns = new double[rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      times[j] = path.times()[rows.get(j)];
      positions[j] = path.positions()[rows.get(j)];
      returns[j] = path.marketReturns()[rows.get(j)];
    }
    return ReturnSeries.longFlat(times, positions, returns);
  }
}
