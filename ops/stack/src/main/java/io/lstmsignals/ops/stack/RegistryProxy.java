package io.lstmsignals.ops.stack;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS and HTTP basic auth in front of the secured stack's Apicurio registry, whose own
 * authentication needs an OIDC server: the registry listens on a loopback port of its own, and this
 * proxy, in the stack's JVM, serves the registry's port over https with the broker's certificate,
 * lets through only requests that carry a user's password, and forwards them unchanged.
 * Thread-safe.
 */
final class RegistryProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RegistryProxy.class);

  // Hop-by-hop headers (RFC 9110 §7.6.1) and those the HTTP client sets itself.
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "authorization",
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final HttpsServer server;
  private final ExecutorService executor;
  private final HttpClient upstream;
  private final URI target;

  private RegistryProxy(
      HttpsServer server, ExecutorService executor, HttpClient upstream, URI target) {
    this.server = server;
    this.executor = executor;
    this.upstream = upstream;
    this.target = target;
  }

  /**
   * Serves {@code address} over https with {@code tls}, forwarding to {@code target} (the
   * registry's own, loopback-only port) the requests of {@code users}.
   *
   * @param users user name → password
   */
  static RegistryProxy start(
      InetSocketAddress address, SSLContext tls, URI target, Map<String, String> users) {
    try {
      HttpsServer server = HttpsServer.create(address, 64);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      ExecutorService executor =
          Executors.newFixedThreadPool(
              4,
              runnable -> Thread.ofPlatform().daemon().name("registry-proxy").unstarted(runnable));
      server.setExecutor(executor);
      HttpClient upstream =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      RegistryProxy proxy = new RegistryProxy(server, executor, upstream, target);
      server.createContext("/", proxy::forward).setAuthenticator(new Users(Map.copyOf(users)));
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve the registry's proxy on "
              + address.getHostString()
              + ":"
              + address.getPort(),
          e);
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        log.warn(
            "Registry behind the proxy did not answer {} {}: {}",
            exchange.getRequestMethod(),
            path,
            e.toString());
        send(
            exchange,
            502,
            "the registry behind this proxy did not answer\n".getBytes(StandardCharsets.UTF_8));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 503, new byte[0]);
        return;
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
              });
      send(exchange, response.statusCode(), response.body());
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The port the proxy serves. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    upstream.close();
  }

  /** The stack's users and their passwords, compared in time independent of the guess. */
  private static final class Users extends BasicAuthenticator {
    private final Map<String, String> passwords;

    Users(Map<String, String> passwords) {
      super("lstm-signals schema registry");
      this.passwords = passwords;
    }

    @Override
    public boolean checkCredentials(String user, String password) {
      String expected = passwords.get(user);
      byte[] given = password.getBytes(StandardCharsets.UTF_8);
      return expected != null
          & MessageDigest.isEqual(
              (expected == null ? "" : expected).getBytes(StandardCharsets.UTF_8), given);
    }
  }
}
