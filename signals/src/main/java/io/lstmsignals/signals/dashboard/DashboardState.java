package io.lstmsignals.signals.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What the dashboard shows, kept in memory from the topics: per symbol the latest signal, per
 * P&amp;L series (each symbol and the portfolio) its equity, buy-and-hold's and both drawdowns
 * after every realized bar, dead-letter counts per topic and the latest model events. Every change
 * is also sent, as one JSON event, to each subscriber (a browser's server-sent-events stream).
 *
 * <p>Thread-safe: the feed thread updates it, HTTP threads subscribe; a subscriber gets the
 * snapshot and then every later event, none lost and none twice.
 */
final class DashboardState {

  /** Model events kept for the panel, newest last. */
  static final int MODEL_EVENTS_KEPT = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One series' points, as parallel arrays. */
  private static final class Series {
    final List<Long> times = new ArrayList<>();
    final List<Double> equity = new ArrayList<>();
    final List<Double> hold = new ArrayList<>();
    final List<Double> drawdown = new ArrayList<>();
    final List<Double> holdDrawdown = new ArrayList<>();
    double holdEquity = 1;
    double holdPeak = 1;
  }

  private final String modelEventsTopic;
  private final Map<String, ObjectNode> signals = new TreeMap<>();
  private final Map<String, Series> series = new TreeMap<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private final Deque<JsonNode> modelEvents = new ArrayDeque<>();
  private final Set<BlockingQueue<String>> subscribers = new LinkedHashSet<>();
  private boolean modelEventsTopicExists;

  DashboardState(String modelEventsTopic, List<String> deadLetterTopics) {
    this.modelEventsTopic = modelEventsTopic;
    deadLetterTopics.forEach(topic -> deadLetters.put(topic, 0L));
  }

  /** The latest signal of a symbol (decided on the bar closing at barCloseTime). */
  synchronized void onSignal(
      String symbol,
      long barCloseTime,
      String decision,
      String reason,
      String reasonDetail,
      Double predictedClose,
      double referenceClose,
      String modelVersion) {
    ObjectNode signal = JSON.createObjectNode();
    signal.put("type", "signal");
    signal.put("symbol", symbol);
    signal.put("barCloseTime", barCloseTime);
    signal.put("decision", decision);
    signal.put("reason", reason);
    signal.put("reasonDetail", reasonDetail);
    if (predictedClose == null) {
      signal.putNull("predictedClose");
    } else {
      signal.put("predictedClose", predictedClose);
    }
    signal.put("referenceClose", referenceClose);
    signal.put("modelVersion", modelVersion);
    ObjectNode previous = signals.get(symbol);
    if (previous != null && previous.path("barCloseTime").asLong() > barCloseTime) {
      return;
    }
    signals.put(symbol, signal);
    publish(signal);
  }

  /**
   * A realized bar of a series: its strategy equity (start = 1) and drawdown; buy-and-hold
   * compounds the bar's market return. A bar at or before the series' last is ignored.
   */
  synchronized void onBar(
      String name, long barCloseTime, double equity, double drawdown, double barReturn) {
    Series s = series.computeIfAbsent(name, k -> new Series());
    if (!s.times.isEmpty() && barCloseTime <= s.times.getLast()) {
      return;
    }
    s.holdEquity *= 1 + barReturn;
    s.holdPeak = Math.max(s.holdPeak, s.holdEquity);
    double holdDrawdown = s.holdEquity / s.holdPeak - 1;
    s.times.add(barCloseTime);
    s.equity.add(equity);
    s.hold.add(s.holdEquity);
    s.drawdown.add(drawdown);
    s.holdDrawdown.add(holdDrawdown);
    ObjectNode point = JSON.createObjectNode();
    point.put("type", "bar");
    point.put("series", name);
    point.put("t", barCloseTime);
    point.put("equity", equity);
    point.put("hold", s.holdEquity);
    point.put("drawdown", drawdown);
    point.put("holdDrawdown", holdDrawdown);
    publish(point);
  }

  synchronized void onDeadLetter(String topic) {
    long count = deadLetters.merge(topic, 1L, Long::sum);
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "deadLetter");
    event.put("topic", topic);
    event.put("count", count);
    publish(event);
  }

  synchronized void onModelEventsTopic(boolean exists) {
    if (exists != modelEventsTopicExists) {
      modelEventsTopicExists = exists;
      ObjectNode event = JSON.createObjectNode();
      event.put("type", "modelEventsTopic");
      event.put("exists", exists);
      publish(event);
    }
  }

  /** A retrain decision; {@code record} is what the panel shows of it (see DashboardFeed). */
  synchronized void onModelEvent(String key, long timestamp, JsonNode record) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", "modelEvent");
    event.put("key", key);
    event.put("timestamp", timestamp);
    event.set("record", record);
    modelEvents.addLast(event);
    while (modelEvents.size() > MODEL_EVENTS_KEPT) {
      modelEvents.removeFirst();
    }
    publish(event);
  }

  /** The whole state as one JSON event. */
  synchronized String snapshot() {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "snapshot");
    ObjectNode signalsNode = root.putObject("signals");
    signals.forEach(signalsNode::set);
    ObjectNode seriesNode = root.putObject("series");
    series.forEach(
        (name, s) -> {
          ObjectNode one = seriesNode.putObject(name);
          ArrayNode t = one.putArray("t");
          s.times.forEach(t::add);
          ArrayNode equity = one.putArray("equity");
          s.equity.forEach(equity::add);
          ArrayNode hold = one.putArray("hold");
          s.hold.forEach(hold::add);
          ArrayNode drawdown = one.putArray("drawdown");
          s.drawdown.forEach(drawdown::add);
          ArrayNode holdDrawdown = one.putArray("holdDrawdown");
          s.holdDrawdown.forEach(holdDrawdown::add);
        });
    ObjectNode dlq = root.putObject("deadLetters");
    deadLetters.forEach(dlq::put);
    root.put("modelEventsTopic", modelEventsTopic);
    root.put("modelEventsTopicExists", modelEventsTopicExists);
    ArrayNode events = root.putArray("modelEvents");
    modelEvents.forEach(events::add);
    return root.toString();
  }

  /**
   * Registers a subscriber and returns the snapshot it starts from; later events arrive in {@code
   * queue}.
   */
  synchronized String subscribe(BlockingQueue<String> queue) {
    subscribers.add(queue);
    return snapshot();
  }

  synchronized boolean isSubscribed(BlockingQueue<String> queue) {
    return subscribers.contains(queue);
  }

  synchronized void unsubscribe(BlockingQueue<String> queue) {
    subscribers.remove(queue);
  }

  /** A queue for {@link #subscribe}; bounded so that a stalled browser cannot exhaust memory. */
  static BlockingQueue<String> newQueue() {
    return new LinkedBlockingQueue<>(100_000);
  }

  private void publish(JsonNode event) {
    String text = event.toString();
    // A subscriber that fell 100,000 events behind is dropped; its browser reconnects and starts
    // from a fresh snapshot.
    subscribers.removeIf(queue -> !queue.offer(text));
  }
}
