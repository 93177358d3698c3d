package io.lstmsignals.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ops.demo.DemoPipeline;
import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.ModelRelease;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.lifecycle.TopicSnapshot;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.topic.Topic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two replays of one range beside a live pipeline on the same broker: the replays give identical
 * signals and P&amp;L, and neither they nor the live pipeline see each other's records.
 */
@WithStack
@Timeout(480)
class ReplayIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path BTC_2024 = REPO.resolve("data/BTCUSDT-4h-2024.csv");
  private static final Path MODEL = REPO.resolve("models/lstm-4h-default");
  private static final Instant LIVE_FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant LIVE_TO = Instant.parse("2024-02-01T00:00:00Z");
  private static final Instant REPLAY_FROM = Instant.parse("2024-06-01T00:00:00Z");
  private static final Instant REPLAY_TO = Instant.parse("2024-07-01T00:00:00Z");

  @Test
  void shouldReplayIdenticallyBesideALivePipelineWithoutEitherSeeingTheOther(
      StackEndpoints stack, @TempDir Path dir) throws Exception {
    // Given a live pipeline with its model released and promoted, its January bars realized
    String suffix = Long.toString(System.nanoTime(), 36);
    PipelineTopics live = PipelineTopics.suffixed("live" + suffix);
    List<Path> liveBars =
        ReplayInput.slice(List.of(BTC_2024), LIVE_FROM, LIVE_TO, dir.resolve("live-input"));
    try (DemoPipeline pipeline =
        new DemoPipeline(
            stack,
            live,
            new DemoPipeline.Settings(
                liveBars,
                MODEL,
                0,
                0,
                0,
                "REFERENCE_CLOSE",
                "live" + suffix,
                dir.resolve("live-state"),
                -1,
                Map.of()),
            line -> {})) {
      pipeline.createTopics();
      ModelRelease release = pipeline.releaseModel();
      pipeline.startProcessors();
      pipeline.replay();
      pipeline.awaitPnl(Duration.ofMinutes(3));

      // When June is replayed twice, pinned to the live version, while the live pipeline runs
      String first = "a" + suffix;
      String second = "b" + suffix;
      for (String run : List.of(first, second)) {
        String output =
            execute(
                0,
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--models-topic",
                live.models().name(),
                "--promotions-topic",
                live.promotions().name(),
                "--model-version",
                release.getVersion(),
                "--from",
                REPLAY_FROM.toString(),
                "--to",
                REPLAY_TO.toString(),
                "--run",
                run,
                "--out",
                dir.resolve(run).toString(),
                BTC_2024.toString());
        assertThat(output)
            .contains("Pinned lstm-4h@" + release.getVersion())
            .contains("| cumulative return |")
            .contains("bin/replay --delete " + run);
      }

      // Then both replays decided every June bar alike, with the pinned version, to the last bit
      List<Signal> a = signals(stack, ReplayMain.topicsOf(first).signals());
      List<Signal> b = signals(stack, ReplayMain.topicsOf(second).signals());
      assertThat(a).hasSize(180);
      assertThat(a).allMatch(s -> inRange(s.getBarOpenTime(), REPLAY_FROM, REPLAY_TO));
      assertThat(a.stream().filter(s -> s.getPredictedLogReturn() != null))
          .isNotEmpty()
          .allMatch(s -> release.getVersion().equals(s.getModelVersion()));
      assertThat(b).isEqualTo(a);
      Map<String, List<PnlSnapshot>> pnlA = bySeries(read(stack, ReplayMain.topicsOf(first).pnl()));
      assertThat(pnlA.get("SYMBOL/BTCUSDT")).hasSize(179);
      assertThat(pnlA.get("PORTFOLIO/PORTFOLIO")).hasSize(179);
      assertThat(bySeries(read(stack, ReplayMain.topicsOf(second).pnl()))).isEqualTo(pnlA);

      // ... and the live topics hold only the live bars' records, and nothing of a replay's
      List<Signal> liveSignals = signals(stack, live.signals());
      assertThat(liveSignals).hasSize(186);
      assertThat(liveSignals).allMatch(s -> inRange(s.getBarOpenTime(), LIVE_FROM, LIVE_TO));
      assertThat(read(stack, live.bars()))
          .hasSize(186)
          .allMatch(bar -> inRange(bar.getOpenTime(), LIVE_FROM, LIVE_TO));
      assertThat(read(stack, live.models())).hasSize(1);

      // When the first replay is deleted, its topics go and the second's and the live ones stay
      assertThat(execute(0, "--bootstrap-servers", stack.bootstrapServers(), "--list"))
          .contains(first, second);
      assertThat(execute(0, "--bootstrap-servers", stack.bootstrapServers(), "--delete", first))
          .contains("deleted " + ReplayMain.topicsOf(first).bars().name());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
        Set<String> topics = admin.listTopics().names().get();
        assertThat(topics)
            .noneMatch(t -> t.contains("replay-" + first))
            .contains(ReplayMain.topicsOf(second).bars().name(), live.bars().name());
      }
      assertThat(execute(2, "--bootstrap-servers", stack.bootstrapServers(), "--delete", first))
          .contains("no topics of replay run " + first);
    }
  }

  private static boolean inRange(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  /** Each P&amp;L series (a symbol's, the portfolio's) in its own order. */
  private static Map<String, List<PnlSnapshot>> bySeries(List<PnlSnapshot> snapshots) {
    return snapshots.stream()
        .collect(
            Collectors.groupingBy(
                p -> p.getScope() + "/" + p.getSymbol(), TreeMap::new, Collectors.toList()));
  }

  /** The signals without the wall-clock time they were scored at. */
  private static List<Signal> signals(StackEndpoints stack, Topic<String, Signal> topic) {
    return read(stack, topic).stream()
        .map(s -> Signal.newBuilder(s).setScoredAt(Instant.EPOCH).build())
        .toList();
  }

  private static <V extends SpecificRecord> List<V> read(
      StackEndpoints stack, Topic<String, V> topic) {
    return TopicSnapshot.read(
        Map.of("bootstrap.servers", stack.bootstrapServers()),
        AvroSerdeConfig.specificRecords(stack.registryUrl()),
        topic,
        Duration.ofSeconds(30));
  }

  private static String execute(int expectedExit, String... args) {
    CommandLine command = ReplayMain.commandLine();
    StringWriter out = new StringWriter();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));
    assertThat(command.execute(args))
        .as("exit of replay; output:%n%s", out)
        .isEqualTo(expectedExit);
    return out.toString();
  }
}
