package io.lstmsignals.ops.demo;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.LastBarLookup;
import io.lstmsignals.ingest.source.BarFileName;
import io.lstmsignals.ops.stack.LocalStackOptions;
import io.lstmsignals.ops.stack.Stack;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.Stacks;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.signals.app.PnlHistory;
import io.lstmsignals.signals.app.SignalsService;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: the whole pipeline, end to end. Starts (or reuses) a stack, creates the topics, releases a trained
 * model, starts the scorer and the paper-trading processor in this JVM, replays bar files through ingest, waits
 * until every replayed bar is realized in the P&amp;L, then prints and writes the performance report.
 *
 * <p>Each stage runs through the same service class its own command uses, against the same topics, so the demo is
 * the production pipeline in one process. Its output is for a person: progress and results on stdout, every
 * stage's log in the run directory's {@code demo.log}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Runs the whole pipeline end to end: a local Kafka broker and schema registry, ingest replaying bar files,"
            + " the scorer (Kafka Streams + ONNX Runtime) deciding long/flat on every closed bar, and the"
            + " paper-trading processor realizing the P&L; then prints the performance and writes a report with"
            + " the equity curves.",
        "",
        "The stack is started on free ports on 127.0.0.1 unless LSTM_STACK_BOOTSTRAP_SERVERS and"
            + " LSTM_STACK_REGISTRY_URL name a running one (bin/stack up, docker compose up -d).",
        ""})
public final class DemoMain implements Callable<Integer> {
  static final String MODEL_NAME = "lstm-4h";
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  @Spec CommandSpec spec;

  @Option(names = "--data", split = ",", paramLabel = "CSV", defaultValue = "data/BTCUSDT-4h-2024.csv",
      description = "Bar files to replay, comma-separated, merged in time order (default: ${DEFAULT-VALUE};"
          + " data/ also has BTCUSDT-4h.csv and ETHUSDT-4h.csv, 2017-2026).")
  List<Path> data;

  @Option(names = "--model", paramLabel = "DIR", defaultValue = "models/lstm-4h-default",
      description = "Trained model artifact directory to release (default: ${DEFAULT-VALUE}).")
  Path model;

  @Option(names = "--speed", paramLabel = "N", defaultValue = "0",
      description = "Replay pace in multiples of real time (3600 = one hour of bars per second); 0 = as fast as"
          + " possible (default).")
  double speed;

  @Option(names = "--fee-bps", paramLabel = "BPS", defaultValue = "0",
      description = "Fee per position change, in basis points of notional (default: ${DEFAULT-VALUE}).")
  double feeBps;

  @Option(names = "--slippage-bps", paramLabel = "BPS", defaultValue = "0",
      description = "Slippage per position change, in basis points of notional (default: ${DEFAULT-VALUE}).")
  double slippageBps;

  @Option(names = "--fill-mode", paramLabel = "MODE", defaultValue = "REFERENCE_CLOSE",
      description = "REFERENCE_CLOSE (the study's convention) or NEXT_OPEN (default: ${DEFAULT-VALUE}).")
  String fillMode;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run directory for the report, the log and the local stack (default: runs/demo-<UTC time>).")
  Path out;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10M",
      description = "Longest wait for the last bar's P&L, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--keep-running",
      description = "Keep the stack and the processors running after the report, to subscribe (bin/signals tail)"
          + " or replay more (bin/ingest replay); Ctrl-C stops everything.")
  boolean keepRunning;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new DemoMain());
    // Logging is configured from the parsed run directory, before the first logger exists.
    cli.setExecutionStrategy(parsed -> {
      DemoMain demo = parsed.commandSpec().commandLine().getCommand();
      Path runDir = demo.runDir();
      System.setProperty("lstm.demo.log", runDir.resolve("demo.log").toString());
      System.setProperty("logback.configurationFile", "io/lstmsignals/ops/demo/logback-demo.xml");
      System.setProperty(LocalStackOptions.WORK_DIR_PROPERTY, runDir.resolve("stack").toString());
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
    Files.createDirectories(runDir);
    Set<String> symbols = symbolsOf(data);
    ArtifactDirectory artifact = ArtifactDirectory.read(model);
    Thread stopper = new Thread(this::stopAll, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      console.printf("lstm-signals demo: %s through the model in %s%n  run directory %s (log: demo.log)%n",
          data, model, runDir.toAbsolutePath());

      step(console, 1, "Starting Kafka and the schema registry");
      Stack stack = Stacks.fromEnvironment();
      running.push(stack);
      StackEndpoints endpoints = stack.endpoints();
      console.printf("      broker %s, registry %s%n", endpoints.bootstrapServers(), endpoints.registryUrl());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.bootstrapServers()))) {
        new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.all());
      }

      step(console, 2, "Releasing model " + artifact.directory() + " to " + Topics.MODELS.name());
      ModelRelease release = ModelPublisher.releaseOf(artifact, MODEL_NAME, null, Instant.now());
      ModelPublisher.publish(release, endpoints.bootstrapServers(), endpoints.registryUrl(), Topics.MODELS.name());
      console.printf("      %s version %s, window %d bars, sha256 %s%n", MODEL_NAME, release.getVersion(),
          release.getWindowBars(), release.getSha256().substring(0, 12));

      step(console, 3, "Starting the scorer (Kafka Streams + ONNX Runtime) and the paper-trading processor");
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      ScorerService scorer = new ScorerService(scorerConfig(endpoints, runDir), meters, Clock.systemUTC());
      running.push(scorer);
      scorer.start();
      SignalsConfig signalsConfig = signalsConfig(endpoints, runDir, symbols);
      SignalsService signals = new SignalsService(signalsConfig);
      running.push(signals);
      signals.createTopics();
      signals.start();
      if (!scorer.awaitRunning(STARTUP_TIMEOUT) || !signals.awaitRunning(STARTUP_TIMEOUT)) {
        throw new IllegalStateException("The scorer or the P&L processor did not reach RUNNING within "
            + STARTUP_TIMEOUT + "; see " + runDir.resolve("demo.log"));
      }

      step(console, 4, "Replaying " + data + (speed > 0 ? " at " + speed + "x real time" : " as fast as possible"));
      KafkaEndpoints kafka = new KafkaEndpoints(endpoints.bootstrapServers(), endpoints.registryUrl());
      ReplayJob.Result replay = ReplayJob.run(kafka, Topics.BARS.name(), data, speed, true,
          line -> console.println("      " + line));
      for (SymbolTally tally : replay.tallies().values()) {
        console.println("      " + tally.summaryLine());
      }

      step(console, 5, "Waiting for the P&L of the last bar of every symbol");
      Map<String, OhlcvBar> lastBars = LastBarLookup.lastBars(kafka.consumer(), Topics.BARS.name(), symbols,
          Duration.ofSeconds(60));
      SequencedMap<String, List<PnlPoint>> pnl = awaitPnl(console, signalsConfig, lastBars);

      step(console, 6, "Report");
      printScorerFigures(console, meters);
      Path report = new PerformanceReport(pnl, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"))
          .write(runDir.resolve("report"));
      console.println();
      console.println(Files.readString(report).strip());
      console.println();
      console.printf("Report with equity curves: %s%n", report.toAbsolutePath());

      if (keepRunning) {
        console.printf("%nStill running. In another shell:%n"
                + "  export LSTM_STACK_BOOTSTRAP_SERVERS=%s LSTM_STACK_REGISTRY_URL=%s%n"
                + "  bin/signals tail --set bootstrap.servers=%s --set schema.registry.url=%s"
                + " --topic signals --from-beginning%n"
                + "  bin/ingest replay data/ETHUSDT-4h.csv%nCtrl-C stops everything.%n",
            endpoints.bootstrapServers(), endpoints.registryUrl(), endpoints.bootstrapServers(),
            endpoints.registryUrl());
        console.flush();
        signals.awaitStop();
      }
      return 0;
    } finally {
      stopAll();
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }

  private static void step(PrintWriter console, int number, String what) {
    console.printf("[%d/6] %s%n", number, what);
    console.flush();
  }

  private static Set<String> symbolsOf(List<Path> files) {
    Set<String> symbols = new LinkedHashSet<>();
    files.forEach(file -> symbols.add(BarFileName.of(file).symbol()));
    return symbols;
  }

  private static ScorerConfig scorerConfig(StackEndpoints endpoints, Path runDir) {
    Properties props = new Properties();
    props.setProperty(ScorerConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
    props.setProperty(ScorerConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl());
    props.setProperty(ScorerConfig.APPLICATION_ID, "lstm-scorer-demo-" + runDir.getFileName());
    props.setProperty(ScorerConfig.MODEL_NAME, MODEL_NAME);
    props.setProperty(ScorerConfig.STATE_DIR, runDir.resolve("state").toAbsolutePath().toString());
    return ScorerConfig.from(props);
  }

  private SignalsConfig signalsConfig(StackEndpoints endpoints, Path runDir, Set<String> symbols) {
    Properties props = new Properties();
    props.setProperty(SignalsConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
    props.setProperty(SignalsConfig.REGISTRY_URL, endpoints.registryUrl());
    props.setProperty(SignalsConfig.APPLICATION_ID, "lstm-signals-demo-" + runDir.getFileName());
    props.setProperty(SignalsConfig.STATE_DIR, runDir.resolve("state").toAbsolutePath().toString());
    props.setProperty(SignalsConfig.FEE_BPS, String.valueOf(feeBps));
    props.setProperty(SignalsConfig.SLIPPAGE_BPS, String.valueOf(slippageBps));
    props.setProperty(SignalsConfig.FILL_MODE, fillMode);
    props.setProperty(SignalsConfig.PORTFOLIO_SYMBOLS, String.join(",", symbols));
    return SignalsConfig.from(props);
  }

  /** Reads the P&amp;L topic until every symbol's last replayed bar is realized. */
  private SequencedMap<String, List<PnlPoint>> awaitPnl(PrintWriter console, SignalsConfig config,
      Map<String, OhlcvBar> lastBars) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = 0;
    while (true) {
      SequencedMap<String, List<PnlPoint>> pnl = PnlHistory.read(config);
      Map<String, String> waiting = new TreeMap<>();
      lastBars.forEach((symbol, last) -> {
        List<PnlPoint> points = pnl.getOrDefault(symbol, List.of());
        long realized = points.isEmpty() ? Long.MIN_VALUE : points.getLast().barCloseTime();
        if (realized < last.closeTime().toEpochMilli()) {
          waiting.put(symbol, points.size() + " bars realized");
        }
      });
      if (waiting.isEmpty()) {
        return pnl;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The P&L did not reach the last replayed bar within " + timeout + ": "
            + waiting + "; see demo.log");
      }
      if (System.nanoTime() > nextProgress) {
        console.printf("      waiting: %s%n", waiting);
        console.flush();
        nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  private static void printScorerFigures(PrintWriter console, SimpleMeterRegistry meters) {
    Map<String, Long> signalsByOutcome = new TreeMap<>();
    for (Counter counter : meters.find("scorer.signals").counters()) {
      String key = counter.getId().getTags().stream().map(t -> t.getValue()).reduce((a, b) -> a + "/" + b)
          .orElse("all");
      signalsByOutcome.merge(key, (long) counter.count(), Long::sum);
    }
    console.printf("Scorer: signals by decision/reason %s%n", signalsByOutcome);
    Timer inference = meters.find("scorer.inference").timer();
    if (inference != null && inference.count() > 0) {
      console.printf("Scorer: %d model runs, mean %.0f us, max %.0f us per window%n", inference.count(),
          inference.mean(TimeUnit.MICROSECONDS), inference.max(TimeUnit.MICROSECONDS));
    }
  }

  /** Stops what was started, newest first; safe to call twice (the shutdown hook and the normal end). */
  private synchronized void stopAll() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("While stopping: " + e);
      }
    }
  }
}
