package io.lstmsignals.ops.demo;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ops.stack.LocalStackOptions;
import io.lstmsignals.ops.stack.Stack;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.Stacks;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.signals.report.PerformanceReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: the whole pipeline, end to end. Starts (or reuses) a stack, creates the topics,
 * releases a trained model, starts the scorer and the paper-trading processor in this JVM, replays
 * bar files through ingest, waits until every replayed bar is realized in the P&amp;L, then prints
 * and writes the performance report.
 *
 * <p>Each stage runs through the same service class its own command uses, against the same topics,
 * so the demo is the production pipeline in one process. Its output is for a person: progress and
 * results on stdout, every stage's log in the run directory's {@code demo.log}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the whole pipeline end to end: a local Kafka broker and schema registry, ingest replaying bar files,"
          + " the scorer (Kafka Streams + ONNX Runtime) deciding long/flat on every closed bar, and the"
          + " paper-trading processor realizing the P&L; then prints the performance and writes a report with"
          + " the equity curves.",
      "",
      "The stack is started on free ports on 127.0.0.1 unless LSTM_STACK_BOOTSTRAP_SERVERS and"
          + " LSTM_STACK_REGISTRY_URL name a running one (bin/stack up, docker compose up -d).",
      ""
    })
public final class DemoMain implements Callable<Integer> {
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      split = ",",
      paramLabel = "CSV",
      defaultValue = "data/BTCUSDT-4h-2024.csv",
      description =
          "Bar files to replay, comma-separated, merged in time order (default: ${DEFAULT-VALUE};"
              + " data/ also has BTCUSDT-4h.csv and ETHUSDT-4h.csv, 2017-2026).")
  List<Path> data;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      defaultValue = "models/lstm-4h-default",
      description = "Trained model artifact directory to release (default: ${DEFAULT-VALUE}).")
  Path model;

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Replay pace in multiples of real time (3600 = one hour of bars per second); 0 = as fast as"
              + " possible (default).")
  double speed;

  @Mixin PaperTradingOptions trading;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory for the report, the log and the local stack (default: runs/demo-<UTC time>).")
  Path out;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description = "Longest wait for the last bar's P&L, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--dashboard-port",
      paramLabel = "PORT",
      defaultValue = "8090",
      description =
          "Port of the live dashboard on 127.0.0.1; 0 = any free port, -1 = none (default:"
              + " ${DEFAULT-VALUE}).")
  int dashboardPort;

  @Option(
      names = "--retrain",
      description =
          "Let the retrainer decide the models instead of releasing --model: a challenger every 180"
              + " bars on the last 1000, put in force only if its MAE beats the champion's on bars"
              + " neither saw; its model events are printed as they happen.")
  boolean retrain;

  @Option(
      names = "--retrain-set",
      paramLabel = "KEY=VALUE",
      description =
          "With --retrain: a retrainer setting over the demo's, e.g. retrainer.every.bars=90"
              + " (keys: trainer/README.md, Retraining); repeatable.")
  Map<String, String> retrainSets = new java.util.LinkedHashMap<>();

  @Option(
      names = "--keep-running",
      description =
          "Keep the stack and the processors running after the report, to subscribe (bin/signals tail)"
              + " or replay more (bin/ingest replay); Ctrl-C stops everything.")
  boolean keepRunning;

  public static void main(String[] args) {
    CommandLine cli = CommandLines.create(new DemoMain());
    // Logging is configured from the parsed run directory, before the first logger exists.
    cli.setExecutionStrategy(
        parsed -> {
          DemoMain demo = parsed.commandSpec().commandLine().getCommand();
          Path runDir = demo.runDir();
          RunSummary.logInto(runDir.resolve("demo.log"));
          System.setProperty(
              LocalStackOptions.WORK_DIR_PROPERTY, runDir.resolve("stack").toString());
          return new CommandLine.RunLast().execute(parsed);
        });
    System.exit(cli.execute(args));
  }

  Path runDir() {
    if (out == null) {
      out = Path.of("runs", "demo-" + RUN_STAMP.format(Instant.now()));
    }
    return out;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    Path runDir = runDir();
    if (Files.exists(runDir.resolve("stack")) || Files.exists(runDir.resolve("state"))) {
      // Its stack keeps its data: a second run there would meet the first one's bars and books.
      throw new IllegalArgumentException(
          "run directory " + runDir + " holds an earlier run; choose another --out, or delete it");
    }
    Files.createDirectories(runDir);
    Consumer<String> progress =
        line -> {
          console.println("      " + line);
          console.flush();
        };
    console.printf(
        "lstm-signals demo: %s %s%n  run directory %s (log: demo.log)%n",
        data,
        retrain ? "with the retrainer deciding the models" : "through the model in " + model,
        runDir.toAbsolutePath());
    step(console, 1, "Starting Kafka and the schema registry");
    try (Stack stack = Stacks.fromEnvironment();
        DemoPipeline pipeline =
            new DemoPipeline(
                stack.endpoints(),
                PipelineTopics.standard(),
                new DemoPipeline.Settings(
                    data,
                    model,
                    speed,
                    trading.feeBps,
                    trading.slippageBps,
                    trading.fillMode,
                    "demo-" + runDir.getFileName(),
                    runDir.resolve("state"),
                    dashboardPort,
                    retrain ? retrainSettings() : Map.of()),
                progress)) {
      Thread stopper =
          new Thread(
              () -> {
                pipeline.close();
                stack.close();
              },
              "demo-shutdown");
      Runtime.getRuntime().addShutdownHook(stopper);
      StackEndpoints endpoints = stack.endpoints();
      console.printf(
          "      broker %s, registry %s%n", endpoints.bootstrapServers(), endpoints.registryUrl());
      pipeline.createTopics();

      if (retrain) {
        step(console, 2, "Starting the retrainer: the models are decided as the bars arrive");
        pipeline.startRetrainer();
        pipeline.followEvents(progress);
      } else {
        step(
            console,
            2,
            "Releasing the model in "
                + model
                + " to "
                + Topics.MODELS.name()
                + " and promoting it");
        ModelRelease release = pipeline.releaseModel();
        console.printf(
            "      %s version %s, window %d bars, sha256 %s%n",
            release.getModelName(),
            release.getVersion(),
            release.getWindowBars(),
            release.getSha256().substring(0, 12));
      }

      step(
          console,
          3,
          "Starting the scorer (Kafka Streams + ONNX Runtime) and the paper-trading processor");
      pipeline.startProcessors();
      pipeline
          .dashboardUrl()
          .ifPresent(url -> progress.accept("dashboard (live, read-only): " + url));

      step(
          console,
          4,
          "Replaying "
              + data
              + (speed > 0 ? " at " + speed + "x real time" : " as fast as possible"));
      ReplayJob.Result replay = pipeline.replay();
      replay.tallies().values().forEach(tally -> progress.accept(tally.summaryLine()));

      step(console, 5, "Waiting for the P&L of the last bar of every symbol and the portfolio");
      pipeline.awaitPnl(timeout);

      step(console, 6, "Report");
      RunSummary.printScorerFigures(console, pipeline.meters());
      RunSummary.printVersionsServed(console, pipeline.versionsServed(), retrain);
      Path report =
          PerformanceReport.ofAll(pipeline.reportInputs()).write(runDir.resolve("report"));
      console.println();
      console.println(Files.readString(report).strip());
      console.println();
      console.printf("Report with equity curves: %s%n", report.toAbsolutePath());
      pipeline
          .dashboardUrl()
          .ifPresent(
              url ->
                  console.printf(
                      "Dashboard: %s%s%n",
                      url, keepRunning ? "" : " (until the demo ends; --keep-running keeps it)"));

      if (keepRunning) {
        console.printf(
            "%nStill running. In another shell:%n"
                + "  export LSTM_STACK_BOOTSTRAP_SERVERS=%s LSTM_STACK_REGISTRY_URL=%s%n"
                + "  bin/signals tail --topic signals --from-beginning     # the decisions, as they come%n"
                + "  bin/models list                                       # the model lines, what is in force%n"
                + "  bin/ingest replay data/ETHUSDT-4h.csv                 # no line serves ETH: FLAT(NO_MODEL_FOR_SYMBOL)%n"
                + "The dashboard shows what comes as it is realized.%n"
                + "Ctrl-C stops everything.%n",
            endpoints.bootstrapServers(), endpoints.registryUrl());
        console.flush();
        new CountDownLatch(1).await();
      }
      Runtime.getRuntime().removeShutdownHook(stopper);
      return 0;
    }
  }

  private static void step(PrintWriter console, int number, String what) {
    console.printf("[%d/6] %s%n", number, what);
    console.flush();
  }

  /** The demo's retrain policy: small enough to run in minutes on two cores. */
  private Map<String, String> retrainSettings() {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put(
        "retrainer.lines",
        "lstm-4h:" + io.lstmsignals.schemas.contract.BarFileName.of(data.getFirst()).symbol());
    settings.put("retrainer.every.bars", "180");
    settings.put("retrainer.window.bars", "1000");
    settings.put("retrainer.gate.metric", "mae");
    settings.put("retrainer.train.window.bars", "16");
    settings.put("retrainer.train.hidden", "8");
    settings.put("retrainer.train.layers", "1");
    settings.put("retrainer.train.max.epochs", "15");
    settings.putAll(retrainSets);
    return settings;
  }
}
