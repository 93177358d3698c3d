package io.lstmsignals.ops.stackcli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.demo.DemoPipeline;
import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackSecurity;
import io.lstmsignals.ops.testkit.ChildJvm;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.schemas.serde.AvroDeserializer;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stack up --secure} with every stage as a process under its own principal: ingest
 * replays bars, the trainer's principal releases the model, the scorer and the P&amp;L run, each
 * with the client file the stack wrote for it. The signals are those of the same bars through the
 * PLAINTEXT stack; what a principal may not do is refused at start-up with one line naming the
 * principal and the operation; and no password shows in any process's output or the stack's logs.
 */
@WithStack
@Timeout(900)
class SecureStackIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path MODEL = REPO.resolve("models/lstm-4h-default");
  private static final int BARS = 120;
  private static final Duration START = Duration.ofSeconds(180);
  private static final Pattern BOOTSTRAP = Pattern.compile("Kafka bootstrap servers:\\s+(\\S+)");

  @Test
  void theSecuredPipelineShouldGiveThePlaintextSignalsAndRefuseWhatAPrincipalMayNotDo(
      StackEndpoints plaintext, @TempDir Path dir) throws Exception {
    // Given the first bars of the study's data
    Path bars = dir.resolve("BTCUSDT-4h.csv");
    try (Stream<String> lines = Files.lines(REPO.resolve("data/BTCUSDT-4h-2024.csv"))) {
      Files.write(bars, lines.limit(BARS + 1).toList());
    }
    // and their signals through the PLAINTEXT pipeline
    List<Signal> reference = plaintextSignals(plaintext, bars, dir.resolve("plaintext"));
    assertThat(reference).hasSize(BARS);

    List<ChildJvm> processes = new ArrayList<>();
    Path data = dir.resolve("stack");
    try {
      // When the same bars go through the secured stack, each stage as its own principal
      ChildJvm stack =
          start(
              processes,
              "stack",
              "ops",
              "io.lstmsignals.ops.stackcli.StackMain",
              List.of(
                  "up",
                  "--secure",
                  "--data",
                  data.toString(),
                  "--kafka-port",
                  "0",
                  "--registry-port",
                  "0"));
      String bootstrap = stack.awaitLine(BOOTSTRAP, START).group(1);
      stack.awaitLine(Pattern.compile("Running; press Ctrl-C to stop"), START);
      Path secure = data.resolve("secure");
      SigningKey.generate(dir.resolve("keys"), "releaser");
      String trusted = "scorer.release.trusted.keys=" + dir.resolve("keys/releaser.pub");
      assertThat(
              run(
                  processes,
                  "release-trainer",
                  "scorer",
                  "io.lstmsignals.scorer.app.ScorerMain",
                  List.of(
                      "release",
                      "--config",
                      secure.resolve("trainer.properties").toString(),
                      "--artifact",
                      MODEL.toString(),
                      "--promote",
                      "--signing-key",
                      dir.resolve("keys/releaser.key").toString())))
          .as("exit code of the trainer's release")
          .isZero();
      start(
          processes,
          "scorer",
          "scorer",
          "io.lstmsignals.scorer.app.ScorerMain",
          List.of(
              "run",
              "--config",
              secure.resolve("scorer.properties").toString(),
              "--set",
              trusted,
              "--set",
              "http.port=0",
              "--set",
              "state.dir=" + dir.resolve("state/scorer")));
      start(
          processes,
          "signals",
          "signals",
          "io.lstmsignals.signals.app.SignalsMain",
          List.of(
              "run",
              "--config",
              secure.resolve("signals.properties").toString(),
              "--set",
              "http.port=0",
              "--set",
              "state.dir=" + dir.resolve("state/signals")));
      assertThat(
              run(
                  processes,
                  "replay-ingest",
                  "ingest",
                  "io.lstmsignals.ingest.app.IngestMain",
                  List.of(
                      "replay",
                      "--config",
                      secure.resolve("ingest.properties").toString(),
                      bars.toString())))
          .as("exit code of the ingest replay")
          .isZero();

      // Then the signals are the PLAINTEXT run's, and the P&L realizes them
      Map<String, Object> admin = adminClient(secure, bootstrap);
      List<Signal> secured = awaitRecords(admin, Topics.SIGNALS.name(), Signal.class, BARS);
      assertThat(sorted(secured)).isEqualTo(sorted(reference));
      assertThat(awaitRecords(admin, Topics.PNL.name(), PnlSnapshot.class, BARS - 1)).isNotEmpty();

      // and what a principal may not do is refused, naming the principal and the operation
      Refusal release =
          refused(
              processes,
              "release-scorer",
              "scorer",
              "io.lstmsignals.scorer.app.ScorerMain",
              List.of(
                  "release",
                  "--config",
                  secure.resolve("scorer.properties").toString(),
                  "--artifact",
                  MODEL.toString()));
      assertThat(release.output())
          .contains(
              "does not let User:scorer WRITE topic lstm.models (--models-topic; it may DESCRIBE,"
                  + " READ there)");
      Refusal signalsAsScorer =
          refused(
              processes,
              "scorer-as-signals",
              "scorer",
              "io.lstmsignals.scorer.app.ScorerMain",
              List.of(
                  "run",
                  "--config",
                  secure.resolve("signals.properties").toString(),
                  "--set",
                  trusted,
                  "--set",
                  "http.port=0",
                  "--set",
                  "state.dir=" + dir.resolve("state/wrong")));
      assertThat(signalsAsScorer.output())
          .contains("does not let User:signals ")
          .contains("WRITE topic lstm.signals (scorer.topic.signals; it may DESCRIBE, READ there)");
      Path wrong = dir.resolve("wrong-password.properties");
      Files.writeString(
          wrong,
          Files.readString(secure.resolve("signals.properties"))
              .replaceAll("password=\"\\$\\{file:[^}]*}\"", "password=\"not-the-password\""));
      Refusal badLogin =
          refused(
              processes,
              "tail-wrong-password",
              "signals",
              "io.lstmsignals.signals.app.SignalsMain",
              List.of("tail", "--config", wrong.toString(), "--max-records", "1"));
      assertThat(badLogin.output())
          .containsPattern(
              "Kafka at \\S+ refused to authenticate User:signals \\(sasl.jaas.config\\)");

      // and no password of the stack shows in any output or log
      for (ChildJvm process : processes) {
        if (process.isAlive()) {
          process.stop(Duration.ofSeconds(60));
        }
      }
      List<String> outputs = new ArrayList<>();
      processes.forEach(process -> outputs.add(process.output()));
      for (String log : List.of("broker.log", "registry.log")) {
        outputs.add(Files.readString(data.resolve(log)));
      }
      Map<String, String> passwords = credentials(secure);
      assertThat(passwords)
          .containsKeys("admin", "ingest", "scorer", "signals", "trainer", "retrainer");
      passwords.forEach(
          (user, password) ->
              assertThat(outputs)
                  .as("outputs and logs of the secured run hold the password of %s", user)
                  .noneMatch(text -> text.contains(password)));
    } finally {
      processes.forEach(ChildJvm::close);
    }
  }

  private record Refusal(int exitCode, String output) {}

  private static List<Signal> plaintextSignals(StackEndpoints stack, Path bars, Path state)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    PipelineTopics topics = PipelineTopics.suffixed("plain-" + run);
    try (DemoPipeline pipeline =
        new DemoPipeline(
            stack,
            topics,
            new DemoPipeline.Settings(
                List.of(bars),
                MODEL,
                0,
                0,
                0,
                "REFERENCE_CLOSE",
                "secure-ref-" + run,
                state,
                -1,
                Map.of()),
            line -> {})) {
      pipeline.createTopics();
      pipeline.releaseModel();
      pipeline.startProcessors();
      pipeline.replay();
      pipeline.awaitPnl(Duration.ofMinutes(5));
    }
    Map<String, Object> client = new HashMap<>();
    client.put("bootstrap.servers", stack.bootstrapServers());
    client.putAll(AvroSerdeConfig.specificRecords(stack.registryUrl()));
    return awaitRecords(client, topics.signals().name(), Signal.class, BARS);
  }

  private static ChildJvm start(
      List<ChildJvm> processes, String name, String module, String mainClass, List<String> args) {
    ChildJvm process =
        ChildJvm.startModule(
            name,
            Path.of("target", "secure-stack-it", name + ".log"),
            REPO.resolve(module),
            mainClass,
            args);
    processes.add(process);
    return process;
  }

  private static int run(
      List<ChildJvm> processes, String name, String module, String mainClass, List<String> args)
      throws InterruptedException {
    return start(processes, name, module, mainClass, args).awaitExit(START);
  }

  private static Refusal refused(
      List<ChildJvm> processes, String name, String module, String mainClass, List<String> args)
      throws InterruptedException {
    ChildJvm process = start(processes, name, module, mainClass, args);
    int exit = process.awaitExit(START);
    assertThat(exit).as("exit code of %s: %s", name, process.output()).isEqualTo(3);
    return new Refusal(exit, process.output());
  }

  private static Map<String, String> credentials(Path secure) throws IOException {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            secure.resolve(StackSecurity.CREDENTIALS), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> passwords = new HashMap<>();
    properties
        .stringPropertyNames()
        .forEach(key -> passwords.put(key, properties.getProperty(key)));
    return passwords;
  }

  /** A consumer's settings as the stack's administrator, who may read every topic. */
  private static Map<String, Object> adminClient(Path secure, String bootstrap) throws IOException {
    Map<String, String> passwords = credentials(secure);
    Map<String, Object> client = new HashMap<>();
    client.put("bootstrap.servers", bootstrap);
    client.put("security.protocol", "SASL_SSL");
    client.put("sasl.mechanism", StackSecurity.SASL_MECHANISM);
    client.put("sasl.jaas.config", StackSecurity.jaas("admin", passwords.get("admin")));
    client.put("ssl.truststore.location", secure.resolve("truststore.p12").toString());
    client.put("ssl.truststore.type", "PKCS12");
    client.put("ssl.truststore.password", passwords.get(StackSecurity.STORES));
    Properties settings = new Properties();
    try (Reader reader =
        Files.newBufferedReader(secure.resolve("admin.properties"), StandardCharsets.UTF_8)) {
      settings.load(reader);
    }
    client.putAll(AvroSerdeConfig.specificRecords(settings.getProperty("schema.registry.url")));
    client.put("basic.auth.credentials.source", "USER_INFO");
    client.put("basic.auth.user.info", "admin:" + passwords.get("admin"));
    client.put(
        "schema.registry.ssl.truststore.location", secure.resolve("truststore.p12").toString());
    client.put("schema.registry.ssl.truststore.type", "PKCS12");
    client.put("schema.registry.ssl.truststore.password", passwords.get(StackSecurity.STORES));
    return client;
  }

  /** The committed records of a topic, once it holds at least {@code count}. */
  private static <T extends SpecificRecord> List<T> awaitRecords(
      Map<String, Object> client, String topic, Class<T> type, int count) throws Exception {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroDeserializer<T> values = new AvroDeserializer<>(type, null);
    values.configure(config, false);
    List<T> read = new ArrayList<>();
    long deadline = System.nanoTime() + START.toNanos();
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (read.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              topic + " held " + read.size() + " of " + count + " records after " + START);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(record -> read.add(record.value()));
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }
    return read;
  }

  /** The signals by bar, without the wall-clock time each was scored at. */
  private static List<Signal> sorted(List<Signal> signals) {
    return signals.stream()
        .map(signal -> Signal.newBuilder(signal).setScoredAt(Instant.EPOCH).build())
        .sorted(Comparator.comparing(Signal::getSymbol).thenComparing(Signal::getBarOpenTime))
        .toList();
  }
}
