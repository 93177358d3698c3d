package io.lstmsignals.scorer.app;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ArtifactLayout;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.LifecycleRecords;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One scorer instance against the real stack, on topics and an application.id of its own, with a
 * producer of bars and readers of signals and dead letters. Closing stops the scorer and deletes
 * its topics and state.
 */
final class ScorerHarness implements AutoCloseable {
  static final String MODEL = "test-model";

  private final StackEndpoints stack;
  private final String prefix;
  private final List<TopicSpec> topics;
  private final List<Path> stateDirs = new ArrayList<>();
  private final List<ScorerService> services = new ArrayList<>();
  private final Map<String, Object> serde;
  private final KafkaProducer<String, Bar> producer;
  private final Map<String, KafkaConsumer<String, ? extends SpecificRecord>> readers =
      new HashMap<>();
  private final Map<String, List<ConsumerRecord<String, ? extends SpecificRecord>>> read =
      new HashMap<>();

  ScorerHarness(StackEndpoints stack, String name, int partitions) throws IOException {
    this(stack, name, partitions, Map.of());
  }

  /**
   * @param modelsTopicConfigs extra configs of the models and promotions topics (e.g. to force
   *     compaction)
   */
  ScorerHarness(
      StackEndpoints stack, String name, int partitions, Map<String, String> modelsTopicConfigs)
      throws IOException {
    this.stack = stack;
    this.prefix = "scorer-it." + name + "." + System.nanoTime();
    String bars = prefix + ".bars";
    this.topics =
        List.of(
            Topics.BARS
                .named(bars)
                .spec()
                .withPartitions(partitions)
                .withReplicationFactor((short) 1),
            Topics.BARS.named(bars).deadLetters().spec().withReplicationFactor((short) 1),
            Topics.SIGNALS
                .named(prefix + ".signals")
                .spec()
                .withPartitions(partitions)
                .withReplicationFactor((short) 1),
            withConfigs(
                Topics.MODELS.named(prefix + ".models").spec().withReplicationFactor((short) 1),
                modelsTopicConfigs),
            withConfigs(
                Topics.MODEL_PROMOTIONS
                    .named(prefix + ".promotions")
                    .spec()
                    .withReplicationFactor((short) 1),
                modelsTopicConfigs),
            Topics.MODELS
                .named(prefix + ".models")
                .deadLetters()
                .spec()
                .withReplicationFactor((short) 1));
    try (Admin admin = admin()) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics);
    }
    this.serde = AvroSerdeConfig.specificRecords(stack.registryUrl());
    Map<String, Object> producerConfig = new HashMap<>(serde);
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    AvroSerializer<Bar> serializer = new AvroSerializer<>();
    serializer.configure(serde, false);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
  }

  private static TopicSpec withConfigs(TopicSpec spec, Map<String, String> extra) {
    Map<String, String> configs = new HashMap<>(spec.configs());
    configs.putAll(extra);
    return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), configs);
  }

  private Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }

  /**
   * The scorer's config for these topics, with extra settings; each call gets a state directory of
   * its own.
   */
  ScorerConfig config(Map<String, String> extra) throws IOException {
    Path stateDir = Files.createTempDirectory("scorer-it-state");
    stateDirs.add(stateDir);
    Map<String, Object> props = new HashMap<>();
    props.put(ScorerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    props.put(ScorerConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
    props.put(ScorerConfig.APPLICATION_ID, prefix);
    props.put(ScorerConfig.BARS_TOPIC, prefix + ".bars");
    props.put(ScorerConfig.SIGNALS_TOPIC, prefix + ".signals");
    props.put(ScorerConfig.MODELS_TOPIC, prefix + ".models");
    props.put(ScorerConfig.PROMOTIONS_TOPIC, prefix + ".promotions");
    props.put(ScorerConfig.WAIT_RECHECK_MS, 200L);
    props.put(ScorerConfig.COMMIT_INTERVAL_MS, 50L);
    props.put(ScorerConfig.STATE_DIR, stateDir.toString());
    props.put("streams.replication.factor", "1");
    props.putAll(extra);
    return ScorerConfig.from(props);
  }

  /**
   * Starts a scorer instance and waits until Streams runs. Instances started by one harness share
   * the application.id, so a second one splits the partitions with the first.
   */
  ScorerService start(Map<String, String> extra) throws InterruptedException, IOException {
    ScorerService service =
        new ScorerService(config(extra), new SimpleMeterRegistry(), Clock.systemUTC());
    services.add(service);
    service.start();
    if (!service.awaitRunning(Duration.ofSeconds(90))) {
      throw new IllegalStateException("scorer " + prefix + " did not reach RUNNING within 90 s");
    }
    return service;
  }

  /**
   * A release of a test model ({@link io.lstmsignals.scorer.onnx.TestModels}) on line {@link
   * #MODEL}, for BTCUSDT.
   */
  static ModelRelease release(String version, byte[] onnx, String sha256, int windowBars) {
    return release(MODEL, version, onnx, sha256, windowBars, null, "BTCUSDT");
  }

  static ModelRelease release(String version, byte[] onnx, int windowBars) {
    return release(version, onnx, ArtifactLayout.sha256(onnx), windowBars);
  }

  /** A release of a test model on {@code line}, for {@code symbols}. */
  static ModelRelease release(
      String line,
      String version,
      byte[] onnx,
      String sha256,
      int windowBars,
      Instant trainedTo,
      String... symbols) {
    return ModelRelease.newBuilder()
        .setModelName(line)
        .setVersion(version)
        .setSha256(sha256)
        .setArtifact(ByteBuffer.wrap(onnx))
        .setArtifactUri(null)
        .setWindowBars(windowBars)
        .setInterval("4h")
        .setReleasedAt(Instant.now())
        .setTrainedFrom(null)
        .setTrainedTo(trainedTo)
        .setSymbols(List.of(symbols))
        .setMetrics(Map.of())
        .setMetadata(Map.of())
        .build();
  }

  /**
   * Writes a release as is, checked by nobody (a scorer must cope with what any writer puts there),
   * keyed {@code <line>/<version>}.
   */
  void publish(ModelRelease release) throws Exception {
    try (KafkaProducer<String, ModelRelease> writer =
        new KafkaProducer<>(
            producerConfig(true), new StringSerializer(), Topics.MODELS.valueSerializer(serde))) {
      writer
          .send(
              new ProducerRecord<>(
                  prefix + ".models",
                  ModelVersions.releaseKey(release.getModelName(), release.getVersion()),
                  release))
          .get();
    }
  }

  /** Writes a promotion as is, under a fresh id. */
  void promote(Promotion promotion) throws Exception {
    try (KafkaProducer<String, ModelPromotion> writer =
        new KafkaProducer<>(
            producerConfig(false),
            new StringSerializer(),
            Topics.MODEL_PROMOTIONS.valueSerializer(serde))) {
      writer
          .send(
              new ProducerRecord<>(
                  prefix + ".promotions",
                  ModelVersions.promotionKey(promotion.line(), UUID.randomUUID().toString()),
                  LifecycleRecords.toAvro(promotion)))
          .get();
    }
  }

  /** Puts {@code release} in force from the next bar (an immediate PROMOTE, or ROLLBACK). */
  void promote(ModelRelease release, Promotion.Action action, OptionalInt maxAgeBars)
      throws Exception {
    promote(
        new Promotion(
            release.getModelName(),
            action,
            release.getVersion(),
            release.getSha256(),
            null,
            null,
            List.of(),
            maxAgeBars,
            Instant.now(),
            "test",
            "test"));
  }

  void promote(ModelRelease release) throws Exception {
    promote(release, Promotion.Action.PROMOTE, OptionalInt.empty());
  }

  /** Publishes {@code release} and puts it in force from the next bar. */
  void publishAndPromote(ModelRelease release) throws Exception {
    publish(release);
    promote(release);
  }

  private Map<String, Object> producerConfig(boolean large) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    if (large) {
      config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODEL_MAX_BYTES);
    }
    return config;
  }

  void produce(List<Bar> bars) {
    for (Bar bar : bars) {
      producer.send(
          new ProducerRecord<>(
              prefix + ".bars", null, bar.getCloseTime().toEpochMilli(), bar.getSymbol(), bar));
    }
    producer.flush();
  }

  /** How many records {@code topic} holds now (after compaction, if it ran). */
  /** How many records of {@code topic} have {@code key} (compaction lowers it to one). */
  long recordCount(String topic, String key) {
    byte[] wanted = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODEL_MAX_BYTES);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            config,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long count = 0;
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (java.util.Arrays.equals(record.key(), wanted)) {
            count++;
          }
        }
      }
      return count;
    }
  }

  String modelsTopic() {
    return prefix + ".models";
  }

  String promotionsTopic() {
    return prefix + ".promotions";
  }

  String modelsDeadLetterTopic() {
    return Topics.MODELS.named(prefix + ".models").deadLetters().name();
  }

  String barsDeadLetterTopic() {
    return Topics.BARS.named(prefix + ".bars").deadLetters().name();
  }

  /** Every signal read so far, once at least {@code count} have arrived (committed ones only). */
  List<Signal> awaitSignals(int count, Duration timeout) {
    return awaitValues(prefix + ".signals", Signal.class, count, timeout);
  }

  List<DeadLetter> awaitDeadLetters(String topic, int count, Duration timeout) {
    return awaitValues(topic, DeadLetter.class, count, timeout);
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> List<T> awaitValues(
      String topic, Class<T> type, int count, Duration timeout) {
    KafkaConsumer<String, T> consumer =
        (KafkaConsumer<String, T>) readers.computeIfAbsent(topic, t -> reader(t, type));
    List<ConsumerRecord<String, ? extends SpecificRecord>> seen =
        read.computeIfAbsent(topic, t -> new ArrayList<>());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected at least "
                + count
                + " records on "
                + topic
                + " within "
                + timeout
                + ", read "
                + seen.size());
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().map(r -> (T) r.value()).toList();
  }

  /** Reads whatever more arrives within {@code quiet}: to show that nothing extra was emitted. */
  List<Signal> drainSignals(Duration quiet) {
    String topic = prefix + ".signals";
    awaitValues(topic, Signal.class, 0, quiet);
    KafkaConsumer<String, ? extends SpecificRecord> consumer = readers.get(topic);
    long end = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(200)).forEach(read.get(topic)::add);
    }
    return read.get(topic).stream().map(r -> (Signal) r.value()).toList();
  }

  private <T extends SpecificRecord> KafkaConsumer<String, T> reader(String topic, Class<T> type) {
    Map<String, Object> consumerConfig = new HashMap<>(serde);
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic + ".reader");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroDeserializer<T> deserializer = new AvroDeserializer<>(type, null);
    deserializer.configure(serde, false);
    KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), deserializer);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Polls a condition until it holds. */
  static void await(Supplier<Boolean> condition, Duration timeout, String reason)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + reason);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws IOException, ExecutionException {
    services.forEach(ScorerService::close);
    readers.values().forEach(KafkaConsumer::close);
    producer.close();
    try (Admin admin = admin()) {
      admin.deleteTopics(topics.stream().map(TopicSpec::name).toList()).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting the topics of " + prefix, e);
    }
    for (Path stateDir : stateDirs) {
      try (Stream<Path> paths = Files.walk(stateDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
