package io.lstmsignals.signals.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void subscriberMustGetTheSnapshotThenEveryLaterChangeOnce() throws Exception {
    // Given a state with one bar and one signal
    DashboardState state = new DashboardState("lstm.model.events", List.of("lstm.bars.4h.dlq"));
    state.onBar("BTCUSDT", 1000, 1.10, 0, 0.05);
    state.onSignal("BTCUSDT", 1000, "LONG", null, null, 101.0, 100.0, "v1");

    // When a browser subscribes and a bar is realized afterwards
    BlockingQueue<String> queue = DashboardState.newQueue();
    JsonNode snapshot = JSON.readTree(state.subscribe(queue));
    state.onBar("BTCUSDT", 2000, 1.21, 0, -0.10);
    state.onBar("BTCUSDT", 2000, 9.99, 0, 0.0); // a repeat of the same bar is ignored
    state.onDeadLetter("lstm.bars.4h.dlq");

    // Then the snapshot holds the first bar, and the queue the later changes, once each
    assertThat(snapshot.path("series").path("BTCUSDT").path("t").size()).isEqualTo(1);
    assertThat(snapshot.path("signals").path("BTCUSDT").path("modelVersion").asText())
        .isEqualTo("v1");
    assertThat(snapshot.path("deadLetters").path("lstm.bars.4h.dlq").asLong()).isZero();
    assertThat(snapshot.path("modelEventsTopicExists").asBoolean()).isFalse();
    JsonNode bar = JSON.readTree(queue.take());
    assertThat(bar.path("type").asText()).isEqualTo("bar");
    assertThat(bar.path("t").asLong()).isEqualTo(2000);
    // buy-and-hold compounds the market returns: 1.05 · 0.90, drawdown from its peak 1.05
    assertThat(bar.path("hold").asDouble()).isCloseTo(1.05 * 0.90, within(1e-12));
    assertThat(bar.path("holdDrawdown").asDouble()).isCloseTo(-0.10, within(1e-12));
    assertThat(JSON.readTree(queue.take()).path("count").asLong()).isEqualTo(1);
    assertThat(queue).isEmpty();
  }

  @Test
  void olderSignalMustNotReplaceTheLatest() throws Exception {
    DashboardState state = new DashboardState("events", List.of());
    state.onSignal("ETHUSDT", 2000, "FLAT", "NO_MODEL", "no model", null, 10.0, null);
    state.onSignal("ETHUSDT", 1000, "LONG", null, null, 11.0, 10.0, "v1");

    JsonNode snapshot = JSON.readTree(state.snapshot());

    assertThat(snapshot.path("signals").path("ETHUSDT").path("decision").asText())
        .isEqualTo("FLAT");
    assertThat(snapshot.path("signals").path("ETHUSDT").path("predictedClose").isNull()).isTrue();
  }
}
