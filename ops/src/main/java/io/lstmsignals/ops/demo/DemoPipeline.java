package io.lstmsignals.ops.demo;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.LastBarLookup;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.BarFileName;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.schemas.lifecycle.TopicSnapshot;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.release.ArtifactDirectory;
import io.lstmsignals.scorer.release.ModelPublisher;
import io.lstmsignals.signals.app.PnlHistory;
import io.lstmsignals.signals.app.ReportSources;
import io.lstmsignals.signals.app.SignalsService;
import io.lstmsignals.signals.dashboard.Dashboard;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.trainer.retrainer.RetrainerConfig;
import io.lstmsignals.trainer.retrainer.RetrainerService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * One run of the whole pipeline on a given broker and registry: topics, a model release, the scorer
 * and the paper-trading processor (each through the service class its own command uses), a replay
 * through ingest, and the wait until every replayed bar is realized. The demo and the end-to-end
 * tests both drive it.
 */
public final class DemoPipeline implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  /**
   * What to run.
   *
   * @param data bar files to replay, merged in time order
   * @param model trained artifact directory to release
   * @param speed replay pace in multiples of real time; 0 = as fast as possible
   * @param feeBps fee per position change, basis points of notional
   * @param slippageBps slippage per position change, basis points of notional
   * @param fillMode REFERENCE_CLOSE or NEXT_OPEN
   * @param runName names the run's Streams application ids
   * @param stateDir where the Streams apps keep local state
   * @param dashboardPort the dashboard's port on 127.0.0.1; 0 = any free one, -1 = none
   * @param retrain the retrainer's settings (its {@code retrainer.*} keys) when a retrainer decides
   *     the models instead of the release of {@code model}; empty for none
   */
  public record Settings(
      List<Path> data,
      Path model,
      double speed,
      double feeBps,
      double slippageBps,
      String fillMode,
      String runName,
      Path stateDir,
      int dashboardPort,
      Map<String, String> retrain) {

    public Settings {
      retrain = Map.copyOf(retrain);
    }

    /** Whether a retrainer decides the models. */
    public boolean retrains() {
      return !retrain.isEmpty();
    }
  }

  private static final String RUN_KEY = "demo-release";

  private final StackEndpoints endpoints;
  private final PipelineTopics topics;
  private final Settings settings;
  private final Consumer<String> progress;
  private final Set<String> symbols = new LinkedHashSet<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final SignalsConfig signalsConfig;
  private final KafkaEndpoints kafka;
  private Dashboard dashboard;

  /**
   * @param progress receives lines for a person (replay progress)
   */
  public DemoPipeline(
      StackEndpoints endpoints,
      PipelineTopics topics,
      Settings settings,
      Consumer<String> progress) {
    this.endpoints = endpoints;
    this.topics = topics;
    this.settings = settings;
    this.progress = progress;
    settings.data().forEach(file -> symbols.add(BarFileName.of(file).symbol()));
    this.signalsConfig = signalsConfig();
    this.kafka = new KafkaEndpoints(endpoints.bootstrapServers(), endpoints.registryUrl());
  }

  /**
   * The run's release signing key, generated under its state directory on first use: the demo's
   * scorer trusts it alone.
   */
  private synchronized SigningKey signingKey() {
    Path file = keyFile(SigningKey.KEY_SUFFIX);
    try {
      return Files.exists(file)
          ? SigningKey.read(file)
          : SigningKey.generate(file.getParent(), RUN_KEY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run's signing key " + file, e);
    }
  }

  private Path keyFile(String suffix) {
    return settings.stateDir().toAbsolutePath().resolve("keys").resolve(RUN_KEY + suffix);
  }

  /** Creates every topic the run uses that does not exist yet. */
  public void createTopics() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.specs());
    }
  }

  /**
   * Verifies the artifact as a scorer will, publishes it signed with the run's key as a release of
   * the default line and puts it in force.
   */
  public ModelRelease releaseModel() throws Exception {
    return releaseAndPromote(
        ModelPublisher.releaseOf(
            ArtifactDirectory.read(settings.model()),
            ModelVersions.DEFAULT_LINE,
            null,
            Instant.now()),
        "released by the run " + settings.runName());
  }

  /**
   * Publishes {@code release} on the run's models topic, signed with the run's key (the run's
   * scorer trusts that key alone), and puts it in force for every bar.
   *
   * @return the release as published
   */
  public ModelRelease releaseAndPromote(ModelRelease release, String reason) throws Exception {
    ModelRelease signed = LifecycleRecords.signed(release, signingKey());
    try (ModelLifecycle lifecycle =
        new ModelLifecycle(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()),
            AvroSerdeConfig.specificRecords(endpoints.registryUrl()),
            topics.models(),
            topics.promotions())) {
      lifecycle.release(signed);
      lifecycle.putInForce(
          Promotion.Action.PROMOTE,
          signed.getModelName(),
          signed.getVersion(),
          null,
          List.of(),
          OptionalInt.empty(),
          settings.runName(),
          reason);
    }
    return signed;
  }

  /**
   * Starts the retrainer on the run's topics and waits until it has declared its lines (so the
   * scorer routes their symbols to them before any bar).
   */
  public RetrainerService startRetrainer() throws InterruptedException {
    Map<String, Object> values = new HashMap<>(settings.retrain());
    values.put(RetrainerConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
    values.put(RetrainerConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl());
    values.put(RetrainerConfig.GROUP_ID, "lstm-retrainer-" + settings.runName());
    values.put(RetrainerConfig.BARS_TOPIC, topics.bars().name());
    values.put(RetrainerConfig.MODELS_TOPIC, topics.models().name());
    values.put(RetrainerConfig.PROMOTIONS_TOPIC, topics.promotions().name());
    values.put(RetrainerConfig.EVENTS_TOPIC, topics.events().name());
    signingKey();
    values.put(RetrainerConfig.SIGNING_KEY, keyFile(SigningKey.KEY_SUFFIX).toString());
    RetrainerService retrainer =
        new RetrainerService(
            RetrainerConfig.from(values), new SimpleMeterRegistry(), Clock.systemUTC());
    running.push(retrainer);
    retrainer.start();
    if (!retrainer.awaitReady(STARTUP_TIMEOUT)) {
      throw new IllegalStateException("The retrainer did not start within " + STARTUP_TIMEOUT);
    }
    return retrainer;
  }

  /** Prints every model event as it is committed, on its own thread, until the pipeline closes. */
  public void followEvents(Consumer<String> out) {
    ModelEventFollower follower = new ModelEventFollower(endpoints, topics.events(), out);
    running.push(follower);
    follower.start();
  }

  /**
   * The versions that scored the symbols' signals, in order, each with the bars it served: read
   * from the signals topic itself.
   */
  public List<VersionServed> versionsServed() {
    List<VersionServed> served = new ArrayList<>();
    for (Signal signal :
        TopicSnapshot.read(
            Map.of("bootstrap.servers", endpoints.bootstrapServers()),
            AvroSerdeConfig.specificRecords(endpoints.registryUrl()),
            topics.signals(),
            Duration.ofSeconds(60))) {
      String version = signal.getModelVersion() == null ? "-" : signal.getModelVersion();
      VersionServed last = served.isEmpty() ? null : served.getLast();
      if (last != null
          && last.symbol().equals(signal.getSymbol())
          && last.version().equals(version)) {
        served.set(served.size() - 1, last.plus(signal));
      } else {
        served.add(VersionServed.first(signal, version));
      }
    }
    return served;
  }

  /** A run of consecutive signals of one symbol decided with one version (or none: "-"). */
  public record VersionServed(
      String symbol, String version, Instant fromBar, Instant toBar, int bars, int scored) {
    static VersionServed first(Signal signal, String version) {
      return new VersionServed(
          signal.getSymbol(),
          version,
          signal.getBarOpenTime(),
          signal.getBarOpenTime(),
          1,
          signal.getPredictedLogReturn() == null ? 0 : 1);
    }

    VersionServed plus(Signal signal) {
      return new VersionServed(
          symbol,
          version,
          fromBar,
          signal.getBarOpenTime(),
          bars + 1,
          scored + (signal.getPredictedLogReturn() == null ? 0 : 1));
    }
  }

  /**
   * Starts the scorer, the P&amp;L processor and the dashboard (unless its port is -1) and waits
   * until both processors run.
   */
  public void startProcessors() throws InterruptedException, IOException {
    if (settings.dashboardPort() >= 0) {
      Dashboard started = Dashboard.start(signalsConfig, Optional.empty());
      running.push(started);
      dashboard = started;
    }
    ScorerService scorer = new ScorerService(scorerConfig(), meters, Clock.systemUTC());
    running.push(scorer);
    scorer.start();
    SignalsService signals = new SignalsService(signalsConfig, meters);
    running.push(signals);
    signals.start();
    if (!scorer.awaitRunning(STARTUP_TIMEOUT) || !signals.awaitRunning(STARTUP_TIMEOUT)) {
      throw new IllegalStateException(
          "The scorer or the P&L processor did not reach RUNNING within " + STARTUP_TIMEOUT);
    }
  }

  /** Replays the bar files into the bars topic through ingest. */
  public ReplayJob.Result replay() throws InterruptedException {
    return ReplayJob.run(
        kafka,
        topics.bars().name(),
        settings.data(),
        settings.speed(),
        true,
        Plausibility.DEFAULT,
        progress);
  }

  /**
   * Waits until the P&amp;L of every symbol reaches the last bar the bars topic holds for it, and
   * the portfolio its last instant (the earliest of the members' last bar closes: it waits for its
   * slowest member).
   *
   * @return every P&amp;L series then in the topic (see {@link PnlHistory#read})
   * @throws IllegalStateException naming the symbols still behind when the timeout passes
   */
  public SequencedMap<String, List<PnlPoint>> awaitPnl(Duration timeout)
      throws InterruptedException {
    Map<String, OhlcvBar> lastBars =
        LastBarLookup.lastBars(
            kafka.consumer(), topics.bars().name(), symbols, Duration.ofSeconds(60));
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      SequencedMap<String, List<PnlPoint>> pnl = PnlHistory.read(signalsConfig);
      Map<String, String> behind = new TreeMap<>();
      lastBars.forEach(
          (symbol, last) -> {
            List<PnlPoint> points = pnl.getOrDefault(symbol, List.of());
            if (points.isEmpty()
                || points.getLast().barCloseTime() < last.closeTime().toEpochMilli()) {
              behind.put(
                  symbol, points.size() + " bars realized, last bar closes " + last.closeTime());
            }
          });
      if (behind.isEmpty()) {
        long portfolioEnd =
            lastBars.values().stream()
                .mapToLong(bar -> bar.closeTime().toEpochMilli())
                .min()
                .orElseThrow();
        String portfolio = signalsConfig.portfolioName() + PerformanceReport.PORTFOLIO_SUFFIX;
        List<PnlPoint> points = pnl.getOrDefault(portfolio, List.of());
        if (!points.isEmpty() && points.getLast().barCloseTime() >= portfolioEnd) {
          return pnl;
        }
        behind.put(
            portfolio,
            points.size()
                + " instants, last instant to reach "
                + Instant.ofEpochMilli(portfolioEnd));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The P&L did not reach the last replayed bar within " + timeout + ": " + behind);
      }
      if (System.nanoTime() > nextProgress) {
        progress.accept("waiting: " + behind);
        nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /** The dashboard's address, when it runs. */
  public Optional<URI> dashboardUrl() {
    return Optional.ofNullable(dashboard).map(Dashboard::url);
  }

  /** Everything the report needs, read from the topics now. */
  public PerformanceReport.Inputs reportInputs() {
    return ReportSources.read(signalsConfig);
  }

  /**
   * The scorer's and the P&amp;L's meters (signals by decision and reason, inference time, equity).
   */
  public SimpleMeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        progress.accept("While stopping: " + e);
      }
    }
  }

  private ScorerConfig scorerConfig() {
    signingKey();
    return ScorerConfig.from(
        Map.of(
            ScorerConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers(),
            ScorerConfig.SCHEMA_REGISTRY_URL, endpoints.registryUrl(),
            ScorerConfig.APPLICATION_ID, "lstm-scorer-" + settings.runName(),
            ScorerConfig.BARS_TOPIC, topics.bars().name(),
            ScorerConfig.SIGNALS_TOPIC, topics.signals().name(),
            ScorerConfig.MODELS_TOPIC, topics.models().name(),
            ScorerConfig.PROMOTIONS_TOPIC, topics.promotions().name(),
            ScorerConfig.STATE_DIR, settings.stateDir().toAbsolutePath().toString(),
            ScorerConfig.TRUSTED_KEYS, keyFile(SigningKey.PUBLIC_SUFFIX).toString()));
  }

  private SignalsConfig signalsConfig() {
    Map<String, Object> values = new HashMap<>();
    values.put(SignalsConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
    values.put(SignalsConfig.REGISTRY_URL, endpoints.registryUrl());
    values.put(SignalsConfig.APPLICATION_ID, "lstm-signals-" + settings.runName());
    values.put(SignalsConfig.SIGNALS_TOPIC, topics.signals().name());
    values.put(SignalsConfig.BARS_TOPIC, topics.bars().name());
    values.put(SignalsConfig.FILLS_TOPIC, topics.fills().name());
    values.put(SignalsConfig.PNL_TOPIC, topics.pnl().name());
    values.put(SignalsConfig.MODELS_TOPIC, topics.models().name());
    values.put(SignalsConfig.MODEL_EVENTS_TOPIC, topics.events().name());
    values.put(SignalsConfig.STATE_DIR, settings.stateDir().toAbsolutePath().toString());
    values.put(SignalsConfig.FEE_BPS, settings.feeBps());
    values.put(SignalsConfig.SLIPPAGE_BPS, settings.slippageBps());
    values.put(SignalsConfig.FILL_MODE, settings.fillMode());
    values.put(SignalsConfig.PORTFOLIO_SYMBOLS, List.copyOf(symbols));
    values.put(SignalsConfig.DASHBOARD_PORT, Math.max(settings.dashboardPort(), 0));
    return SignalsConfig.from(values);
  }
}
