package io.lstmsignals.bench.scorer;

import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.service.cli.ServiceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh topics for one benchmark (bars, signals, models, promotions and dead letters, all named
 * under one prefix), the model released and put in force on them for the benchmark's symbols (opted
 * in: it was trained on another symbol), and what it takes to run scorers on them: their settings,
 * state directories, a bar producer and a signal reader. Closing deletes every topic under the
 * prefix, the scorers' changelogs included, and the state directories.
 */
final class ScorerRig implements AutoCloseable {

  /**
   * A benchmark scorer's configuration: the command's settings, then {@code keys}. Unsigned
   * releases are allowed: the benchmark publishes its own model on topics of its own.
   */
  static ScorerConfig scorerConfig(ServiceOptions options, Map<String, String> keys) {
    Map<String, String> all = new LinkedHashMap<>(keys);
    all.putIfAbsent(ScorerConfig.ALLOW_UNSIGNED, "true");
    return ScorerConfig.from(options.settings(ScorerConfig.SPEC, all));
  }

  private static final Logger log = LoggerFactory.getLogger(ScorerRig.class);

  private final String prefix;
  private final KafkaEndpoints endpoints;
  private final Map<String, Object> serdeConfig;
  private final Admin admin;
  private final int partitions;
  private final List<Path> stateDirs = new ArrayList<>();

  private ScorerRig(String prefix, KafkaEndpoints endpoints, Admin admin, int partitions) {
    this.prefix = prefix;
    this.partitions = partitions;
    this.endpoints = endpoints;
    this.serdeConfig = AvroSerdeConfig.specificRecords(endpoints.registryUrl());
    this.admin = admin;
  }

  /**
   * Creates the topics under {@code lstm.bench.<name>.<time>}, releases the model on them and puts
   * it in force for {@code symbols}.
   *
   * @param partitions of the bars and signals topics
   */
  static ScorerRig create(
      String name,
      String bootstrapServers,
      String registryUrl,
      ModelRelease release,
      List<String> symbols,
      int partitions)
      throws InterruptedException, ExecutionException {
    String prefix = "lstm.bench." + name + "." + System.currentTimeMillis();
    Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    ScorerRig rig =
        new ScorerRig(prefix, new KafkaEndpoints(bootstrapServers, registryUrl), admin, partitions);
    try {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(
              List.of(
                  Topics.BARS.named(rig.bars()).spec().withPartitions(partitions),
                  Topics.BARS.named(rig.bars()).deadLetters().spec(),
                  Topics.SIGNALS.named(rig.signals()).spec().withPartitions(partitions),
                  Topics.MODELS.named(rig.models()).spec(),
                  Topics.MODELS.named(rig.models()).deadLetters().spec(),
                  Topics.MODEL_PROMOTIONS.named(rig.promotions()).spec()));
      rig.putInForce(release, symbols);
      return rig;
    } catch (RuntimeException | InterruptedException e) {
      rig.close();
      throw e;
    }
  }

  private void putInForce(ModelRelease release, List<String> symbols) throws InterruptedException {
    try (ModelLifecycle lifecycle =
        new ModelLifecycle(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()),
            serdeConfig,
            Topics.MODELS.named(models()),
            Topics.MODEL_PROMOTIONS.named(promotions()))) {
      lifecycle.release(release);
      lifecycle.putInForce(
          Promotion.Action.PROMOTE,
          release.getModelName(),
          release.getVersion(),
          null,
          symbols,
          OptionalInt.empty(),
          "benchmark",
          "benchmark run");
    }
  }

  String bars() {
    return prefix + ".bars";
  }

  String signals() {
    return prefix + ".signals";
  }

  String models() {
    return prefix + ".models";
  }

  String promotions() {
    return prefix + ".promotions";
  }

  /**
   * The settings that put a scorer instance on these topics: its application.id ({@code
   * <prefix>.<instance>}, so that its changelog falls under the prefix too) and a fresh state
   * directory. Instances given the same name share the changelog.
   */
  Map<String, String> scorerKeys(String instance) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(ScorerConfig.APPLICATION_ID, applicationId(instance));
    keys.put(ScorerConfig.BARS_TOPIC, bars());
    keys.put(ScorerConfig.SIGNALS_TOPIC, signals());
    keys.put(ScorerConfig.MODELS_TOPIC, models());
    keys.put(ScorerConfig.PROMOTIONS_TOPIC, promotions());
    keys.put(ScorerConfig.STATE_DIR, newStateDir().toString());
    return keys;
  }

  String applicationId(String instance) {
    return prefix + "." + instance;
  }

  /** The bars producer ingest publishes with (idempotent, acks=all, lz4, 20 ms linger). */
  KafkaProducer<String, Bar> barProducer() {
    return new KafkaProducer<>(
        endpoints.producer(true),
        Topics.BARS.keySerde().serializer(),
        Topics.BARS.valueSerializer(serdeConfig));
  }

  /**
   * Creates a compacted topic partitioned like the bars, as Kafka Streams creates a store's
   * changelog; the name must fall under the prefix.
   */
  void createChangelog(String name) throws InterruptedException, ExecutionException {
    if (!name.startsWith(prefix)) {
      throw new IllegalArgumentException("changelog " + name + " is not under " + prefix);
    }
    admin
        .createTopics(
            List.of(
                new NewTopic(name, partitions, (short) 1)
                    .configs(
                        Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT))))
        .all()
        .get();
  }

  /** A producer of raw bytes keyed by symbol, partitioned as the bars producer partitions. */
  KafkaProducer<String, byte[]> bytesProducer() {
    return new KafkaProducer<>(
        endpoints.producer(true), new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A reader of the signals topic as a subscriber reads it ({@code read_committed}), no group,
   * every partition assigned, from the beginning or from the end as it is now; it fetches with a 5
   * ms wait so that its own polling adds little to the latency it observes.
   */
  KafkaConsumer<String, Signal> signalReader(boolean fromBeginning) {
    Map<String, Object> config = endpoints.consumer();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    KafkaConsumer<String, Signal> reader =
        new KafkaConsumer<>(
            config,
            Topics.SIGNALS.keySerde().deserializer(),
            Topics.SIGNALS.valueDeserializer(serdeConfig));
    List<TopicPartition> partitions =
        reader.partitionsFor(signals()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    reader.assign(partitions);
    if (fromBeginning) {
      reader.seekToBeginning(partitions);
    } else {
      reader.seekToEnd(partitions);
    }
    // Resolves the positions now, so that nothing published from here on is missed.
    partitions.forEach(reader::position);
    return reader;
  }

  private Path newStateDir() {
    try {
      Path dir = Files.createTempDirectory("lstm-bench-state");
      stateDirs.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for a benchmark scorer", e);
    }
  }

  @Override
  public void close() {
    try {
      List<String> ours =
          admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
      admin.deleteTopics(ours).all().get();
    } catch (ExecutionException | RuntimeException e) {
      log.warn("Could not delete the benchmark's topics prefix={}", prefix, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admin.close();
      stateDirs.forEach(ScorerRig::deleteQuietly);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete state dir={}", dir, e);
    }
  }
}
