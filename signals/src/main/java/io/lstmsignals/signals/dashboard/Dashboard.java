package io.lstmsignals.signals.dashboard;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: a read-only web page served from this jar (plain HTML and JavaScript, uPlot
 * for the charts, no build step and nothing fetched from the internet), fed by server-sent events
 * from {@link DashboardFeed}. Paths: {@code /} the page, {@code /events} the event stream (a
 * snapshot, then every change), {@code /state} the snapshot as JSON.
 *
 * <p>It binds to {@code signals.dashboard.host} (127.0.0.1 by default), so only this machine
 * reaches it, with no login. Bound elsewhere, it asks for the service's basic-auth credentials
 * ({@code http.auth.username}/{@code http.auth.password}, as {@code /health} and {@code /metrics}
 * do) when they are set, and warns when they are not.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  private static final long KEEPALIVE_SECONDS = 15;
  private static final String RESOURCES = "/io/lstmsignals/signals/dashboard/";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/";

  /** Path → (classpath resource, content type). */
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {RESOURCES + "index.html", "text/html; charset=utf-8"},
          "/dashboard.js",
              new String[] {RESOURCES + "dashboard.js", "text/javascript; charset=utf-8"},
          "/dashboard.css", new String[] {RESOURCES + "dashboard.css", "text/css; charset=utf-8"},
          "/uplot.js",
              new String[] {
                UPLOT + uplotVersion() + "/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"
              },
          "/uplot.css",
              new String[] {
                UPLOT + uplotVersion() + "/dist/uPlot.min.css", "text/css; charset=utf-8"
              });

  private final DashboardState state;
  private final DashboardFeed feed;
  private final Thread feedThread;
  private final HttpServer server;
  private final ExecutorService handlers;

  private Dashboard(SignalsConfig config, Optional<Authenticator> auth) throws IOException {
    this.state =
        new DashboardState(config.modelEvents().name(), DashboardFeed.deadLetterTopics(config));
    this.feed = new DashboardFeed(config, state);
    this.feedThread = new Thread(feed, "signals-dashboard-feed");
    this.handlers = Executors.newVirtualThreadPerTaskExecutor();
    this.server =
        HttpServer.create(new InetSocketAddress(config.dashboardHost(), config.dashboardPort()), 0);
    server.setExecutor(handlers);
    server.createContext("/", this::serve).setAuthenticator(auth.orElse(null));
  }

  /**
   * Starts the feed and the web server.
   *
   * @throws IOException naming the address when the port cannot be bound
   */
  public static Dashboard start(SignalsConfig config, Optional<Authenticator> auth)
      throws IOException {
    Dashboard dashboard;
    try {
      dashboard = new Dashboard(config, auth);
    } catch (IOException e) {
      throw new IOException(
          "Dashboard: cannot listen on "
              + config.dashboardHost()
              + ":"
              + config.dashboardPort()
              + " ("
              + e.getMessage()
              + "); set "
              + SignalsConfig.DASHBOARD_PORT
              + " to a free port, 0 for any, or -1 for none",
          e);
    }
    dashboard.feedThread.start();
    dashboard.server.start();
    if (!dashboard.server.getAddress().getAddress().isLoopbackAddress() && auth.isEmpty()) {
      log.warn(
          "Serving the dashboard on {} without authentication: anyone who reaches it reads the"
              + " signals and the P&L; set http.auth.username and http.auth.password",
          dashboard.url());
    }
    log.info("Dashboard at {}{}", dashboard.url(), auth.isEmpty() ? "" : " (basic auth)");
    return dashboard;
  }

  /** Where a browser on this machine opens it. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", "read-only: GET only\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/events")) {
        stream(exchange);
      } else if (path.equals("/state")) {
        send(exchange, 200, "application/json", state.snapshot());
      } else if (FILES.containsKey(path)) {
        String[] file = FILES.get(path);
        try (InputStream in = Dashboard.class.getResourceAsStream(file[0])) {
          if (in == null) {
            send(exchange, 500, "text/plain; charset=utf-8", "missing resource " + file[0] + "\n");
            return;
          }
          byte[] body = in.readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", file[1]);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
      }
    }
  }

  /** Server-sent events: the snapshot, then every change, with a keep-alive comment when idle. */
  private void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    BlockingQueue<String> queue = DashboardState.newQueue();
    try {
      write(out, "data: " + state.subscribe(queue) + "\n\n");
      while (state.isSubscribed(queue)) {
        String event = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        write(out, event == null ? ": keep-alive\n\n" : "data: " + event + "\n\n");
      }
    } catch (IOException | InterruptedException gone) {
      // the browser went away, or the dashboard closes
    } finally {
      state.unsubscribe(queue);
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The uPlot webjar's version, from its Maven metadata inside the jar. */
  private static String uplotVersion() {
    try (InputStream in =
        Dashboard.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("Dashboard: the uPlot webjar is not on the classpath");
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("Dashboard: cannot read the uPlot webjar's version", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    feed.stop();
    try {
      feedThread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
