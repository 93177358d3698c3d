package io.lstmsignals.scorer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.DeadLetter;
import io.lstmsignals.schemas.avro.Decision;
import io.lstmsignals.schemas.avro.FlatReason;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.registry.InMemorySchemaRegistry;
import io.lstmsignals.schemas.serde.AvroSerdes;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.model.ModelViews;
import io.lstmsignals.scorer.signal.Scorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScorerTopologyTest {
  private static final String SCOPE = "ScorerTopologyTest";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration H4 = Duration.ofHours(4);
  private static final int W = 3;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModelSlot slot = new ModelSlot(ModelView.initial(Set.of(), false));
  private TopologyTestDriver driver;
  private TestInputTopic<String, Bar> bars;
  private TestInputTopic<String, byte[]> rawBars;
  private TestOutputTopic<String, Signal> signals;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  /**
   * Predicts +1% when the newest close rose, −1% otherwise; its version tells which model scored.
   */
  private static Scorer risingScorer(String version) {
    return new Scorer() {
      @Override
      public String modelName() {
        return "test-model";
      }

      @Override
      public String version() {
        return version;
      }

      @Override
      public int windowBars() {
        return W;
      }

      @Override
      public double predictLogReturn(float[] window) {
        int last = window.length - 5;
        return window[last + 3] > window[last - 5 + 3] ? 0.01 : -0.01;
      }
    };
  }

  @BeforeEach
  void setUp() {
    ScorerConfig config =
        ScorerConfig.from(
            Map.of(
                ScorerConfig.SCHEMA_REGISTRY_URL,
                "mock://" + SCOPE,
                ScorerConfig.WINDOW_CAPACITY,
                W + 1));
    Map<String, Object> serde = config.serdeConfig();
    Properties streams = new Properties();
    streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-topology-test");
    streams.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    streams.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    streams.put("schema.registry.url", "mock://" + SCOPE);
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    driver =
        new TopologyTestDriver(
            ScorerTopology.build(config, serde, slot, new ScorerMetrics(registry), clock), streams);
    bars =
        driver.createInputTopic(
            config.bars().name(),
            new StringSerializer(),
            AvroSerdes.specific(Bar.class, serde, false).serializer());
    rawBars =
        driver.createInputTopic(
            config.bars().name(), new StringSerializer(), new ByteArraySerializer());
    signals =
        driver.createOutputTopic(
            config.signals().name(),
            Serdes.String().deserializer(),
            AvroSerdes.specific(Signal.class, serde, false).deserializer());
    deadLetters =
        driver.createOutputTopic(
            config.barsDeadLetters().name(),
            Serdes.String().deserializer(),
            AvroSerdes.specific(DeadLetter.class, serde, false).deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  private static Bar bar(String symbol, int index, double close) {
    Instant open = T0.plus(H4.multipliedBy(index));
    return Bar.newBuilder()
        .setSymbol(symbol)
        .setInterval("4h")
        .setOpenTime(open)
        .setCloseTime(open.plus(H4))
        .setOpen(close)
        .setHigh(close + 1)
        .setLow(close - 1)
        .setClose(close)
        .setVolume(10)
        .setSource("test")
        .build();
  }

  private void send(Bar bar) {
    bars.pipeInput(bar.getSymbol(), bar, bar.getCloseTime());
  }

  @Test
  void shouldEmitOneSignalPerAcceptedBarStampedWithItsCloseTime() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));

    for (int i = 0; i < 6; i++) {
      send(bar("BTCUSDT", i, 100 + i));
    }

    List<TestRecord<String, Signal>> out = signals.readRecordsToList();
    assertThat(out).hasSize(6);
    assertThat(out).extracting(TestRecord::key).containsOnly("BTCUSDT");
    assertThat(out)
        .extracting(r -> r.getRecordTime())
        .containsExactly(
            out.stream().map(r -> r.getValue().getBarCloseTime()).toArray(Instant[]::new));
    assertThat(out)
        .extracting(r -> r.getValue().getReason())
        .containsExactly(
            FlatReason.WARMING_UP, FlatReason.WARMING_UP, FlatReason.WARMING_UP, null, null, null);
    Signal last = out.get(5).getValue();
    assertThat(last.getDecision()).isEqualTo(Decision.LONG);
    assertThat(last.getModelVersion()).isEqualTo("v1");
    assertThat(last.getReferenceClose()).isEqualTo(105.0);
    assertThat(last.getPredictedClose()).isEqualTo(105.0 * Math.exp(0.01));
    assertThat(registry.get("scorer.signals").tag("decision", "LONG").counter().count())
        .isEqualTo(3.0);
  }

  @Test
  void aSymbolNoLineServesShouldBeFlatWithThatReason() {
    slot.swap(ModelViews.noLines());

    send(bar("XRPUSDT", 0, 100));

    Signal signal = signals.readValue();
    assertThat(signal.getDecision()).isEqualTo(Decision.FLAT);
    assertThat(signal.getReason()).isEqualTo(FlatReason.NO_MODEL_FOR_SYMBOL);
    assertThat(signal.getModelVersion()).isNull();
    assertThat(signal.getModelLine()).isNull();
  }

  @Test
  void barsShouldWaitUntilTheirModelIsInForceThenEachBeDecidedOnceInOrder() {
    for (int i = 0; i < 5; i++) {
      send(bar("BTCUSDT", i, 100 + i));
    }
    driver.advanceWallClockTime(Duration.ofSeconds(5));
    assertThat(signals.isEmpty()).as("nothing decided before the models are read").isTrue();

    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT"));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    send(bar("BTCUSDT", 5, 105));

    List<Signal> out = signals.readValuesToList();
    assertThat(out)
        .extracting(Signal::getBarOpenTime)
        .containsExactly(
            T0,
            T0.plus(H4),
            T0.plus(H4.multipliedBy(2)),
            T0.plus(H4.multipliedBy(3)),
            T0.plus(H4.multipliedBy(4)),
            T0.plus(H4.multipliedBy(5)));
    assertThat(out).extracting(Signal::getModelVersion).containsOnly("v1");
    assertThat(out).extracting(Signal::getModelLine).containsOnly("test-model");
    assertThat(out.get(4).getDecision()).isEqualTo(Decision.LONG);
  }

  @Test
  void aTombstoneShouldBeDeadLetteredNamingIt() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT"));

    bars.pipeInput("BTCUSDT", null, T0);

    assertThat(deadLetters.readValue().getReason())
        .isEqualTo("record of key BTCUSDT has no value (a tombstone): bars are never deleted");
    assertThat(signals.isEmpty()).isTrue();
  }

  @Test
  void shouldIgnoreDuplicatesAndDeadLetterOlderBars() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    send(bar("ETHUSDT", 0, 10));
    send(bar("ETHUSDT", 1, 11));
    send(bar("ETHUSDT", 1, 11));
    send(bar("ETHUSDT", 0, 10));

    assertThat(signals.readRecordsToList()).hasSize(2);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo("scorer");
    assertThat(letter.getKey()).isEqualTo("ETHUSDT");
    assertThat(letter.getLocation()).isEqualTo("partition 0 offset 3");
    assertThat(letter.getReason())
        .contains("Bar ETHUSDT@2024-01-01T00:00:00Z opens before the newest bar")
        .contains("out of order");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldReportAGapUntilTheWindowRefills() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    for (int i = 0; i < 4; i++) {
      send(bar("BTCUSDT", i, 100 + i));
    }
    signals.readRecordsToList();

    for (int i = 6; i < 10; i++) {
      send(bar("BTCUSDT", i, 100 + i));
    }

    assertThat(signals.readRecordsToList())
        .extracting(r -> r.getValue().getReason())
        .containsExactly(
            FlatReason.GAP_IN_WINDOW, FlatReason.GAP_IN_WINDOW, FlatReason.GAP_IN_WINDOW, null);
  }

  @Test
  void shouldKeepSymbolsApart() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    for (int i = 0; i < 4; i++) {
      send(bar("BTCUSDT", i, 100 + i));
      send(bar("ETHUSDT", i + 2, 100 - i));
    }

    List<Signal> out = signals.readValuesToList();
    assertThat(out)
        .filteredOn(s -> s.getSymbol().equals("BTCUSDT"))
        .last()
        .extracting(Signal::getDecision)
        .isEqualTo(Decision.LONG);
    assertThat(out)
        .filteredOn(s -> s.getSymbol().equals("ETHUSDT"))
        .last()
        .extracting(Signal::getReason)
        .isEqualTo(FlatReason.PREDICTED_NOT_UP);
  }

  @Test
  void shouldScoreWithTheModelSwappedInBetweenBars() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    for (int i = 0; i < 5; i++) {
      send(bar("BTCUSDT", i, 100 + i));
    }
    slot.swap(ModelViews.serving(risingScorer("v2"), "BTCUSDT", "ETHUSDT"));
    send(bar("BTCUSDT", 5, 105));

    assertThat(signals.readValuesToList())
        .extracting(Signal::getModelVersion)
        .containsExactly("v1", "v1", "v1", "v1", "v1", "v2");
  }

  @Test
  void shouldDeadLetterMalformedBarsAndGoOn() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    Bar wrongKey = bar("BTCUSDT", 0, 100);
    bars.pipeInput("ETHUSDT", wrongKey, wrongKey.getCloseTime());
    Bar hourly = Bar.newBuilder(bar("BTCUSDT", 0, 100)).setInterval("1h").build();
    send(hourly);
    send(bar("BTCUSDT", 0, 100));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters)
        .extracting(DeadLetter::getReason)
        .containsExactly(
            "Bar BTCUSDT@2024-01-01T00:00:00Z: record key ETHUSDT differs from the bar's symbol",
            "Bar BTCUSDT@2024-01-01T00:00:00Z: interval 1h, expected 4h");
    assertThat(signals.readValuesToList()).hasSize(1);
    assertThat(registry.get("scorer.dead.letters").counter().count()).isEqualTo(2.0);
  }

  @Test
  void shouldDeadLetterUndeserializableRecordsWithTheirBytesAndGoOn() {
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    rawBars.pipeInput("BTCUSDT", new byte[] {0, 0, 0, 0, 42, 1, 2});
    send(bar("BTCUSDT", 0, 100));

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getOrigin()).isEqualTo("lstm.bars.4h");
    assertThat(letter.getLocation()).isEqualTo("partition 0 offset 0");
    assertThat(letter.getKey()).isEqualTo("BTCUSDT");
    assertThat(letter.getPayload().remaining()).isEqualTo(7);
    assertThat(letter.getReason()).startsWith("could not deserialize: ");
    assertThat(signals.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldDeadLetterABarWhoseProcessingFailsAndGoOn() {
    Scorer broken =
        new Scorer() {
          @Override
          public String modelName() {
            return "test-model";
          }

          @Override
          public String version() {
            return "broken";
          }

          @Override
          public int windowBars() {
            return 0;
          }

          @Override
          public double predictLogReturn(float[] window) {
            throw new IllegalStateException("bug in the model wrapper");
          }
        };
    slot.swap(ModelViews.serving(broken, "BTCUSDT", "ETHUSDT"));
    send(bar("BTCUSDT", 0, 100));
    slot.swap(ModelViews.serving(risingScorer("v1"), "BTCUSDT", "ETHUSDT"));
    send(bar("ETHUSDT", 0, 100));

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReason()).isEqualTo("processing failed: bug in the model wrapper");
    assertThat(letter.getErrorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.getKey()).isEqualTo("BTCUSDT");
    assertThat(letter.getLocation()).isEqualTo("partition 0 offset 0");
    assertThat(signals.readValuesToList()).extracting(Signal::getSymbol).containsExactly("ETHUSDT");
  }
}
