package io.lstmsignals.ingest.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Binance's {@code GET /api/v3/klines} on 127.0.0.1, answering from recorded
 * klines at the time of a shared clock, with faults a test queues for the next requests.
 */
final class RecordedExchange implements AutoCloseable {

  /** What the next request gets instead of a normal answer. */
  enum Fault {
    /** HTTP 500 with a Binance-style error body. */
    SERVER_ERROR,
    /** No answer for 2 s, past any test client's timeout. */
    SLOW,
    /** HTTP 429 with Retry-After: 7. */
    RATE_LIMITED,
    /** A normal answer reporting the minute's weight as nearly used up. */
    HEAVY_WEIGHT
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, RecordedKlines> klines = new HashMap<>();
  private final MutableClock clock;
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean down;

  RecordedExchange(MutableClock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v3/klines", this::answer);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves {@code recorded} for {@code symbol} at {@code interval}. */
  RecordedExchange serve(String symbol, String interval, RecordedKlines recorded) {
    klines.put(symbol + "/" + interval, recorded);
    return this;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void queue(Fault... next) {
    faults.addAll(List.of(next));
  }

  /** While down, every request gets HTTP 503. */
  void setDown(boolean isDown) {
    down = isDown;
  }

  int requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      Map<String, String> query = new HashMap<>();
      for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv[1]);
      }
      if (down) {
        send(exchange, 503, "<html>Service Unavailable</html>", 1);
        return;
      }
      Fault fault = faults.poll();
      if (fault == Fault.SERVER_ERROR) {
        send(
            exchange,
            500,
            "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}",
            1);
        return;
      }
      if (fault == Fault.SLOW) {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (fault == Fault.RATE_LIMITED) {
        exchange.getResponseHeaders().add("Retry-After", "7");
        send(exchange, 429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", 6000);
        return;
      }
      RecordedKlines recorded = klines.get(query.get("symbol") + "/" + query.get("interval"));
      if (recorded == null) {
        send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", 2);
        return;
      }
      String body =
          recorded.json(
              Instant.ofEpochMilli(Long.parseLong(query.get("startTime"))),
              Integer.parseInt(query.get("limit")),
              clock.instant());
      send(exchange, 200, body, fault == Fault.HEAVY_WEIGHT ? 5_000 : 2);
    }
  }

  private static void send(HttpExchange exchange, int status, String body, int weight)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add(BinanceKlineClient.WEIGHT_HEADER, String.valueOf(weight));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      // the client gave up waiting (the SLOW fault): nothing to answer to
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
