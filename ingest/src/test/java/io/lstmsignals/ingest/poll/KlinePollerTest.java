package io.lstmsignals.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.RecordingSink;
import io.lstmsignals.schemas.contract.BarInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KlinePollerTest {
  private static final RecordedKlines BTC = RecordedKlines.fromShippedFile("BTCUSDT-4h-2024.csv");
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** Answers from the recording; fails the calls whose numbers (1-based) are listed. */
  private static final class RecordedSource implements KlineSource {
    final MutableClock clock;
    final List<Integer> failingCalls;
    final List<Instant> requestedFrom = new ArrayList<>();

    RecordedSource(MutableClock clock, List<Integer> failingCalls) {
      this.clock = clock;
      this.failingCalls = failingCalls;
    }

    @Override
    public KlinePage fetch(String symbol, BarInterval interval, Instant from, int limit)
        throws KlineFetchException {
      requestedFrom.add(from);
      if (failingCalls.contains(requestedFrom.size())) {
        throw new KlineFetchException("HTTP 503 (recorded outage)");
      }
      return new KlinePage(
          KlineJson.parse(
              BTC.json(from, limit, clock.instant()), symbol, interval, "poll:test", "recorded"));
    }
  }

  private static List<OhlcvBar> closedBy(Instant now) {
    return BTC.bars().stream().filter(b -> !b.closeTime().isAfter(now)).toList();
  }

  @Test
  void shouldPublishEveryClosedBarOnceAndNeverTheOpenOne() throws Exception {
    // Given now is inside the bar opening 2024-01-05T08:00Z, and pages of 10
    MutableClock clock = new MutableClock(Instant.parse("2024-01-05T09:30:00Z"));
    RecordedSource source = new RecordedSource(clock, List.of());
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, s -> null, Plausibility.DEFAULT);
    KlinePoller poller =
        new KlinePoller(
            source,
            List.of("BTCUSDT"),
            BarInterval.FOUR_HOURS,
            10,
            pipeline,
            clock,
            Map.of("BTCUSDT", START));
    // When
    poller.catchUp();
    poller.catchUp();
    // Then: 26 closed bars over pages of 10, 10, 7 (the 7th the open bar), then one page with only
    // the open bar
    assertThat(sink.published).isEqualTo(closedBy(clock.instant())).hasSize(26);
    assertThat(source.requestedFrom).hasSize(4);
    assertThat(poller.cursors()).containsEntry("BTCUSDT", Instant.parse("2024-01-05T08:00:00Z"));
  }

  @Test
  void shouldBackFillFromTheCursorAfterAnOutageWithoutHoleOrDuplicate() throws Exception {
    // Given the second and third requests fail
    MutableClock clock = new MutableClock(Instant.parse("2024-01-02T01:00:00Z"));
    RecordedSource source = new RecordedSource(clock, List.of(2, 3));
    RecordingSink sink = new RecordingSink();
    IngestPipeline pipeline =
        new IngestPipeline(BarInterval.FOUR_HOURS, sink, s -> null, Plausibility.DEFAULT);
    KlinePoller poller =
        new KlinePoller(
            source,
            List.of("BTCUSDT"),
            BarInterval.FOUR_HOURS,
            500,
            pipeline,
            clock,
            Map.of("BTCUSDT", START));
    poller.catchUp();
    // When two days pass during the outage
    clock.set(Instant.parse("2024-01-03T13:00:00Z"));
    poller.catchUp();
    clock.set(Instant.parse("2024-01-04T03:00:00Z"));
    poller.catchUp();
    poller.catchUp();
    // Then
    assertThat(sink.published).isEqualTo(closedBy(clock.instant()));
    assertThat(sink.rejected).isEmpty();
    assertThat(source.requestedFrom.subList(1, 4))
        .containsOnly(Instant.parse("2024-01-02T00:00:00Z"));
  }
}
