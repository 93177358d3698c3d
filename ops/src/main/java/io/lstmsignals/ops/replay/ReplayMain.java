package io.lstmsignals.ops.replay;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ops.demo.DemoPipeline;
import io.lstmsignals.ops.demo.PaperTradingOptions;
import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.demo.RunSummary;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.service.cli.ConnectionOptions;
import io.lstmsignals.service.preflight.StartupChecks;
import io.lstmsignals.service.preflight.TopicUse;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/replay}: history through the production pipeline (ingest → scorer → P&amp;L, the same
 * classes the services run) on a running broker, isolated from whatever else runs there: every
 * topic the run writes or reads is its own ({@code <topic>.replay-<run>}), and so are its
 * application ids and state. The model is pinned: one version, in force for every bar.
 *
 * <p>The one live topic a replay touches is the models topic, and only to read the pinned version's
 * release from it ({@code --model-version}); the copy it puts on its own models topic is re-signed
 * with a key of the run, the only key the run's scorer trusts.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Replays bar files through ingest, the scorer and the P&L on topics and application ids of"
          + " its own, with one model version pinned, and prints the report like bin/demo. Never"
          + " reads or writes the live pipeline's topics (it only reads the pinned release from"
          + " the models topic). Blocks until the report is printed.",
      ""
    })
public final class ReplayMain implements Callable<Integer> {
  static final String RUN_PREFIX = "replay-";
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern RUN_NAME = Pattern.compile("[a-zA-Z0-9_]{1,64}");

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "CSV", arity = "0..*", description = "Bar files, merged in time order.")
  List<Path> files = List.of();

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "Open time of the first bar replayed (ISO-8601); default: each file's first.")
  Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "Open time before which replaying stops (exclusive); default: to the end.")
  Instant to;

  @Option(
      names = "--model-version",
      paramLabel = "VERSION",
      description = "The released version to pin, read from the models topic (bin/models list).")
  String version;

  @Option(
      names = "--line",
      paramLabel = "LINE",
      description = "The version's line, when two lines have the version.")
  String line;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Or: a model artifact directory to release on the run's own topics and pin.")
  Path model;

  @Option(
      names = "--models-topic",
      paramLabel = "NAME",
      description = {
        "The models topic the pinned version is read from;",
        "default: ${DEFAULT-VALUE}."
      })
  String modelsTopic = Topics.MODELS.name();

  @Option(
      names = "--promotions-topic",
      paramLabel = "NAME",
      description = {"The promotions topic beside it;", "default: ${DEFAULT-VALUE}."})
  String promotionsTopic = Topics.MODEL_PROMOTIONS.name();

  @Option(
      names = "--run",
      paramLabel = "NAME",
      description =
          "The run's name, in its topics and application ids (default: the UTC start time);"
              + " a name already on the broker is refused.")
  String run;

  @Mixin PaperTradingOptions trading;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory: report, log, state, input slices (default: runs/replay-<run>).")
  Path out;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description = "Longest wait for the last bar's P&L, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--delete",
      paramLabel = "RUN",
      description = "Delete the topics (and Streams internal topics) of replay run RUN, and stop.")
  String delete;

  @Option(names = "--list", description = "List the replay runs whose topics are on the broker.")
  boolean list;

  public static void main(String[] args) {
    CommandLine cli = commandLine();
    // The stages log into the run directory, configured before the first logger exists.
    cli.setExecutionStrategy(
        parsed -> {
          ReplayMain replay = parsed.commandSpec().commandLine().getCommand();
          if (replay.delete == null && !replay.list) {
            RunSummary.logInto(replay.runDir().resolve("replay.log"));
          } else {
            CommandLineLogging.useUnlessConfigured();
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    System.exit(cli.execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return CommandLines.create(new ReplayMain());
  }

  private String runName() {
    if (run == null) {
      run = RUN_STAMP.format(Instant.now());
    }
    if (!RUN_NAME.matcher(run).matches()) {
      throw new IllegalArgumentException(
          "--run "
              + run
              + ": use 1-64 of [a-zA-Z0-9_] (no dash: it separates the parts of"
              + " Streams' internal topic names)");
    }
    return run;
  }

  private Path runDir() {
    if (out == null) {
      out = Path.of("runs", RUN_PREFIX + runName());
    }
    return out;
  }

  /** The topics of replay run {@code name}. */
  static PipelineTopics topicsOf(String name) {
    return PipelineTopics.suffixed(RUN_PREFIX + name);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    boolean replays = !list && delete == null;
    Map<String, Object> client =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    StartupChecks.requireBrokerAndTopics(
        client,
        replays && version != null
            ? List.of(
                TopicUse.reads(modelsTopic, "--models-topic"),
                TopicUse.reads(promotionsTopic, "--promotions-topic"))
            : List.of());
    if (replays) {
      StartupChecks.requireRegistry(AvroSerdeConfig.specificRecords(connection.registryUrl()));
    }
    try (Admin admin = admin()) {
      if (list) {
        return list(admin, console);
      }
      if (delete != null) {
        return delete(admin, delete, console);
      }
      return replay(admin, console);
    }
  }

  private int replay(Admin admin, PrintWriter console) throws Exception {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("name the bar files to replay");
    }
    if ((version == null) == (model == null)) {
      throw new IllegalArgumentException("pin one model: --model-version VERSION or --model DIR");
    }
    String name = runName();
    PipelineTopics topics = topicsOf(name);
    Set<String> existing = admin.listTopics().names().get();
    if (existing.contains(topics.bars().name())) {
      throw new IllegalArgumentException(
          "replay run "
              + name
              + " exists on the broker; bin/replay --delete "
              + name
              + " first, or choose another --run");
    }
    Path runDir = runDir();
    Files.createDirectories(runDir);
    StackEndpoints endpoints =
        new StackEndpoints(connection.bootstrapServers(), connection.registryUrl());
    ModelRelease pinned = version == null ? null : pinnedRelease(endpoints);
    List<Path> input = ReplayInput.slice(files, from, to, runDir.resolve("input"));
    console.printf(
        "replay %s: %s%s, pinned to %s%n  topics *.%s%s, run directory %s (log: replay.log)%n",
        name,
        files,
        from == null && to == null ? "" : " bars [" + from + ", " + to + ")",
        pinned == null ? model : pinned.getModelName() + "@" + pinned.getVersion(),
        RUN_PREFIX,
        name,
        runDir.toAbsolutePath());
    try (DemoPipeline pipeline =
        new DemoPipeline(
            endpoints,
            topics,
            new DemoPipeline.Settings(
                input,
                model,
                0,
                trading.feeBps,
                trading.slippageBps,
                trading.fillMode,
                RUN_PREFIX + name,
                runDir.resolve("state"),
                -1,
                Map.of()),
            line -> {
              console.println("      " + line);
              console.flush();
            })) {
      pipeline.createTopics();
      ModelRelease release =
          pinned == null
              ? pipeline.releaseModel()
              : pipeline.releaseAndPromote(
                  pinned, "pinned by bin/replay " + name + " from " + modelsTopic);
      console.printf(
          "[1/3] Pinned %s@%s (sha256 %s)%n",
          release.getModelName(), release.getVersion(), release.getSha256().substring(0, 12));
      pipeline.startProcessors();
      console.printf("[2/3] Replaying %s%n", input);
      console.flush();
      ReplayJob.Result replayed = pipeline.replay();
      replayed.tallies().values().forEach(t -> console.println("      " + t.summaryLine()));
      pipeline.awaitPnl(timeout);
      console.println("[3/3] Report");
      RunSummary.printScorerFigures(console, pipeline.meters());
      RunSummary.printVersionsServed(console, pipeline.versionsServed(), false);
      Path report =
          PerformanceReport.ofAll(pipeline.reportInputs()).write(runDir.resolve("report"));
      console.println();
      console.println(Files.readString(report).strip());
      console.println();
      console.printf("Report with equity curves: %s%n", report.toAbsolutePath());
      console.printf(
          "Its topics stay for inspection; bin/replay --delete %s removes them.%n", name);
      console.flush();
    }
    return 0;
  }

  /** The pinned version's release as the models topic holds it. */
  private ModelRelease pinnedRelease(StackEndpoints endpoints) {
    LifecycleHistory history =
        LifecycleHistory.read(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()),
            AvroSerdeConfig.specificRecords(endpoints.registryUrl()),
            Topics.MODELS.named(modelsTopic),
            Topics.MODEL_PROMOTIONS.named(promotionsTopic),
            Duration.ofSeconds(60));
    List<String> lines =
        history.lines().lines().stream()
            .filter(l -> line == null || l.equals(line))
            .filter(l -> history.lines().release(l, version).isPresent())
            .toList();
    if (lines.size() != 1) {
      throw new IllegalArgumentException(
          lines.isEmpty()
              ? "no line on " + modelsTopic + " has version " + version + " (bin/models list)"
              : "lines " + lines + " all have version " + version + "; choose one with --line");
    }
    String found = lines.getFirst();
    history
        .lines()
        .refusal(found, version)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(
                  "version " + version + " of " + found + " is refused: " + why);
            });
    return history.release(found, version).orElseThrow();
  }

  private int list(Admin admin, PrintWriter console) throws Exception {
    Pattern runTopic =
        Pattern.compile(Pattern.quote(Topics.BARS.name() + "." + RUN_PREFIX) + "(.+)");
    Set<String> runs = new TreeSet<>();
    for (String topic : admin.listTopics().names().get()) {
      Matcher m = runTopic.matcher(topic);
      if (m.matches()) {
        runs.add(m.group(1));
      }
    }
    if (runs.isEmpty()) {
      console.println("no replay runs on the broker");
    }
    runs.forEach(console::println);
    console.flush();
    return 0;
  }

  private int delete(Admin admin, String name, PrintWriter console)
      throws InterruptedException, ExecutionException {
    if (!RUN_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("--delete " + name + ": not a replay run name");
    }
    Set<String> existing = admin.listTopics().names().get();
    Set<String> doomed = new TreeSet<>();
    topicsOf(name).specs().stream().map(TopicSpec::name).forEach(doomed::add);
    // Streams internal topics (changelogs) are prefixed by the run's application ids; run names
    // have no dash, so this matches no other run's.
    String appIdPart = "-" + RUN_PREFIX + name + "-";
    existing.stream()
        .filter(t -> t.startsWith("lstm-") && t.contains(appIdPart))
        .forEach(doomed::add);
    doomed.retainAll(existing);
    if (doomed.isEmpty()) {
      throw new IllegalArgumentException(
          "no topics of replay run " + name + " on the broker (bin/replay --list)");
    }
    admin.deleteTopics(doomed).all().get();
    doomed.forEach(t -> console.println("deleted " + t));
    console.flush();
    return 0;
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            connection.bootstrapServers(),
            CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
            15_000,
            CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
            15_000));
  }
}
