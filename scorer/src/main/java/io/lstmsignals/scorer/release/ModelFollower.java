package io.lstmsignals.scorer.release;

import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.deadletter.DeadLetters;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelContractException;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelState;
import io.lstmsignals.scorer.onnx.CudaUnavailableException;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted models topic on its own thread and swaps verified releases of one model
 * into a {@link ModelSlot}.
 *
 * <p>It reads every partition from the beginning with no consumer group, so every scorer instance
 * sees every release whatever the Streams group's assignment, and a restarted instance finds the
 * release in force again. Loading (hash, contract, smoke inference) happens here, off the stream
 * threads; the swap itself waits only for the bar in flight. A refused release is logged, counted
 * and written to the models' dead-letter topic, and the model serving keeps serving. Rollback is
 * releasing an older version again: it is loaded like any other.
 */
public final class ModelFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ScorerConfig config;
  private final ModelSlot slot;
  private final ScorerMetrics metrics;
  private final ReleaseLoader loader;
  private final Clock clock;
  private final KafkaConsumer<String, ModelRelease> consumer;
  private final KafkaProducer<String, DeadLetter> deadLetters;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private OnnxScorer serving;

  public ModelFollower(ScorerConfig config, ModelSlot slot, ScorerMetrics metrics, Clock clock) {
    this.config = config;
    this.slot = slot;
    this.metrics = metrics;
    this.clock = clock;
    this.loader =
        new ReleaseLoader(config.windowCapacity(), config.barInterval().name(), config.onnx());
    Map<String, Object> serde = config.serdeConfig();
    Map<String, Object> consumerConfig = new HashMap<>(serde);
    consumerConfig.putAll(config.clientConfig());
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-model-follower");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + 1024 * 1024);
    consumerConfig.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MODEL_MAX_BYTES + 1024 * 1024);
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8);
    AvroDeserializer<ModelRelease> deserializer = new AvroDeserializer<>(ModelRelease.class, null);
    deserializer.configure(serde, false);
    this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), deserializer);
    Map<String, Object> producerConfig = new HashMap<>(serde);
    producerConfig.putAll(config.clientConfig());
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-model-dlq");
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    AvroSerializer<DeadLetter> serializer = new AvroSerializer<>();
    serializer.configure(serde, false);
    this.deadLetters = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
    this.thread = new Thread(this::follow, config.applicationId() + "-model-follower");
    this.thread.setDaemon(true);
  }

  /** Starts following. */
  public void start() {
    thread.start();
  }

  /**
   * Waits until every release present at start-up has been applied (or refused).
   *
   * @return false if that did not happen within the timeout
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = awaitPartitions();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      log.info(
          "Following topic={} partitions={} model={} endOffsets={}",
          config.models().name(),
          partitions.size(),
          config.modelName(),
          ends);
      while (running.get()) {
        try {
          ConsumerRecords<String, ModelRelease> records = consumer.poll(POLL);
          for (ConsumerRecord<String, ModelRelease> record : records) {
            apply(record);
          }
        } catch (RecordDeserializationException e) {
          refuse(
              e.topicPartition().partition(),
              e.offset(),
              null,
              null,
              "could not deserialize the release: " + e.getMessage());
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        if (caughtUp.getCount() > 0
            && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
          log.info(
              "Caught up on topic={} model={} state={}",
              config.models().name(),
              config.modelName(),
              describe(slot.current()));
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error(
          "Model follower of topic={} stopped; the model serving stays in force",
          config.models().name(),
          e);
    }
  }

  private List<TopicPartition> awaitPartitions() {
    while (running.get()) {
      List<PartitionInfo> infos =
          consumer.partitionsFor(config.models().name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      log.warn("Models topic={} not found yet; waiting for it", config.models().name());
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  private void apply(ConsumerRecord<String, ModelRelease> record) {
    ModelRelease release = record.value();
    if (release == null) {
      log.warn(
          "Ignoring tombstone for key={} at tp={}-{}@{}: a release is withdrawn by releasing another version",
          record.key(),
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    if (!config.modelName().equals(release.getModelName())) {
      log.debug(
          "Skipping release model={} version={}: this scorer follows {}",
          release.getModelName(),
          release.getVersion(),
          config.modelName());
      return;
    }
    OnnxScorer loaded;
    try {
      loaded = loader.load(release);
    } catch (ModelContractException | CudaUnavailableException e) {
      refuse(
          record.partition(),
          record.offset(),
          release.getModelName(),
          release.getVersion(),
          e.getMessage());
      return;
    }
    ModelState previous = slot.swap(new ModelState.Serving(metrics.timed(loaded)));
    OnnxScorer retired = serving;
    serving = loaded;
    if (retired != null) {
      retired.close();
    }
    metrics.releaseLoaded(release.getModelName());
    metrics.modelInForce(slot.current());
    log.info(
        "Model swapped in model={} version={} previous={} provider={} tp={}-{}@{}",
        release.getModelName(),
        release.getVersion(),
        describe(previous),
        loaded.activeProvider(),
        record.topic(),
        record.partition(),
        record.offset());
  }

  private void refuse(int partition, long offset, String modelName, String version, String reason) {
    log.error(
        "Refused release model={} version={} at tp={}-{}@{}: {}; still in force: {}",
        modelName,
        version,
        config.models().name(),
        partition,
        offset,
        reason,
        describe(slot.current()));
    if (!(slot.current() instanceof ModelState.Serving) && modelName != null) {
      slot.swap(new ModelState.Rejected(modelName, version, reason));
    }
    metrics.releaseRefused(modelName == null ? "unknown" : modelName);
    metrics.deadLettered(config.models().name());
    DeadLetter letter =
        DeadLetters.rejected(
            ScorerConfig.DEAD_LETTER_STAGE,
            config.models().name(),
            DeadLetters.location(partition, offset),
            modelName,
            null,
            modelName == null
                ? null
                : "release "
                    + modelName
                    + "@"
                    + version
                    + " (artifact omitted: it may exceed the dead-letter topic's message size)",
            reason,
            ModelContractException.class.getName(),
            clock.instant());
    deadLetters.send(
        new ProducerRecord<>(config.modelsDeadLetters().name(), modelName, letter),
        (meta, error) -> {
          if (error != null) {
            log.error(
                "Could not write the dead letter of model={} version={} to topic={}",
                modelName,
                version,
                config.modelsDeadLetters().name(),
                error);
          }
        });
  }

  private static String describe(ModelState state) {
    return switch (state) {
      case ModelState.NoModel none -> "no model";
      case ModelState.Rejected rejected -> "none (release " + rejected.version() + " refused)";
      case ModelState.Serving s -> s.scorer().modelName() + "@" + s.scorer().version();
    };
  }

  /**
   * Stops following; the model serving stays in the slot until the caller closes the topology, then
   * this.
   */
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
    if (serving != null) {
      serving.close();
      serving = null;
    }
  }
}
