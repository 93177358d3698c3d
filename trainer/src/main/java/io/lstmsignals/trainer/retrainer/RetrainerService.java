package io.lstmsignals.trainer.retrainer;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.lifecycle.DecisionWriter;
import io.lstmsignals.schemas.lifecycle.LifecycleHistory;
import io.lstmsignals.schemas.lifecycle.LifecyclePublisher;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.schemas.lifecycle.TopicSnapshot;
import io.lstmsignals.schemas.registry.SchemaRegistryUnavailableException;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.OhlcvBar;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.retrain.Champion;
import io.lstmsignals.trainer.retrain.RetrainDecision;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import io.lstmsignals.trainer.retrain.RetrainRound;
import io.lstmsignals.trainer.retrain.WalkForward;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer: follows the bars topic in a consumer group (instances share the lines by the bars'
 * partitions), keeps each owned line's history, and decides each schedule boundary the history
 * reaches, in order, with {@link RetrainRound} — the walk-forward's very rule. Each decision is
 * written in one transaction (release, promotion, event) under the line's transactional id. A
 * restarted or new owner re-reads the history and the decisions from the topics and decides only
 * the boundaries no committed event covers; training is deterministic, so what it decides again is
 * what an uninterrupted run would have.
 *
 * <p>Training runs on the service's own thread, never on a scorer's: the champion keeps serving,
 * and bars past its decision's {@code validUntil} wait in the scorers until the next decision is
 * written.
 */
public final class RetrainerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetrainerService.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long THREAD_STACK_BYTES = 16L << 20;

  /** The counter of decisions made, tagged {@code line} and {@code outcome}. */
  public static final String OUTCOMES = "retrainer.outcomes";

  /** The history of one line's symbol: valid bars, and records that break a bar rule. */
  private static final class History {
    final TreeMap<Instant, OhlcvBar> bars = new TreeMap<>();
    final TreeMap<Instant, String> bad = new TreeMap<>();
  }

  private final RetrainerConfig config;
  private final Clock clock;
  private final String actor;
  private final Map<String, RetrainPolicy> bySymbol = new HashMap<>();
  private final Map<String, History> histories = new HashMap<>();
  private final Map<String, Set<Instant>> decided = new HashMap<>();
  private final Map<String, ModelRelease> releases = new HashMap<>();
  private final Map<String, DecisionWriter> writers = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch ready = new CountDownLatch(1);
  private final MeterRegistry meters;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<RetrainDecision> decisions = new ArrayList<>();
  private final Deserializer<Bar> barDeserializer;
  private volatile boolean refresh = true;
  private volatile Throwable failure;
  private ModelLines lines = ModelLines.empty();
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  /**
   * @param meters where {@value #OUTCOMES} counts the decisions, by {@code line} and {@code
   *     outcome}
   */
  public RetrainerService(RetrainerConfig config, MeterRegistry meters, Clock clock) {
    this.config = config;
    this.meters = meters;
    this.clock = clock;
    this.actor = "retrainer " + config.groupId() + "@" + ProcessHandle.current().pid();
    config.policies().forEach(policy -> bySymbol.put(policy.symbol(), policy));
    config
        .signingKey()
        .ifPresentOrElse(
            key -> log.info("Signing promoted challengers with key {}", key.id()),
            () ->
                log.warn(
                    "No {}: promoted challengers are released unsigned, and scorers refuse them"
                        + " unless scorer.release.allow.unsigned=true",
                    RetrainerConfig.SIGNING_KEY));
    // Every line's outcomes are served from the start, at 0, so that a rate has a baseline.
    for (RetrainPolicy policy : config.policies()) {
      for (RetrainDecision.Outcome outcome : RetrainDecision.Outcome.values()) {
        outcomes(policy.line(), outcome);
      }
    }
    this.barDeserializer = config.bars().valueDeserializer(config.serdeConfig());
  }

  /** Starts following; returns at once. */
  public void start() {
    // Sessions open on DeepStack's thread, yet with this thread on the default 1 MiB stack the
    // process still died of SIGSEGV (exit 139, no hs_err) at its first challenger (RetrainerIT,
    // kill test): something else it runs natively needs more stack too. 16 MiB does not crash.
    thread = new Thread(null, this::run, "retrainer", THREAD_STACK_BYTES);
    thread.start();
  }

  /**
   * Waits until the lines are declared and the bars are followed; false when that did not happen in
   * time, or the service stopped before (it logged why).
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
  }

  /** Whether the lines are declared and the bars followed now (see {@link #awaitReady}). */
  public boolean isReady() {
    return ready.getCount() == 0 && failure == null && stopped.getCount() > 0;
  }

  /** Why the service stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Waits until the service stops; true if it stopped because of a failure. */
  public boolean awaitStop() throws InterruptedException {
    stopped.await();
    return failure != null;
  }

  /** The decisions this instance made so far, in order. */
  public synchronized List<RetrainDecision> decisions() {
    return List.copyOf(decisions);
  }

  private void run() {
    try (Trainer trainer = new Trainer(Kernels.best(), config.threads())) {
      declareSchedules();
      consumer =
          new KafkaConsumer<>(
              consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(config.bars().name()), new Rebalance());
      ready.countDown();
      while (running.get()) {
        if (refresh) {
          refreshFromTopics();
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        consumer.poll(POLL).forEach(batch::add);
        for (int i = 0; i < batch.size(); i++) {
          if (!accept(batch.get(i))) {
            rewindTo(batch.subList(i, batch.size()));
            sleep(Duration.ofSeconds(1));
            break;
          }
        }
        for (RetrainPolicy policy : config.policies()) {
          decideDue(policy, trainer);
        }
      }
    } catch (WakeupException stopping) {
      log.info("Retrainer stopping, as asked");
    } catch (Throwable e) {
      failure = e;
      log.error("Retrainer stopped: {}", e.getMessage(), e);
    } finally {
      writers.values().forEach(DecisionWriter::close);
      if (consumer != null) {
        consumer.close();
      }
      ready.countDown();
      stopped.countDown();
    }
  }

  /** Declares each line's schedule once, so scorers route its symbol to it before any release. */
  private void declareSchedules() throws InterruptedException {
    LifecycleHistory history = readLifecycle();
    try (LifecyclePublisher publisher =
        new LifecyclePublisher(
            config.clientConfig(), config.serdeConfig(), config.models(), config.promotions())) {
      for (RetrainPolicy policy : config.policies()) {
        if (!history.lines().isScheduled(policy.line())) {
          publisher.promote(
              Promotion.schedule(
                  policy.line(),
                  List.of(policy.symbol()),
                  clock.instant(),
                  actor,
                  policy.describe()),
              "schedule",
              history);
          log.info("Declared the schedule of {}", policy.describe());
        }
      }
    }
  }

  private LifecycleHistory readLifecycle() {
    return LifecycleHistory.read(
        config.clientConfig(),
        config.serdeConfig(),
        config.models(),
        config.promotions(),
        READ_TIMEOUT);
  }

  /** The lines and the decisions made so far, as committed on the topics. */
  private void refreshFromTopics() {
    LifecycleHistory history = readLifecycle();
    lines = history.lines();
    releases.clear();
    history.releases().forEach(releases::put);
    decided.clear();
    for (ModelEvent event :
        TopicSnapshot.read(
            config.clientConfig(), config.serdeConfig(), config.events(), READ_TIMEOUT)) {
      decided.computeIfAbsent(event.getModelLine(), l -> new HashSet<>()).add(event.getBoundary());
    }
    refresh = false;
    log.info("Read the lifecycle: decisions so far {}", summary());
  }

  private String summary() {
    Map<String, Integer> counts = new TreeMap<>();
    decided.forEach((line, boundaries) -> counts.put(line, boundaries.size()));
    return counts.toString();
  }

  /** Takes one bar record into its line's history; false when the registry is unreachable. */
  private boolean accept(ConsumerRecord<byte[], byte[]> record) {
    String symbol =
        record.key() == null
            ? null
            : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    RetrainPolicy policy = symbol == null ? null : bySymbol.get(symbol);
    if (policy == null || record.value() == null) {
      return true;
    }
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    Bar bar;
    try {
      bar =
          barDeserializer.deserialize(
              record.topic(), record.headers(), ByteBuffer.wrap(record.value()));
    } catch (RuntimeException e) {
      if (SchemaRegistryUnavailableException.causes(e)) {
        log.warn("Schema registry unreachable at {}; retrying: {}", where, e.getMessage());
        return false;
      }
      log.warn("Skipping {}: not a readable Bar: {}", where, e.getMessage());
      return true;
    }
    if (!BarInterval.of(policy.interval()).name().equals(bar.getInterval())) {
      return true;
    }
    History history = histories.computeIfAbsent(symbol, s -> new History());
    Instant open = bar.getOpenTime();
    try {
      history.bars.put(
          open,
          new OhlcvBar(
              open, bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVolume()));
      history.bad.remove(open);
    } catch (IllegalArgumentException e) {
      history.bars.remove(open);
      history.bad.put(open, where + ": " + e.getMessage());
      log.warn("Bar {} of {} breaks a bar rule: {}", open, symbol, e.getMessage());
    }
    return true;
  }

  /** Seeks every partition back to its first record not taken yet, to read them again. */
  private void rewindTo(List<ConsumerRecord<byte[], byte[]>> unprocessed) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : unprocessed) {
      first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
    }
    first.forEach(consumer::seek);
  }

  /** Decides, in order, every boundary the line's history reaches that no event covers yet. */
  private void decideDue(RetrainPolicy policy, Trainer trainer) {
    History history = histories.get(policy.symbol());
    if (history == null || history.bars.isEmpty() || refresh) {
      return;
    }
    Instant first = policy.firstBoundary(firstOpen(history));
    Instant newest = newestOpen(history);
    Set<Instant> done = decided.computeIfAbsent(policy.line(), l -> new HashSet<>());
    for (Instant b = first; policy.reached(b, newest) && running.get(); b = policy.next(b)) {
      if (done.contains(b)) {
        continue;
      }
      if (!decide(policy, history, b, trainer)) {
        return;
      }
      done.add(b);
    }
  }

  private static Instant firstOpen(History history) {
    Instant valid = history.bars.firstKey();
    return history.bad.isEmpty() || valid.isBefore(history.bad.firstKey())
        ? valid
        : history.bad.firstKey();
  }

  private static Instant newestOpen(History history) {
    Instant valid = history.bars.lastKey();
    return history.bad.isEmpty() || valid.isAfter(history.bad.lastKey())
        ? valid
        : history.bad.lastKey();
  }

  private Counter outcomes(String line, RetrainDecision.Outcome outcome) {
    return Counter.builder(OUTCOMES)
        .description("Retrain decisions written, by line and outcome")
        .tag("line", line)
        .tag("outcome", outcome.name())
        .register(meters);
  }

  /** One boundary: train, gate, write. False when the line was lost to another instance. */
  private boolean decide(RetrainPolicy policy, History history, Instant boundary, Trainer trainer) {
    log.info("Deciding {} at boundary {} (training a challenger)", policy.line(), boundary);
    BarSeries series =
        new BarSeries(
            policy.dataSource(), policy.interval(), new ArrayList<>(history.bars.values()));
    Optional<Champion> champion =
        WalkForward.championRelease(policy, lines, boundary).map(this::champion);
    RetrainDecision decision =
        RetrainRound.decide(
            policy, series, history.bad, boundary, champion, trainer, TrainingListener.none());
    Instant now = clock.instant();
    Optional<ModelRelease> release =
        decision
            .challenger()
            .filter(c -> decision.outcome() == RetrainDecision.Outcome.PROMOTED)
            .map(
                c -> {
                  ModelRelease built =
                      LifecycleRecords.releaseOf(
                          policy.line(), c.version(), c.onnx(), c.card().entries(), now);
                  return config
                      .signingKey()
                      .map(k -> LifecycleRecords.signed(built, k))
                      .orElse(built);
                });
    Promotion promotion = decision.promotion(now, actor);
    try {
      writer(policy.line())
          .write(release, promotion, decision.id(), ModelEvents.of(decision, now, actor), lines);
    } catch (ProducerFencedException e) {
      log.warn("Line {} is decided by another instance now: {}", policy.line(), e.getMessage());
      writers.remove(policy.line()).close();
      return false;
    }
    if (release.isPresent()) {
      releases.put(
          ModelVersions.releaseKey(policy.line(), release.get().getVersion()), release.get());
      lines = lines.withRelease(LifecycleRecords.release(release.get()));
    }
    lines = lines.withPromotion(promotion);
    synchronized (this) {
      decisions.add(decision);
    }
    outcomes(policy.line(), decision.outcome()).increment();
    log.info(
        "Decided {} at {}: {} — {} in force for bars {}..{}; {}",
        policy.line(),
        boundary,
        decision.outcome(),
        decision.versionInForce().orElse("no version"),
        decision.effectiveFrom(),
        decision.validUntil(),
        decision.reason());
    return true;
  }

  private Champion champion(Release release) {
    ModelRelease record = releases.get(ModelVersions.releaseKey(release.line(), release.version()));
    ByteBuffer artifact = record.getArtifact();
    byte[] onnx = new byte[artifact.remaining()];
    artifact.duplicate().get(onnx);
    return new Champion(release.version(), release.sha256(), onnx, release.validatedTo());
  }

  private DecisionWriter writer(String line) {
    return writers.computeIfAbsent(
        line,
        l ->
            new DecisionWriter(
                config.clientConfig(),
                config.serdeConfig(),
                config.models(),
                config.promotions(),
                config.events(),
                config.groupId() + "-" + l));
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> consumerConfig = new HashMap<>(config.clientConfig());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxTraining().toMillis());
    return consumerConfig;
  }

  /** On assignment: histories are rebuilt from the beginning, decisions re-read from the topics. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      histories.clear();
      writers.values().forEach(DecisionWriter::close);
      writers.clear();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      histories.clear();
      consumer.seekToBeginning(consumer.assignment());
      refresh = true;
      log.info("Following bars partitions {}", partitions);
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() {
    running.set(false);
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      if (thread != null) {
        thread.join(Duration.ofSeconds(30).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
