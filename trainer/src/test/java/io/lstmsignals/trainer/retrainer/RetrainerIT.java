package io.lstmsignals.trainer.retrainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.ModelPromotion;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PromotionAction;
import io.lstmsignals.schemas.avro.RetrainOutcome;
import io.lstmsignals.schemas.lifecycle.TopicSnapshot;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.trainer.artifact.ModelTraining.TrainedModel;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.OhlcvBar;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.retrain.RetrainDecision;
import io.lstmsignals.trainer.retrain.RetrainPolicy;
import io.lstmsignals.trainer.retrain.WalkForward;
import io.lstmsignals.trainer.testing.StudyData;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The retrainer on a real broker and registry: it decides what the offline walk-forward decides,
 * byte for byte; a bad history fails the retrain cleanly while the champion keeps serving; and a
 * SIGKILL mid-training costs nothing but time.
 */
@WithStack
@Timeout(600)
class RetrainerIT {

  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final Duration FOUR_HOURS = Duration.ofHours(4);

  /** A small policy: a challenger every 180 bars on 900 bars, decided on MAE. */
  private static Map<String, String> policy(String line, int epochs) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(RetrainerConfig.LINES, line + ":BTCUSDT");
    settings.put(RetrainerConfig.EVERY_BARS, "180");
    settings.put(RetrainerConfig.WINDOW_BARS, "900");
    settings.put(RetrainerConfig.TRAIN_WINDOW_BARS, "16");
    settings.put(RetrainerConfig.TRAIN_HIDDEN, "8");
    settings.put(RetrainerConfig.TRAIN_LAYERS, "1");
    settings.put(RetrainerConfig.TRAIN_MAX_EPOCHS, Integer.toString(epochs));
    settings.put(RetrainerConfig.GATE_METRIC, "mae");
    return settings;
  }

  private record Topics(String prefix) {
    String bars() {
      return prefix + ".bars";
    }

    String models() {
      return prefix + ".models";
    }

    String promotions() {
      return prefix + ".promotions";
    }

    String events() {
      return prefix + ".events";
    }

    Map<String, String> settings(StackEndpoints stack) {
      return Map.of(
          RetrainerConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
          RetrainerConfig.SCHEMA_REGISTRY_URL, stack.registryUrl(),
          RetrainerConfig.GROUP_ID, prefix,
          RetrainerConfig.BARS_TOPIC, bars(),
          RetrainerConfig.MODELS_TOPIC, models(),
          RetrainerConfig.PROMOTIONS_TOPIC, promotions(),
          RetrainerConfig.EVENTS_TOPIC, events());
    }
  }

  private static Topics createTopics(StackEndpoints stack) {
    Topics topics = new Topics("retrainer-it-" + UUID.randomUUID());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(
              List.of(
                  io.lstmsignals.schemas.topic.Topics.BARS
                      .named(topics.bars())
                      .spec()
                      .withReplicationFactor((short) 1),
                  io.lstmsignals.schemas.topic.Topics.MODELS
                      .named(topics.models())
                      .spec()
                      .withReplicationFactor((short) 1),
                  io.lstmsignals.schemas.topic.Topics.MODEL_PROMOTIONS
                      .named(topics.promotions())
                      .spec()
                      .withReplicationFactor((short) 1),
                  io.lstmsignals.schemas.topic.Topics.MODEL_EVENTS
                      .named(topics.events())
                      .spec()
                      .withReplicationFactor((short) 1)));
    }
    return topics;
  }

  @Test
  void theRetrainerDecidesWhatTheWalkForwardDecidesAndRecordsBothModelsFigures(StackEndpoints stack)
      throws Exception {
    Topics topics = createTopics(stack);
    Map<String, String> settings = new HashMap<>(policy("btc-it", 4));
    settings.putAll(topics.settings(stack));
    RetrainerConfig config = RetrainerConfig.from(settings);
    BarSeries bars = StudyData.bars().between(Instant.MIN, Instant.parse("2024-09-01T00:00:00Z"));

    // Given a running retrainer, when the bars stream in
    try (RetrainerService service =
        new RetrainerService(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
      service.start();
      assertThat(service.awaitReady(WAIT)).isTrue();
      publish(stack, topics.bars(), bars.bars());
      List<ModelEvent> events = awaitEvents(stack, topics, 3);

      // Then it decides each boundary exactly as the offline walk-forward does
      WalkForward.Result offline = walkForward(config.policies().getFirst(), bars);
      assertThat(events).hasSize(offline.decisions().size());
      for (int i = 0; i < events.size(); i++) {
        ModelEvent event = events.get(i);
        RetrainDecision expected = offline.decisions().get(i);
        assertThat(event.getBoundary()).isEqualTo(expected.boundary());
        assertThat(event.getOutcome().name()).isEqualTo(expected.outcome().name());
        assertThat(event.getVersionInForce()).isEqualTo(expected.versionInForce().orElse(null));
        assertThat(event.getChallengerSha256())
            .isEqualTo(expected.challenger().map(TrainedModel::sha256).orElse(null));
        assertThat(event.getChallengerMetrics()).isEqualTo(expected.challengerMetrics());
        assertThat(event.getChampionMetrics()).isEqualTo(expected.championMetrics());
      }
      assertThat(events)
          .extracting(ModelEvent::getOutcome)
          .containsExactly(
              RetrainOutcome.PROMOTED, RetrainOutcome.REJECTED, RetrainOutcome.PROMOTED);
      // a rejected challenger is recorded with both models' figures on the same bars
      ModelEvent rejected = events.get(1);
      assertThat(rejected.getChallengerMetrics()).containsKeys("mae", "rows");
      assertThat(rejected.getChampionMetrics()).containsKeys("mae", "rows");
      assertThat(rejected.getChallengerMetrics().get("rows"))
          .isEqualTo(rejected.getChampionMetrics().get("rows"));
      assertThat(rejected.getReason()).contains("does not beat champion");

      // And releases and promotions say the same, the schedule declared first
      assertThat(releases(stack, topics))
          .extracting(ModelRelease::getSha256)
          .containsExactlyElementsOf(
              offline.promoted().values().stream()
                  .sorted(java.util.Comparator.comparing(TrainedModel::version))
                  .map(TrainedModel::sha256)
                  .toList());
      List<ModelPromotion> promotions = promotions(stack, topics);
      assertThat(promotions)
          .extracting(ModelPromotion::getAction)
          .containsExactly(
              PromotionAction.SCHEDULE,
              PromotionAction.PROMOTE,
              PromotionAction.KEEP,
              PromotionAction.PROMOTE);
      for (int i = 1; i < promotions.size(); i++) {
        assertThat(promotions.get(i).getEffectiveFrom())
            .isEqualTo(offline.decisions().get(i - 1).effectiveFrom());
        assertThat(promotions.get(i).getValidUntil())
            .isEqualTo(offline.decisions().get(i - 1).validUntil());
      }
    }
  }

  @Test
  void aRetrainOnBadHistoryFailsSayingWhyAndTheChampionKeepsServing(StackEndpoints stack)
      throws Exception {
    Topics topics = createTopics(stack);
    Map<String, String> settings = new HashMap<>(policy("btc-bad", 2));
    settings.putAll(topics.settings(stack));
    RetrainerConfig config = RetrainerConfig.from(settings);
    List<OhlcvBar> all = StudyData.bars().bars();
    // Bars up to the second boundary (2024-07-16) with a gap of 3 bars inside its window, then a
    // bar another producer wrote that breaks a rule (high below low) inside the third one
    Instant second = Instant.parse("2024-07-16T00:00:00Z");
    Instant third = Instant.parse("2024-08-15T00:00:00Z");
    Instant badBar = Instant.parse("2024-08-01T00:00:00Z");
    List<OhlcvBar> beforeBad = new ArrayList<>();
    List<OhlcvBar> afterBad = new ArrayList<>();
    for (OhlcvBar bar : all) {
      boolean inGap =
          !bar.openTime().isBefore(Instant.parse("2024-07-01T00:00:00Z"))
              && bar.openTime().isBefore(Instant.parse("2024-07-01T12:00:00Z"));
      if (inGap
          || bar.openTime().equals(badBar)
          || !bar.openTime().isBefore(third.plus(FOUR_HOURS))) {
        continue;
      }
      (bar.openTime().isBefore(badBar) ? beforeBad : afterBad).add(bar);
    }
    try (RetrainerService service =
        new RetrainerService(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
      service.start();
      assertThat(service.awaitReady(WAIT)).isTrue();
      publish(stack, topics.bars(), beforeBad);
      publishBroken(stack, topics.bars(), badBar);
      publish(stack, topics.bars(), afterBad);
      List<ModelEvent> events = awaitEvents(stack, topics, 3);

      assertThat(events)
          .extracting(ModelEvent::getOutcome)
          .containsExactly(RetrainOutcome.PROMOTED, RetrainOutcome.FAILED, RetrainOutcome.FAILED);
      String champion = events.getFirst().getVersionInForce();
      assertThat(events.get(1).getBoundary()).isEqualTo(second);
      assertThat(events.get(1).getReason())
          .contains("gap between the bars at 2024-06-30T20:00:00Z and 2024-07-01T12:00:00Z");
      assertThat(events.get(2).getReason())
          .contains("the bar opening at " + badBar + " breaks a bar rule")
          .containsPattern(java.util.regex.Pattern.quote(topics.bars()) + "-\\d+@\\d+");
      assertThat(events.subList(1, 3))
          .extracting(ModelEvent::getVersionInForce)
          .containsOnly(champion);
      assertThat(promotions(stack, topics))
          .extracting(ModelPromotion::getAction, ModelPromotion::getVersion)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(PromotionAction.SCHEDULE, null),
              org.assertj.core.groups.Tuple.tuple(PromotionAction.PROMOTE, champion),
              org.assertj.core.groups.Tuple.tuple(PromotionAction.KEEP, champion),
              org.assertj.core.groups.Tuple.tuple(PromotionAction.KEEP, champion));
    }
  }

  @Test
  void aRetrainerKilledMidTrainingResumesAndEndsWithAnUninterruptedRunsReleases(
      StackEndpoints stack) throws Exception {
    Topics topics = createTopics(stack);
    Map<String, String> settings = new HashMap<>(policy("btc-kill", 60));
    settings.put(RetrainerConfig.TRAIN_HIDDEN, "24");
    settings.putAll(topics.settings(stack));
    BarSeries bars = StudyData.bars().between(Instant.MIN, Instant.parse("2024-09-01T00:00:00Z"));
    publish(stack, topics.bars(), bars.bars());

    // Given a retrainer in its own JVM, killed (SIGKILL) while it trains its second challenger
    Path firstLog = Files.createTempFile("retrainer-first", ".log");
    Process first = retrainerProcess(settings, firstLog);
    awaitLine(first, firstLog, "Deciding btc-kill at boundary 2024-07-16T00:00:00Z");
    Thread.sleep(500);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<ModelEvent> beforeRestart = events(stack, topics);
    assertThat(beforeRestart).hasSizeLessThan(3);

    // When it is started again and finishes
    Process second = retrainerProcess(settings, Files.createTempFile("retrainer-second", ".log"));
    try {
      List<ModelEvent> events = awaitEvents(stack, topics, 3);

      // Then the decisions and releases equal an uninterrupted run's, none decided twice
      WalkForward.Result uninterrupted =
          walkForward(RetrainerConfig.from(settings).policies().getFirst(), bars);
      assertThat(events)
          .extracting(ModelEvent::getChallengerSha256)
          .containsExactlyElementsOf(
              uninterrupted.decisions().stream()
                  .map(d -> d.challenger().map(TrainedModel::sha256).orElse(null))
                  .toList());
      assertThat(releases(stack, topics))
          .extracting(ModelRelease::getSha256)
          .containsExactlyInAnyOrderElementsOf(
              uninterrupted.promoted().values().stream().map(TrainedModel::sha256).toList());
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static WalkForward.Result walkForward(RetrainPolicy policy, BarSeries bars) {
    try (Trainer trainer = new Trainer(Kernels.best(), 2)) {
      return WalkForward.run(
          policy, bars, trainer, TrainingListener.none(), (index, total, decision) -> {});
    }
  }

  private static Process retrainerProcess(Map<String, String> settings, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    // bin/retrainer itself: the service's own class path and JVM flags, not the test JVM's.
    command.add(Path.of("..", "bin", "retrainer").toAbsolutePath().normalize().toString());
    command.add("run");
    command.add("--set");
    command.add("http.port=0"); // its endpoint on any free port: runs here may overlap
    settings.forEach(
        (key, value) -> {
          command.add("--set");
          command.add(key + "=" + value);
        });
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the process's log holds {@code text}. */
  private static void awaitLine(Process process, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.readString(log).contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError(
            "the retrainer never logged '"
                + text
                + "' ("
                + (process.isAlive() ? "still running" : "exit " + process.exitValue())
                + "):\n"
                + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  private static void publish(StackEndpoints stack, String topic, List<OhlcvBar> bars)
      throws Exception {
    try (KafkaProducer<String, Bar> producer = producer(stack)) {
      for (OhlcvBar bar : bars) {
        producer.send(new ProducerRecord<>(topic, "BTCUSDT", toAvro(bar))).get();
      }
    }
  }

  /** A bar from "another producer" whose high is below its low: it breaks a bar rule. */
  private static void publishBroken(StackEndpoints stack, String topic, Instant openTime)
      throws Exception {
    Bar broken =
        Bar.newBuilder()
            .setSymbol("BTCUSDT")
            .setInterval("4h")
            .setOpenTime(openTime)
            .setCloseTime(openTime.plus(FOUR_HOURS))
            .setOpen(60000)
            .setHigh(59000)
            .setLow(61000)
            .setClose(60500)
            .setVolume(10)
            .setSource("another-producer")
            .build();
    try (KafkaProducer<String, Bar> producer = producer(stack)) {
      producer.send(new ProducerRecord<>(topic, "BTCUSDT", broken)).get();
    }
  }

  private static KafkaProducer<String, Bar> producer(StackEndpoints stack) {
    Map<String, Object> config =
        new HashMap<>(AvroSerdeConfig.specificRecords(stack.registryUrl()));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(
        config,
        new StringSerializer(),
        io.lstmsignals.schemas.topic.Topics.BARS.valueSerializer(
            AvroSerdeConfig.specificRecords(stack.registryUrl())));
  }

  private static Bar toAvro(OhlcvBar bar) {
    return Bar.newBuilder()
        .setSymbol("BTCUSDT")
        .setInterval("4h")
        .setOpenTime(bar.openTime())
        .setCloseTime(bar.openTime().plus(FOUR_HOURS))
        .setOpen(bar.open())
        .setHigh(bar.high())
        .setLow(bar.low())
        .setClose(bar.close())
        .setVolume(bar.volume())
        .setSource("replay:BTCUSDT-4h-2024.csv")
        .build();
  }

  private static List<ModelEvent> awaitEvents(StackEndpoints stack, Topics topics, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<ModelEvent> events = events(stack, topics);
      if (events.size() >= count) {
        return events;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + count + " model events within " + WAIT + ", found " + events);
      }
      Thread.sleep(500);
    }
  }

  private static List<ModelEvent> events(StackEndpoints stack, Topics topics) {
    return TopicSnapshot.read(
        Map.of("bootstrap.servers", stack.bootstrapServers()),
        AvroSerdeConfig.specificRecords(stack.registryUrl()),
        io.lstmsignals.schemas.topic.Topics.MODEL_EVENTS.named(topics.events()),
        Duration.ofSeconds(30));
  }

  private static List<ModelRelease> releases(StackEndpoints stack, Topics topics) {
    return TopicSnapshot.read(
        Map.of("bootstrap.servers", stack.bootstrapServers()),
        AvroSerdeConfig.specificRecords(stack.registryUrl()),
        io.lstmsignals.schemas.topic.Topics.MODELS.named(topics.models()),
        Duration.ofSeconds(30));
  }

  private static List<ModelPromotion> promotions(StackEndpoints stack, Topics topics) {
    return TopicSnapshot.read(
        Map.of("bootstrap.servers", stack.bootstrapServers()),
        AvroSerdeConfig.specificRecords(stack.registryUrl()),
        io.lstmsignals.schemas.topic.Topics.MODEL_PROMOTIONS.named(topics.promotions()),
        Duration.ofSeconds(30));
  }
}
