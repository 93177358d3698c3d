package io.lstmsignals.signals.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.signals.stream.SignalsMetrics;
import io.lstmsignals.signals.stream.SignalsTopology;
import io.lstmsignals.signals.stream.StackFixture;
import io.lstmsignals.signals.stream.SyntheticMarket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@WithStack
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SignalsCommandsIT {

  private final StackEndpoints endpoints;
  @TempDir Path dir;

  SignalsCommandsIT(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  private final StringWriter err = new StringWriter();

  private String execute(String... args) {
    StringWriter out = new StringWriter();
    int code =
        SignalsMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    assertThat(code).as("exit code of %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  @Test
  void shouldTailSignalsAndPnlAndWriteAReport() throws Exception {
    // Given a processed market of 20 bars
    SyntheticMarket market = SyntheticMarket.of("BTCUSDT", 20, 9);
    StackFixture fixture = new StackFixture(endpoints, "commands", dir);
    Map<String, Object> props = fixture.properties("commands");
    SignalsConfig config = SignalsConfig.from(props);
    fixture.createTopics(config);
    // and, first on its partition, a record that is no Avro at all
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  config.signals().name(), "BTCUSDT", "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    fixture.produce(
        config.bars().name(), market.bars(), Bar::getSymbol, b -> b.getCloseTime().toEpochMilli());
    fixture.produce(
        config.signals().name(),
        market.signals(),
        Signal::getSymbol,
        s -> s.getBarCloseTime().toEpochMilli());
    try (KafkaStreams streams =
        new KafkaStreams(
            SignalsTopology.build(config, new SignalsMetrics(new SimpleMeterRegistry())),
            config.streamsProperties())) {
      streams.start();
      fixture.readPnlUntil(
          config.pnl().name(),
          read -> read.stream().filter(p -> p.getScope() == PnlScope.PORTFOLIO).count() >= 19,
          Duration.ofSeconds(90),
          "the portfolio has all 19 bars");
    }
    Path configFile = dir.resolve("signals.properties");
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      StackFixture.asProperties(props).store(writer, null);
    }

    // When
    String signals =
        execute(
            "tail",
            "--config",
            configFile.toString(),
            "--from-beginning",
            "--json",
            "--max-records",
            "3");
    String portfolio =
        execute(
            "tail",
            "--config",
            configFile.toString(),
            "--topic",
            "pnl",
            "--symbol",
            "PORTFOLIO",
            "--from-beginning",
            "--idle-exit",
            "PT3S");
    String report =
        execute(
            "report", "--config", configFile.toString(), "--out", dir.resolve("report").toString());

    // Then the undecodable record is reported with its coordinates, and the tail goes on past it
    assertThat(err.toString())
        .containsPattern(
            "skipped "
                + config.signals().name().replace(".", "\\.")
                + "-\\d+@0 key=BTCUSDT: cannot decode it: ");
    List<String> signalLines = signals.lines().toList();
    assertThat(signalLines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    for (String line : signalLines) {
      assertThat(json.readTree(line).get("symbol").asText()).isEqualTo("BTCUSDT");
      assertThat(json.readTree(line).get("decision").asText()).isIn("LONG", "FLAT");
    }
    assertThat(portfolio.lines().toList())
        .hasSize(19)
        .allSatisfy(
            line -> assertThat(line).startsWith("PnlSnapshot key=PORTFOLIO scope=PORTFOLIO"));
    assertThat(report).contains("report.md (2 series)");
    String markdown = Files.readString(dir.resolve("report/report.md"));
    assertThat(markdown)
        .contains("## BTCUSDT")
        .contains("## PORTFOLIO (portfolio)")
        .contains("| bars | 19 | 19 |");
    assertThat(dir.resolve("report/btcusdt-equity.svg")).exists();
    assertThat(dir.resolve("report/portfolio__portfolio_-equity.svg")).exists();
  }
}
