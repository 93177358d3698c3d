package io.lstmsignals.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.ShippedData;
import io.lstmsignals.ingest.bar.Gap;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.pipeline.SymbolTally;
import io.lstmsignals.ingest.publish.BarRecords;
import io.lstmsignals.ingest.publish.BarTopics;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.TopicContents;
import io.lstmsignals.ingest.source.CsvBarFile;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@WithStack
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplayIT {
  private final KafkaEndpoints endpoints;

  ReplayIT(StackEndpoints stack) {
    this.endpoints = new KafkaEndpoints(stack.bootstrapServers(), stack.registryUrl());
  }

  private String uniqueTopic(TestInfo info) {
    return TopicContents.created(
        endpoints,
        "ingest-it." + info.getTestMethod().orElseThrow().getName() + "." + System.nanoTime());
  }

  private static List<OhlcvBar> barsOf(String name) {
    List<OhlcvBar> bars = new ArrayList<>();
    try (CsvBarFile file = CsvBarFile.open(ShippedData.file(name))) {
      file.forEachRemaining(record -> bars.add(((InputRecord.Parsed) record).bar()));
    }
    return bars;
  }

  private static Map<String, List<OhlcvBar>> bySymbol(List<ConsumerRecord<String, Bar>> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                ConsumerRecord::key,
                Collectors.mapping(r -> BarRecords.fromAvro(r.value()), Collectors.toList())));
  }

  @Test
  void fullBtcAndEthReplayShouldPublishEveryBarOnceInOrderAndAReplayAgainNothing(TestInfo info)
      throws Exception {
    // Given
    String topic = uniqueTopic(info);
    List<Path> files =
        List.of(ShippedData.file("BTCUSDT-4h.csv"), ShippedData.file("ETHUSDT-4h.csv"));
    // When
    ReplayJob.Result first =
        ReplayJob.run(endpoints, topic, files, 0, true, Plausibility.DEFAULT, line -> {});
    // Then: counts equal the files' rows, and the 8 outages are reported per symbol
    for (SymbolTally tally : first.tallies().values()) {
      assertThat(tally.records()).isEqualTo(18_370);
      assertThat(tally.published()).isEqualTo(18_370);
      assertThat(tally.rejected() + tally.duplicates() + tally.alreadyPublished()).isZero();
      assertThat(tally.gaps()).hasSize(8);
      assertThat(tally.gaps())
          .extracting(Gap::missingBars)
          .containsExactly(7L, 2L, 1L, 1L, 1L, 2L, 1L, 1L);
    }
    // and every bar arrived once, in order per symbol, stamped with its close time
    List<ConsumerRecord<String, Bar>> records = TopicContents.read(endpoints, topic);
    assertThat(records).hasSize(2 * 18_370);
    assertThat(records)
        .allSatisfy(
            r -> assertThat(r.timestamp()).isEqualTo(r.value().getCloseTime().toEpochMilli()));
    Map<String, List<OhlcvBar>> published = bySymbol(records);
    assertThat(published.get("BTCUSDT")).isEqualTo(barsOf("BTCUSDT-4h.csv"));
    assertThat(published.get("ETHUSDT")).isEqualTo(barsOf("ETHUSDT-4h.csv"));
    assertThat(records.getFirst().value().getSource()).startsWith("replay:");

    // When the same files are replayed again into the same topic
    ReplayJob.Result second =
        ReplayJob.run(endpoints, topic, files, 0, true, Plausibility.DEFAULT, line -> {});
    // Then nothing is published the second time
    assertThat(second.published()).isZero();
    assertThat(second.tallies().values())
        .allSatisfy(t -> assertThat(t.alreadyPublished()).isEqualTo(18_370));
    assertThat(TopicContents.endOffsetSum(endpoints, topic)).isEqualTo(2 * 18_370);
    assertThat(TopicContents.endOffsetSum(endpoints, BarTopics.deadLetters(topic).name())).isZero();
  }

  @Test
  void ltcHourlyReplayShouldPublishExactlyTheFourHourFile(TestInfo info) throws Exception {
    String topic = uniqueTopic(info);
    ReplayJob.run(
        endpoints,
        topic,
        List.of(ShippedData.file("LTCUSDT-1h-2024.csv")),
        0,
        true,
        Plausibility.DEFAULT,
        line -> {});
    List<ConsumerRecord<String, Bar>> records = TopicContents.read(endpoints, topic);
    assertThat(records).hasSize(2_196);
    assertThat(bySymbol(records).get("LTCUSDT")).isEqualTo(barsOf("LTCUSDT-4h-2024.csv"));
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.value().getInterval()).isEqualTo("4h");
              assertThat(r.value().getSource())
                  .isEqualTo("aggregate:4h:replay:LTCUSDT-1h-2024.csv");
            });
  }

  @Test
  void badLinesShouldGoToTheDeadLetterTopicWhileGoodBarsArePublished(
      TestInfo info, @TempDir Path dir) throws Exception {
    // Given a file with good bars around a non-numeric price, a high < low and an out-of-order bar
    String topic = uniqueTopic(info);
    Path file = dir.resolve("BTCUSDT-4h.csv");
    Files.write(
        file,
        List.of(
            "open_time_utc,open,high,low,close,volume",
            "2024-01-01T00:00:00Z,100,110,90,105,5",
            "2024-01-01T04:00:00Z,abc,110,90,105,5",
            "2024-01-01T04:00:00Z,105,99,100,106,1",
            "2024-01-01T08:00:00Z,105,112,101,108,7",
            "2023-12-31T20:00:00Z,105,111,100,106,1",
            "2024-01-01T12:00:00Z,108,115,104,110,3"));
    // When
    ReplayJob.Result result =
        ReplayJob.run(endpoints, topic, List.of(file), 0, true, Plausibility.DEFAULT, line -> {});
    // Then
    assertThat(result.tallies().get("BTCUSDT").published()).isEqualTo(3);
    assertThat(result.tallies().get("BTCUSDT").rejected()).isEqualTo(3);
    List<ConsumerRecord<String, Bar>> bars = TopicContents.read(endpoints, topic);
    assertThat(bars)
        .extracting(r -> r.value().getOpenTime().toString())
        .containsExactly("2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z", "2024-01-01T12:00:00Z");
    List<ConsumerRecord<String, DeadLetter>> dead =
        TopicContents.read(endpoints, BarTopics.deadLetters(topic).name());
    assertThat(dead)
        .extracting(r -> r.value().getLocation())
        .containsExactly("line 3", "line 4", "line 6");
    assertThat(dead)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo("BTCUSDT");
              assertThat(r.value().getStage()).isEqualTo("ingest");
              assertThat(r.value().getOrigin()).isEqualTo(file.toString());
            });
    assertThat(dead.get(0).value().getReason()).isEqualTo("open 'abc' is not a number");
    assertThat(dead.get(0).value().getPayloadText())
        .isEqualTo("2024-01-01T04:00:00Z,abc,110,90,105,5");
    assertThat(dead.get(1).value().getReason()).contains("high 99.0 < low 100.0");
    assertThat(dead.get(2).value().getReason()).contains("is before the previous BTCUSDT bar's");
  }

  @Test
  void aListingArtifactShouldBeDeadLetteredWithTheRuleAndTheNextBarsPublished(
      TestInfo info, @TempDir Path dir) throws Exception {
    // Given a new symbol whose first bar is a listing print: low 67 % below its open
    String topic = uniqueTopic(info);
    Path file = dir.resolve("BNBUSDT-4h.csv");
    Files.write(
        file,
        List.of(
            "open_time_utc,open,high,low,close,volume",
            "2017-11-06T00:00:00Z,2.0,2.0,0.66,1.65,1000",
            "2017-11-06T04:00:00Z,1.65,1.8,1.6,1.7,800",
            "2017-11-06T08:00:00Z,1.7,1.75,1.65,1.72,900"));

    // When
    ReplayJob.Result result =
        ReplayJob.run(endpoints, topic, List.of(file), 0, true, Plausibility.DEFAULT, line -> {});

    // Then
    assertThat(result.tallies().get("BNBUSDT").published()).isEqualTo(2);
    assertThat(result.tallies().get("BNBUSDT").implausible()).isEqualTo(1);
    assertThat(TopicContents.<Bar>read(endpoints, topic))
        .extracting(r -> r.value().getOpenTime().toString())
        .containsExactly("2017-11-06T04:00:00Z", "2017-11-06T08:00:00Z");
    List<ConsumerRecord<String, DeadLetter>> dead =
        TopicContents.read(endpoints, BarTopics.deadLetters(topic).name());
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.value().getLocation()).isEqualTo("line 2");
              assertThat(r.value().getReason())
                  .isEqualTo(
                      "implausible bar: high 2 / low 0.66 = 3.030 exceeds the range limit 2.5"
                          + " (ingest.plausibility.max.range.ratio)");
            });
  }

  @Test
  void aFileWithOnlyAHeaderShouldSaySoNamingTheFile(TestInfo info, @TempDir Path dir)
      throws Exception {
    // Given
    String topic = uniqueTopic(info);
    Path file = dir.resolve("ETHUSDT-4h.csv");
    Files.write(file, List.of("open_time_utc,open,high,low,close,volume"));
    StringWriter out = new StringWriter();

    // When
    int exit =
        IngestMain.commandLine()
            .setOut(new PrintWriter(out))
            .execute(
                "replay",
                "--topic",
                topic,
                "--bootstrap-servers",
                endpoints.bootstrapServers(),
                "--schema-registry-url",
                endpoints.registryUrl(),
                file.toString());

    // Then
    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("no input in " + file + ": 0 bars, only a header")
        .contains("published 0 bars");
  }
}
