package io.lstmsignals.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.app.PollJob;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.ingest.publish.BarRecords;
import io.lstmsignals.ingest.publish.BarTopics;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.publish.TopicContents;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.contract.BarInterval;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

@WithStack
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KlinePollerIT {
  private static final RecordedKlines BTC_4H =
      RecordedKlines.fromShippedFile("BTCUSDT-4h-2024.csv");
  private static final RecordedKlines LTC_1H =
      RecordedKlines.fromShippedFile("LTCUSDT-1h-2024.csv");
  private static final RecordedKlines LTC_4H =
      RecordedKlines.fromShippedFile("LTCUSDT-4h-2024.csv");
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400), 4_800);

  private final KafkaEndpoints endpoints;
  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-20T10:00:00Z"));
  private final RecordedExchange exchange;
  private final SleepRecorder sleeps = new SleepRecorder();

  KlinePollerIT(StackEndpoints stack) throws Exception {
    endpoints = new KafkaEndpoints(stack.bootstrapServers(), stack.registryUrl());
    exchange =
        new RecordedExchange(clock).serve("BTCUSDT", "4h", BTC_4H).serve("LTCUSDT", "1h", LTC_1H);
  }

  @AfterEach
  void stop() {
    exchange.close();
    http.close();
  }

  /** Waiting that only records how long it was asked to wait. */
  private static final class SleepRecorder implements TimeSource {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) {
      waits.add(Duration.ofNanos(nanos));
    }
  }

  private PollJob poller(String topic, String symbol, BarInterval interval) {
    BinanceKlineClient client =
        new BinanceKlineClient(
            exchange.baseUrl(), http, Duration.ofMillis(500), FAST_RETRY, sleeps, clock);
    return new PollJob(
        endpoints,
        topic,
        client,
        List.of(symbol),
        interval,
        100,
        clock,
        Instant.parse("2024-01-01T00:00:00Z"),
        Plausibility.DEFAULT,
        new SimpleMeterRegistry());
  }

  private static List<OhlcvBar> closedBy(RecordedKlines recorded, Instant now) {
    return recorded.bars().stream().filter(b -> !b.closeTime().isAfter(now)).toList();
  }

  private List<OhlcvBar> published(String topic) {
    List<ConsumerRecord<String, Bar>> records = TopicContents.read(endpoints, topic);
    return records.stream().map(r -> BarRecords.fromAvro(r.value())).toList();
  }

  @Test
  void shouldBackFillAfterAnOutageWithoutDuplicatesAndNeverPublishTheOpenBar(TestInfo info)
      throws Exception {
    String topic = TopicContents.created(endpoints, "ingest-it.poll." + System.nanoTime());
    // Given an exchange that fails, times out, rate-limits and reports heavy weight on the first
    // requests
    exchange.queue(
        RecordedExchange.Fault.SERVER_ERROR,
        RecordedExchange.Fault.SLOW,
        RecordedExchange.Fault.RATE_LIMITED,
        RecordedExchange.Fault.HEAVY_WEIGHT);
    try (PollJob first = poller(topic, "BTCUSDT", BarInterval.FOUR_HOURS)) {
      // When it catches up from 2024-01-01 at 2024-01-20T10:00 (the 08:00 bar still open), 100
      // klines a page
      first.catchUp();
      // Then every closed bar is published once, over a page boundary, and the open bar is not
      assertThat(published(topic)).isEqualTo(closedBy(BTC_4H, clock.instant())).hasSize(116);
      assertThat(sleeps.waits)
          .contains(
              Duration.ofMillis(100),
              Duration.ofMillis(200),
              Duration.ofSeconds(7),
              Duration.ofSeconds(60));

      // When the exchange goes down while five days pass, and the poller is stopped during the
      // outage
      exchange.setDown(true);
      clock.set(Instant.parse("2024-01-25T01:00:00Z"));
      first.catchUp();
      assertThat(TopicContents.endOffsetSum(endpoints, topic)).isEqualTo(116);
    }
    // and a new poller starts two weeks later, when the exchange is back
    exchange.setDown(false);
    clock.set(Instant.parse("2024-02-10T13:00:00Z"));
    try (PollJob restarted = poller(topic, "BTCUSDT", BarInterval.FOUR_HOURS)) {
      assertThat(restarted.poller().cursors())
          .containsEntry("BTCUSDT", Instant.parse("2024-01-20T08:00:00Z"));
      restarted.catchUp();
      restarted.catchUp();
    }
    // Then the hole is back-filled: every closed bar exactly once, in order, the open 12:00 bar
    // absent
    List<OhlcvBar> bars = published(topic);
    assertThat(bars).isEqualTo(closedBy(BTC_4H, clock.instant()));
    assertThat(bars.getLast().openTime()).isEqualTo(Instant.parse("2024-02-10T08:00:00Z"));
    assertThat(TopicContents.endOffsetSum(endpoints, BarTopics.deadLetters(topic).name())).isZero();
  }

  @Test
  void hourlyPollShouldPublishOnlyCompleteFourHourBarsAcrossARestart(TestInfo info)
      throws Exception {
    String topic = TopicContents.created(endpoints, "ingest-it.poll1h." + System.nanoTime());
    // Given now is 2024-01-03T06:30: the 04:00 slot has two closed hours and one open
    clock.set(Instant.parse("2024-01-03T06:30:00Z"));
    try (PollJob first = poller(topic, "LTCUSDT", BarInterval.parse("1h"))) {
      first.catchUp();
      assertThat(published(topic)).isEqualTo(closedBy(LTC_4H, clock.instant())).hasSize(13);
    }
    // When the poller restarts a day later
    clock.set(Instant.parse("2024-01-04T09:00:00Z"));
    try (PollJob restarted = poller(topic, "LTCUSDT", BarInterval.parse("1h"))) {
      restarted.catchUp();
    }
    // Then the interrupted slot is rebuilt from its hours and every 4h bar equals the 4h file
    assertThat(published(topic)).isEqualTo(closedBy(LTC_4H, clock.instant())).hasSize(20);
  }
}
