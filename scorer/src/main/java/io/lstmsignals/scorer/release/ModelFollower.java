package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.schemas.registry.SchemaRegistryUnavailableException;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.onnx.CudaUnavailableException;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.signal.Scorer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the models and promotions topics on its own thread and keeps the scorer's {@link
 * ModelView} current: every release and promotion read goes into the {@link ModelLines} fold, the
 * versions promotions put in force are verified and loaded here (hash, contract, smoke inference),
 * off the stream threads, and each change is swapped into the {@link ModelSlot} between two bars.
 *
 * <p>It reads every partition from the beginning with no consumer group, so every instance sees
 * every record whatever the Streams assignment. Until both topics are read to the end they had at
 * start-up, the view says so and no bar is decided. A release that breaks the contract, whose bytes
 * do not hash to its sha256, or whose signature does not verify against a trusted key ({@link
 * ScorerConfig#releaseTrust()}) is refused: logged, counted, dead-lettered, and never in force —
 * the version before it keeps serving. When the schema registry is unreachable, the record is read
 * again once it answers: an outage delays scoring, it never refuses a good release.
 */
public final class ModelFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration OUTAGE_RETRY = Duration.ofSeconds(1);

  private final ScorerConfig config;
  private final ModelSlot slot;
  private final ScorerMetrics metrics;
  private final ReleaseLoader loader;
  private final Clock clock;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<ModelRelease> releases;
  private final Deserializer<ModelPromotion> promotions;
  private final KafkaProducer<String, DeadLetter> deadLetters;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final Map<String, ModelRelease> releaseRecords = new HashMap<>();
  private final Map<String, OnnxScorer> loaded = new LinkedHashMap<>();
  private ModelLines lines = ModelLines.empty();
  private long generation;
  private boolean inOutage;

  public ModelFollower(ScorerConfig config, ModelSlot slot, ScorerMetrics metrics, Clock clock) {
    this.config = config;
    this.slot = slot;
    this.metrics = metrics;
    this.clock = clock;
    this.loader =
        new ReleaseLoader(config.windowCapacity(), config.barInterval().name(), config.onnx());
    Map<String, Object> serde = config.serdeConfig();
    Map<String, Object> consumerConfig = new HashMap<>(config.clientConfig());
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-model-follower");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + 1024 * 1024);
    consumerConfig.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + 1024 * 1024);
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);
    // Values are decoded here, record by record, so that a registry outage can be told apart from a
    // corrupt record and the record read again.
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    this.releases = config.models().valueDeserializer(serde);
    this.promotions = config.promotions().valueDeserializer(serde);
    Map<String, Object> producerConfig = new HashMap<>(config.clientConfig());
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-model-dlq");
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    this.deadLetters =
        new KafkaProducer<>(
            producerConfig,
            config.modelsDeadLetters().keySerde().serializer(),
            config.modelsDeadLetters().valueSerializer(serde));
    this.thread = new Thread(this::follow, config.applicationId() + "-model-follower");
    this.thread.setDaemon(true);
  }

  /** Starts following. */
  public void start() {
    thread.start();
  }

  /**
   * Waits until every release and promotion present at start-up has been read.
   *
   * @return false if that did not happen within the timeout
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = new ArrayList<>(awaitPartitions(config.models().name()));
      partitions.addAll(awaitPartitions(config.promotions().name()));
      if (!running.get()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      log.info(
          "Following models={} promotions={} lines={} releases signed by {} endOffsets={}",
          config.models().name(),
          config.promotions().name(),
          config.modelLines().isEmpty() ? "all" : config.modelLines(),
          config.releaseTrust(),
          ends);
      while (running.get()) {
        boolean changed = false;
        boolean outage = false;
        ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
        for (TopicPartition partition : batch.partitions()) {
          List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
          if (outage) {
            consumer.seek(partition, records.get(0).offset());
            continue;
          }
          for (ConsumerRecord<String, byte[]> record : records) {
            if (!read(record)) {
              outage = true;
              break;
            }
            changed = true;
          }
        }
        boolean caughtUpNow =
            caughtUp.getCount() == 0
                || partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
        if (changed || (caughtUpNow && caughtUp.getCount() > 0)) {
          publish(caughtUpNow);
        }
        if (caughtUpNow && caughtUp.getCount() > 0) {
          log.info("Caught up on the models and promotions topics: {}", describe());
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("Model follower stopped; the models loaded stay in force", e);
    }
  }

  /**
   * Takes one record into the fold.
   *
   * @return false when the registry is unreachable: the consumer was moved back to read the record
   *     again, and the rest of its batch must be read again too
   */
  private boolean read(ConsumerRecord<String, byte[]> record) {
    boolean isRelease = record.topic().equals(config.models().name());
    try {
      if (record.value() == null) {
        log.warn(
            "Ignoring tombstone key={} at {}-{}@{}: releases and promotions are never deleted",
            record.key(),
            record.topic(),
            record.partition(),
            record.offset());
      } else if (isRelease) {
        readRelease(record, releases.deserialize(record.topic(), record.value()));
      } else {
        ModelPromotion promotion = promotions.deserialize(record.topic(), record.value());
        LifecycleRecords.promotion(promotion)
            .ifPresentOrElse(
                p -> lines = lines.withPromotion(p),
                () ->
                    log.warn(
                        "Ignoring promotion with an action this scorer does not know at {}-{}@{}",
                        record.topic(),
                        record.partition(),
                        record.offset()));
      }
      if (inOutage) {
        log.info("Schema registry answers again; reading the lifecycle topics on");
        inOutage = false;
      }
      return true;
    } catch (RuntimeException e) {
      if (SchemaRegistryUnavailableException.causes(e)) {
        if (!inOutage) {
          log.warn(
              "Schema registry unreachable while reading {}-{}@{}; retrying every {} until it"
                  + " answers (bars wait meanwhile): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              OUTAGE_RETRY,
              e.getMessage());
          inOutage = true;
        }
        consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
        sleep(OUTAGE_RETRY);
        return false;
      }
      refuse(
          record,
          null,
          null,
          "could not read the " + (isRelease ? "release" : "promotion") + ": " + e.getMessage());
      return true;
    }
  }

  private void readRelease(ConsumerRecord<String, byte[]> record, ModelRelease release) {
    Release info;
    try {
      info = LifecycleRecords.release(release);
    } catch (IllegalArgumentException e) {
      refuse(record, release.getModelName(), release.getVersion(), e.getMessage());
      return;
    }
    Optional<Release> first = lines.conflictWith(info);
    if (first.isPresent()) {
      // Only this record is refused: the version stands as first released.
      refuse(
          record,
          null,
          null,
          "release "
              + info.label()
              + ": re-published with sha256 "
              + info.sha256()
              + "; kept the first release, sha256 "
              + first.get().sha256()
              + " (releases are immutable)");
      return;
    }
    List<String> problems = new ArrayList<>(LifecycleRecords.problems(release, lines));
    LifecycleRecords.signatureProblem(release, config.releaseTrust()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      boolean known = lines.release(info.line(), info.version()).isPresent();
      // A bad copy of a version already accepted is refused as a record: the version stands.
      refuse(
          record,
          known ? null : info.line(),
          known ? null : info.version(),
          String.join("; ", problems));
      return;
    }
    releaseRecords.put(ModelVersions.releaseKey(info.line(), info.version()), release);
    lines = lines.withRelease(info);
  }

  /** Loads what promotions need, closes what they no longer do, and swaps the new view in. */
  private void publish(boolean caughtUpNow) {
    Set<String> needed;
    boolean refusedOne;
    // A version refused while loading makes older promotions usable again: ask anew until stable.
    do {
      needed = new HashSet<>();
      refusedOne = false;
      for (Release release : neededReleases()) {
        String key = ModelVersions.releaseKey(release.line(), release.version());
        needed.add(key);
        if (loaded.containsKey(key) || lines.isRefused(release.line(), release.version())) {
          continue;
        }
        try {
          OnnxScorer scorer = loader.load(releaseRecords.get(key));
          loaded.put(key, scorer);
          metrics.releaseLoaded(release.line());
          log.info(
              "Loaded line={} version={} provider={}",
              release.line(),
              release.version(),
              scorer.activeProvider());
        } catch (ModelContractException | CudaUnavailableException e) {
          lines = lines.refusing(release.line(), release.version(), e.getMessage());
          deadLetter(release.line(), release.version(), e.getMessage(), null, -1);
          refusedOne = true;
        }
      }
    } while (refusedOne);
    Set<String> stillNeeded = needed;
    List<OnnxScorer> retired = new ArrayList<>();
    loaded
        .entrySet()
        .removeIf(
            entry -> {
              if (stillNeeded.contains(entry.getKey())) {
                return false;
              }
              retired.add(entry.getValue());
              return true;
            });
    Map<String, Scorer> timed = new HashMap<>();
    loaded.forEach((key, scorer) -> timed.put(key, metrics.timed(scorer)));
    slot.swap(
        new ModelView(
            lines,
            timed,
            caughtUpNow,
            Set.copyOf(config.modelLines()),
            config.flatWhenNoModel(),
            ++generation));
    retired.forEach(OnnxScorer::close);
    metrics.linesInForce(lines, clock.instant());
  }

  /**
   * The releases a bar may still be scored with: per followed line, those of its promotions from
   * the newest one that applies to every bar (an immediate one) on. Older ones can no longer decide
   * a bar processed from now on.
   */
  private List<Release> neededReleases() {
    List<Release> needed = new ArrayList<>();
    for (String line : lines.lines()) {
      if (!config.modelLines().isEmpty() && !config.modelLines().contains(line)) {
        continue;
      }
      List<Promotion> history = lines.promotions(line);
      int from = 0;
      for (int i = history.size() - 1; i >= 0; i--) {
        Promotion p = history.get(i);
        boolean usable = !p.action().servesAVersion() || !lines.isRefused(line, p.version());
        if (p.effectiveFrom() == null && usable) {
          from = i;
          break;
        }
      }
      for (Promotion p : history.subList(from, history.size())) {
        if (p.action().servesAVersion()) {
          lines
              .release(line, p.version())
              .filter(r -> r.sha256().equals(p.sha256()) && !needed.contains(r))
              .ifPresent(needed::add);
        }
      }
    }
    return needed;
  }

  private List<TopicPartition> awaitPartitions(String topic) {
    while (running.get()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      log.warn("Topic {} not found yet; bars wait until it exists", topic);
      sleep(POLL);
    }
    return List.of();
  }

  private void refuse(
      ConsumerRecord<String, byte[]> record, String line, String version, String reason) {
    log.error(
        "Refused line={} version={} at {}-{}@{}: {}",
        line,
        version,
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    if (line != null && version != null) {
      lines = lines.refusing(line, version, reason);
    }
    String labelled =
        line == null || reason.startsWith("release ")
            ? reason
            : "release " + line + "@" + version + ": " + reason;
    deadLetter(line, version, labelled, record.value(), record.offset());
  }

  private void deadLetter(String line, String version, String reason, byte[] payload, long offset) {
    metrics.releaseRefused(line == null ? "unknown" : line);
    metrics.deadLettered(config.models().name());
    // The bytes travel only when small: a release carries its artifact, which may exceed the
    // dead-letter topic's message size.
    byte[] kept = payload != null && payload.length <= 64 * 1024 ? payload : null;
    DeadLetter letter =
        DeadLetters.rejected(
            ScorerConfig.DEAD_LETTER_STAGE,
            config.models().name(),
            offset < 0 ? null : DeadLetters.location(0, offset),
            line,
            kept,
            line == null ? null : "release " + line + "@" + version,
            reason,
            ModelContractException.class.getName(),
            clock.instant());
    deadLetters.send(
        new ProducerRecord<>(config.modelsDeadLetters().name(), line, letter),
        (meta, error) -> {
          if (error != null) {
            log.error(
                "Could not write the dead letter of line={} version={} to topic={}",
                line,
                version,
                config.modelsDeadLetters().name(),
                error);
          }
        });
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    for (String line : lines.lines()) {
      List<Promotion> history = lines.promotions(line);
      text.append(line)
          .append(": ")
          .append(lines.releases(line).size())
          .append(" release(s), ")
          .append(history.size())
          .append(" promotion(s)");
      if (!history.isEmpty()) {
        Promotion last = history.getLast();
        text.append(", latest ").append(last.action()).append(' ').append(last.version());
      }
      text.append("; ");
    }
    return text.isEmpty() ? "no model lines yet" : text.toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops following and closes the loaded models (after the caller closed the topology). */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    deadLetters.close(Duration.ofSeconds(5));
    releases.close();
    promotions.close();
    loaded.values().forEach(OnnxScorer::close);
    loaded.clear();
  }
}
