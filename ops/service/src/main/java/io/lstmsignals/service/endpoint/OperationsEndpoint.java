package io.lstmsignals.service.endpoint;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's operations endpoint: {@code GET /health} (200 when ready, 503 otherwise, with every
 * check in a JSON body), {@code /health/live} (200 while every liveness check passes), {@code
 * /health/ready} (as {@code /health}) and {@code /metrics} (Prometheus text format: the service's
 * own meters, its Kafka clients' and Streams' metrics, JVM and process metrics), served by the
 * JDK's HTTP server on the configured address and port. Every meter carries the tag {@code
 * service=<name>}; timers publish a histogram (1 µs to 10 s), so a dashboard can compute any
 * percentile of, say, the inference time.
 *
 * <p>Services register their meters on {@link #meters()} and their checks on {@link #health()};
 * {@link #watch(KafkaStreams)} binds a Streams client's metrics and makes readiness follow its
 * state. Close it last, after the clients it watches. Thread-safe.
 */
public final class OperationsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OperationsEndpoint.class);
  private static final String JSON = "application/json; charset=utf-8";

  private final String service;
  private final PrometheusMeterRegistry registry;
  private final Health health = new Health();
  private final List<AutoCloseable> bound = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;

  private OperationsEndpoint(
      String service,
      PrometheusMeterRegistry registry,
      HttpServer server,
      ExecutorService executor) {
    this.service = service;
    this.registry = registry;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Creates the service's meter registry and, unless the settings disable it, starts serving.
   *
   * @param service the service's name, e.g. {@code scorer}: the {@code service} tag of its meters
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static OperationsEndpoint start(String service, EndpointSettings settings) {
    PrometheusMeterRegistry registry = meterRegistry(service);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    if (!settings.enabled()) {
      OperationsEndpoint endpoint = new OperationsEndpoint(service, registry, null, null);
      endpoint.bound.add(gc);
      return endpoint;
    }
    InetSocketAddress address;
    HttpServer server;
    try {
      address =
          new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port());
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve /health and /metrics on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + " ("
              + EndpointSettings.PORT
              + ", "
              + EndpointSettings.BIND_ADDRESS
              + "): "
              + e.getMessage(),
          e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> Thread.ofPlatform().daemon().name(service + "-http").unstarted(runnable));
    server.setExecutor(executor);
    OperationsEndpoint endpoint = new OperationsEndpoint(service, registry, server, executor);
    endpoint.bound.add(gc);
    Authenticator auth = settings.authenticator(service).orElse(null);
    for (var context :
        List.of(
            server.createContext("/health", endpoint::health),
            server.createContext("/metrics", endpoint::metrics))) {
      if (auth != null) {
        context.setAuthenticator(auth);
      }
    }
    server.start();
    if (!server.getAddress().getAddress().isLoopbackAddress() && auth == null) {
      log.warn(
          "Serving /health and /metrics on {} without authentication: anyone who reaches it reads"
              + " the metrics; set {} and {}",
          endpoint.url(),
          EndpointSettings.USERNAME,
          EndpointSettings.PASSWORD);
    }
    log.info(
        "Serving /health and /metrics at {}{}",
        endpoint.url(),
        auth == null ? "" : " (basic auth)");
    return endpoint;
  }

  /** The service's meters; everything registered here is on {@code /metrics}. */
  public MeterRegistry meters() {
    return registry;
  }

  /** The service's health checks, served on {@code /health}. */
  public Health health() {
    return health;
  }

  /**
   * The endpoint's base URL, e.g. {@code http://127.0.0.1:9401}.
   *
   * @throws IllegalStateException if the endpoint is disabled
   */
  public String url() {
    if (server == null) {
      throw new IllegalStateException("the " + service + " endpoint is disabled (http.port=-1)");
    }
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /**
   * Binds a Kafka Streams client's metrics and makes health follow it: ready while it is RUNNING,
   * live unless it stopped in ERROR.
   */
  public OperationsEndpoint watch(KafkaStreams streams) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    bound.add(metrics);
    health.readiness(
        "streams",
        () -> {
          KafkaStreams.State state = streams.state();
          return state == KafkaStreams.State.RUNNING
              ? Health.Check.up(state.name())
              : Health.Check.down(state.name());
        });
    health.liveness(
        "streams",
        () -> {
          KafkaStreams.State state = streams.state();
          return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
              ? Health.Check.down(state.name())
              : Health.Check.up(state.name());
        });
    return this;
  }

  /** Binds a producer's metrics (record send rate, errors, request latency...). */
  public OperationsEndpoint watch(Producer<?, ?> producer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry);
    bound.add(metrics);
    return this;
  }

  /** Binds a consumer's metrics (records consumed, lag...). */
  public OperationsEndpoint watch(Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
    metrics.bindTo(registry);
    bound.add(metrics);
    return this;
  }

  /** Stops serving and releases the bound clients' metrics. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
    for (AutoCloseable metrics : bound) {
      try {
        metrics.close();
      } catch (Exception e) {
        log.debug("Closing a metrics binder failed", e);
      }
    }
    bound.clear();
    registry.close();
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
        return;
      }
      Health.Report report = health.report();
      String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
      int status =
          switch (path) {
            case "/health", "/health/ready" -> report.ready() ? 200 : 503;
            case "/health/live" -> report.live() ? 200 : 503;
            default -> 404;
          };
      send(exchange, status, JSON, status == 404 ? "{\"error\":\"not found\"}\n" : json(report));
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
        return;
      }
      send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }
  }

  private String json(Health.Report report) {
    StringBuilder body =
        new StringBuilder("{\"service\":\"")
            .append(escape(service))
            .append("\",\"status\":\"")
            .append(report.ready() ? "UP" : "DOWN")
            .append("\",\"live\":")
            .append(report.live())
            .append(",\"ready\":")
            .append(report.ready())
            .append(",\"checks\":{");
    String separator = "";
    for (Map.Entry<String, Health.Check> check : report.checks().entrySet()) {
      body.append(separator)
          .append('"')
          .append(escape(check.getKey()))
          .append("\":{\"status\":\"")
          .append(check.getValue().up() ? "UP" : "DOWN")
          .append("\",\"detail\":\"")
          .append(escape(check.getValue().detail()))
          .append("\"}");
      separator = ",";
    }
    return body.append("}}\n").toString();
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : String.valueOf(text).toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * The service's registry: Prometheus format, the {@code service} tag on every meter, histograms
   * on timers, and the JVM's and the process's meters bound (the GC's by the caller, who closes
   * it).
   */
  static PrometheusMeterRegistry meterRegistry(String service) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .commonTags(List.of(Tag.of("service", service)))
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER) {
                  return config;
                }
                return DistributionStatisticConfig.builder()
                    .percentilesHistogram(true)
                    .minimumExpectedValue((double) Duration.ofNanos(1_000).toNanos())
                    .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                    .build()
                    .merge(config);
              }
            });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }
}
