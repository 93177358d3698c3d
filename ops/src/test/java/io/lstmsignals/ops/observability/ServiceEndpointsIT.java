package io.lstmsignals.ops.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.ChildJvm;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.scorer.app.ScorerMain;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services as processes, each as its command runs it (ingest poll from a local stand-in
 * for the exchange, scorer run with the shipped model released, signals run), scraped over HTTP:
 * {@code /health} answers 200 once each is ready, {@code /metrics} serves Prometheus text with the
 * JVM's, the Kafka clients' and the service's own meters, and every metric the Grafana dashboard
 * queries is served by one of them.
 */
@WithStack
@Timeout(300)
class ServiceEndpointsIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path DASHBOARD =
      REPO.resolve("ops/observability/grafana/dashboards/lstm-signals.json");
  private static final Pattern SERVING =
      Pattern.compile("Serving /health and /metrics at (http://127\\.0\\.0\\.1:\\d+)");
  private static final Duration START = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int BARS = 60;

  @Test
  void everyServiceShouldServeHealthAndTheMetricsTheDashboardQueries(
      StackEndpoints stack, @TempDir Path state) throws Exception {
    // Given this run's topics, the shipped model released, and an exchange with 60 closed bars
    // (the first a listing print the poller must hold back)
    String run = UUID.randomUUID().toString().substring(0, 8);
    PipelineTopics topics = PipelineTopics.suffixed("endpoints-" + run);
    // The retrainer's own lifecycle, so that its schedule declaration leaves the scorer's alone
    PipelineTopics retraining = PipelineTopics.suffixed("endpoints-retrainer-" + run);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(topics.specs());
      new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(retraining.specs());
    }
    SigningKey releaser = SigningKey.generate(state.resolve("keys"), "releaser");
    int released =
        ScorerMain.commandLine()
            .execute(
                "release",
                "--artifact",
                REPO.resolve("models/lstm-4h-default").toString(),
                "--promote",
                "--signing-key",
                state.resolve("keys/releaser.key").toString(),
                "--models-topic",
                topics.models().name(),
                "--promotions-topic",
                topics.promotions().name(),
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl());
    assertThat(released).as("exit code of scorer release").isZero();
    Instant firstOpen =
        Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(4L * BARS));
    List<String> connection =
        List.of(
            "--bootstrap-servers",
            stack.bootstrapServers(),
            "--schema-registry-url",
            stack.registryUrl());

    try (Exchange exchange = new Exchange(firstOpen);
        ChildJvm scorer =
            start(
                "scorer",
                "io.lstmsignals.scorer.app.ScorerMain",
                "run",
                connection,
                Map.of(
                    "application.id", "endpoints-scorer-" + run,
                    "state.dir", state.resolve("scorer").toString(),
                    "scorer.topic.bars", topics.bars().name(),
                    "scorer.topic.signals", topics.signals().name(),
                    "scorer.topic.models", topics.models().name(),
                    "scorer.topic.promotions", topics.promotions().name(),
                    "scorer.release.trusted.keys", state.resolve("keys/releaser.pub").toString()));
        ChildJvm signals =
            start(
                "signals",
                "io.lstmsignals.signals.app.SignalsMain",
                "run",
                connection,
                Map.of(
                    "application.id", "endpoints-signals-" + run,
                    "state.dir", state.resolve("signals").toString(),
                    "signals.topic.signals", topics.signals().name(),
                    "signals.topic.bars", topics.bars().name(),
                    "signals.topic.fills", topics.fills().name(),
                    "signals.topic.pnl", topics.pnl().name()));
        ChildJvm ingest =
            start(
                "ingest",
                "io.lstmsignals.ingest.app.IngestMain",
                "poll",
                List.of(
                    "--symbols", "BTCUSDT",
                    "--topic", topics.bars().name(),
                    "--base-url", exchange.url(),
                    "--since", firstOpen.toString(),
                    "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.registryUrl()),
                Map.of());
        ChildJvm retrainer =
            start(
                "retrainer",
                "trainer",
                "io.lstmsignals.trainer.retrainer.RetrainerMain",
                "run",
                connection,
                Map.of(
                    "retrainer.group.id", "endpoints-retrainer-" + run,
                    "retrainer.topic.bars", retraining.bars().name(),
                    "retrainer.topic.models", retraining.models().name(),
                    "retrainer.topic.promotions", retraining.promotions().name(),
                    "retrainer.topic.events", retraining.events().name()))) {
      Map<String, String> urls = new LinkedHashMap<>();
      Map<String, ChildJvm> services =
          Map.of("scorer", scorer, "signals", signals, "ingest", ingest, "retrainer", retrainer);
      for (String service : List.of("scorer", "signals", "ingest", "retrainer")) {
        urls.put(service, services.get(service).awaitLine(SERVING, START).group(1));
      }
      // and a record on the bars topic that is no bar at all
      try (KafkaProducer<String, byte[]> raw =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
              new StringSerializer(),
              new ByteArraySerializer())) {
        raw.send(
                new ProducerRecord<>(
                    topics.bars().name(), "BTCUSDT", "no bar".getBytes(StandardCharsets.UTF_8)))
            .get();
      }

      // When each is ready and has handled the bars
      for (Map.Entry<String, String> service : urls.entrySet()) {
        awaitStatus(service.getKey(), service.getValue() + "/health", 200);
      }
      Map<String, String> scraped = new LinkedHashMap<>();
      scraped.put(
          "ingest",
          awaitMetrics(
              urls.get("ingest"), "ingest_bars_published_total", "ingest_dead_letters_total"));
      scraped.put(
          "scorer",
          awaitMetrics(urls.get("scorer"), "scorer_signals_total{", "scorer_dead_letters_total"));
      scraped.put(
          "signals",
          awaitMetrics(urls.get("signals"), "signals_equity{", "signals_dead_letters_total"));
      scraped.put("retrainer", awaitMetrics(urls.get("retrainer"), "retrainer_outcomes_total{"));

      // Then health says ready, with each check
      assertThat(get(urls.get("scorer") + "/health").body())
          .contains(
              "\"service\":\"scorer\"",
              "\"ready\":true",
              "\"streams\":{\"status\":\"UP\"",
              "\"models\":{\"status\":\"UP\",\"detail\":\"in force: lstm-4h@");
      assertThat(get(urls.get("retrainer") + "/health").body())
          .contains("\"ready\":true", "\"lifecycle\":{\"status\":\"UP\"");
      assertThat(get(urls.get("ingest") + "/health").body())
          .contains("\"poller\":{\"status\":\"UP\",\"detail\":\"caught up at ");
      assertThat(get(urls.get("ingest") + "/health/live").statusCode()).isEqualTo(200);
      // and /metrics holds the JVM's, the clients' and the service's meters
      assertThat(scraped.get("scorer"))
          .contains(
              "scorer_signals_total{decision=\"FLAT\",reason=\"WARMING_UP\",service=\"scorer\"}",
              "scorer_inference_seconds_bucket",
              "scorer_model_in_force{line=\"lstm-4h\"",
              "kafka_consumer_fetch_manager_records_lag_max{",
              "jvm_memory_used_bytes");
      assertThat(scraped.get("ingest"))
          .contains(
              "ingest_bars_published_total{service=\"ingest\",symbol=\"BTCUSDT\"} " + (BARS - 1),
              "ingest_dead_letters_total{service=\"ingest\",symbol=\"BTCUSDT\"} 1.0",
              "kafka_producer_record_send_total");
      assertThat(scraped.get("signals"))
          .containsPattern(
              "signals_equity\\{scope=\"SYMBOL\",service=\"signals\",symbol=\"BTCUSDT\"\\} [0-9.E]+");
      assertThat(scraped.get("retrainer"))
          .contains(
              "retrainer_outcomes_total{line=\"lstm-4h\",outcome=\"PROMOTED\",service=\"retrainer\"}"
                  + " 0.0",
              "jvm_memory_used_bytes");
      // and every metric the dashboard queries is served by one of them
      String all = String.join("\n", scraped.values());
      assertThat(dashboardMetrics())
          .isNotEmpty()
          .allSatisfy(
              metric ->
                  assertThat(all)
                      .as("a service serves %s, which the dashboard queries", metric)
                      .containsPattern("(?m)^" + metric + "[{ ]"));

      // and each stops on SIGTERM
      for (ChildJvm service : List.of(retrainer, ingest, signals, scorer)) {
        assertThat(service.stop(Duration.ofSeconds(60))).isEqualTo(143);
      }
    }
  }

  /** Starts a service as bin/launch does: its module's classes and runtime dependencies only. */
  private static ChildJvm start(
      String name,
      String mainClass,
      String command,
      List<String> options,
      Map<String, String> settings) {
    return start(name, name, mainClass, command, options, settings);
  }

  /** Starts a service of {@code module} as bin/launch does. */
  private static ChildJvm start(
      String name,
      String module,
      String mainClass,
      String command,
      List<String> options,
      Map<String, String> settings) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(options);
    args.addAll(List.of("--set", "http.port=0"));
    settings.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    return ChildJvm.startModule(
        name,
        Path.of("target", "service-endpoints-it", name + ".log"),
        REPO.resolve(module),
        mainClass,
        args);
  }

  /** The metric names in the dashboard's queries (labels and PromQL functions left out). */
  static Set<String> dashboardMetrics() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr =
            target
                .path("expr")
                .asText()
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ");
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(expr);
        while (identifier.find()) {
          String name = identifier.group();
          if (name.contains("_") && !name.equals("histogram_quantile")) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static void awaitStatus(String service, String url, int status) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get(url);
      if (last.statusCode() == status) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError(
        service
            + " "
            + url
            + " did not answer "
            + status
            + " within "
            + START
            + ": "
            + last.body());
  }

  /** The scrape of {@code url}/metrics once it serves every one of {@code metrics}. */
  private static String awaitMetrics(String url, String... metrics) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      String body = get(url + "/metrics").body();
      if (Arrays.stream(metrics).allMatch(body::contains)) {
        return body;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError(
        url + "/metrics did not serve " + Arrays.toString(metrics) + " within " + START);
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A stand-in for Binance's {@code GET /api/v3/klines}: {@value #BARS} closed 4h BTCUSDT bars from
   * {@code firstOpen} on, of which the first is a listing print (a high 3× its open).
   */
  private static final class Exchange implements AutoCloseable {
    private final HttpServer server;
    private final Instant firstOpen;

    Exchange(Instant firstOpen) throws IOException {
      this.firstOpen = firstOpen;
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.createContext("/api/v3/klines", this::klines);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void klines(HttpExchange exchange) throws IOException {
      try (exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
          String[] kv = pair.split("=", 2);
          query.put(kv[0], kv[1]);
        }
        long from = Long.parseLong(query.get("startTime"));
        int limit = Integer.parseInt(query.get("limit"));
        List<String> klines = new ArrayList<>();
        for (int i = 0; i < BARS && klines.size() < limit; i++) {
          long open = firstOpen.plus(Duration.ofHours(4L * i)).toEpochMilli();
          if (open < from) {
            continue;
          }
          double base = 40_000 + 150 * Math.sin(i / 3.0) + 20 * i;
          double high = i == 0 ? 3 * base : base * 1.01;
          klines.add(
              String.format(
                  Locale.ROOT,
                  "[%d,\"%.2f\",\"%.2f\",\"%.2f\",\"%.2f\",\"12.5\",%d]",
                  open,
                  base,
                  high,
                  base * 0.99,
                  base * 1.002,
                  open + Duration.ofHours(4).toMillis() - 1));
        }
        byte[] body = ("[" + String.join(",", klines) + "]").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
