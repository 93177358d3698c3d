package io.lstmsignals.bench.scorer;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.lifecycle.ModelLifecycle;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerializer;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.schemas.topic.Topics;
import io.lstmsignals.scorer.app.ScorerService;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end through the real broker: a running scorer instance (exactly-once, RocksDB window
 * store, the artifact released on its own models topic), a multi-symbol replay produced into fresh
 * topics, timed from the first bar sent to the last signal read. Topics are deleted afterwards.
 */
final class ReplayBenchmark {
  record Result(int bars, double seconds, int partitions, int streamThreads) {
    double barsPerSecond() {
      return bars / seconds;
    }
  }

  private final String bootstrapServers;
  private final String registryUrl;

  ReplayBenchmark(String bootstrapServers, String registryUrl) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
  }

  Result run(
      ModelRelease release, int symbols, int barsPerSymbol, int partitions, int streamThreads)
      throws Exception {
    String prefix = "lstm.bench.scorer." + System.currentTimeMillis();
    String bars = prefix + ".bars";
    String signals = prefix + ".signals";
    String models = prefix + ".models";
    String promotions = prefix + ".promotions";
    List<TopicSpec> specs =
        List.of(
            Topics.BARS.named(bars).spec().withPartitions(partitions),
            Topics.BARS.named(bars).deadLetters().spec(),
            Topics.SIGNALS.named(signals).spec().withPartitions(partitions),
            Topics.MODELS.named(models).spec(),
            Topics.MODELS.named(models).deadLetters().spec(),
            Topics.MODEL_PROMOTIONS.named(promotions).spec());
    Path stateDir = Files.createTempDirectory("scorer-bench-state");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
      try {
        releaseForEverySymbol(release, models, promotions, symbols);
        Map<String, Object> props = new HashMap<>();
        props.put(ScorerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        props.put(ScorerConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(ScorerConfig.APPLICATION_ID, prefix);
        props.put(ScorerConfig.BARS_TOPIC, bars);
        props.put(ScorerConfig.SIGNALS_TOPIC, signals);
        props.put(ScorerConfig.MODELS_TOPIC, models);
        props.put(ScorerConfig.PROMOTIONS_TOPIC, promotions);
        props.put(ScorerConfig.WINDOW_CAPACITY, release.getWindowBars() + 1);
        props.put(ScorerConfig.STREAM_THREADS, streamThreads);
        props.put(ScorerConfig.STATE_DIR, stateDir.toString());
        ScorerConfig config = ScorerConfig.from(props);
        try (ScorerService service =
            new ScorerService(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
          service.start();
          if (!service.awaitModelsRead(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the scorer did not read the models topic in 60 s");
          }
          if (!service.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the scorer did not reach RUNNING within 60 s");
          }
          return replay(bars, signals, symbols, barsPerSymbol, partitions, streamThreads);
        }
      } finally {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        admin.deleteTopics(names).all().get();
      }
    } finally {
      deleteRecursively(stateDir);
    }
  }

  /**
   * Releases the benchmark model and puts it in force with the synthetic symbols opted in (it was
   * trained on another symbol: a real line would not score them).
   */
  private void releaseForEverySymbol(
      ModelRelease release, String models, String promotions, int symbols)
      throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      names.add(symbolName(s));
    }
    try (ModelLifecycle lifecycle =
        new ModelLifecycle(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            AvroSerdeConfig.specificRecords(registryUrl),
            Topics.MODELS.named(models),
            Topics.MODEL_PROMOTIONS.named(promotions))) {
      lifecycle.release(release);
      lifecycle.putInForce(
          Promotion.Action.PROMOTE,
          release.getModelName(),
          release.getVersion(),
          null,
          names,
          OptionalInt.empty(),
          "benchmark",
          "benchmark run");
    }
  }

  private static String symbolName(int index) {
    return "SYM" + index + "USDT";
  }

  private Result replay(
      String bars,
      String signals,
      int symbols,
      int barsPerSymbol,
      int partitions,
      int streamThreads) {
    List<List<Bar>> series = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      series.add(SyntheticBars.series(symbolName(s), barsPerSymbol, 7L + s));
    }
    Map<String, Object> serde = AvroSerdeConfig.specificRecords(registryUrl);
    Map<String, Object> producerConfig = new HashMap<>(serde);
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    AvroSerializer<Bar> barSerializer = new AvroSerializer<>();
    barSerializer.configure(serde, false);
    Map<String, Object> consumerConfig = new HashMap<>(serde);
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, bars + ".reader");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroDeserializer<Signal> signalDeserializer = new AvroDeserializer<>(Signal.class, null);
    signalDeserializer.configure(serde, false);
    int total = symbols * barsPerSymbol;
    try (KafkaProducer<String, Bar> producer =
            new KafkaProducer<>(producerConfig, new StringSerializer(), barSerializer);
        KafkaConsumer<String, Signal> consumer =
            new KafkaConsumer<>(consumerConfig, new StringDeserializer(), signalDeserializer)) {
      consumer.subscribe(List.of(signals));
      consumer.poll(Duration.ofMillis(100));
      long start = System.nanoTime();
      for (int i = 0; i < barsPerSymbol; i++) {
        for (List<Bar> symbolBars : series) {
          Bar bar = symbolBars.get(i);
          producer.send(
              new ProducerRecord<>(
                  bars, null, bar.getCloseTime().toEpochMilli(), bar.getSymbol(), bar));
        }
      }
      producer.flush();
      int seen = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (seen < total) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + seen + " of " + total + " signals within 5 minutes");
        }
        ConsumerRecords<String, Signal> records = consumer.poll(Duration.ofMillis(200));
        seen += records.count();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(total, seconds, partitions, streamThreads);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
