package io.lstmsignals.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour (auth header, retries, error mapping, timeouts) against a scripted
 * local HTTP server: cases a real registry cannot be made to produce on demand. The real registry
 * is covered by the ITs.
 */
class RestSchemaRegistryClientTest {
  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

  private HttpServer server;
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(String path, int status, String body) {
    server.createContext(path, exchange -> respond(exchange, status, body));
  }

  private void respond(HttpExchange exchange, int status, String body) throws IOException {
    requests.incrementAndGet();
    authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private RestSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> configs =
        new java.util.HashMap<>(
            Map.of(
                "schema.registry.url",
                url(),
                "retries.wait.ms",
                10,
                "http.read.timeout.ms",
                2_000));
    configs.putAll(extra);
    return new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
  }

  @Test
  void shouldSendBasicAuthAndCacheTheId() {
    answer("/subjects/bars-value/versions", 200, "{\"id\":7}");

    try (RestSchemaRegistryClient client =
        client(
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "fred:secret"))) {
      assertThat(client.register("bars-value", SCHEMA)).isEqualTo(7);
      assertThat(client.register("bars-value", SCHEMA)).isEqualTo(7);
    }

    assertThat(requests).hasValue(1);
    assertThat(authHeaders).containsExactly("Basic ZnJlZDpzZWNyZXQ=");
  }

  @Test
  void shouldRetryServerErrorsWithBackoffThenSucceed() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext(
        "/schemas/ids/3",
        exchange -> {
          if (calls.incrementAndGet() < 3) {
            respond(exchange, 503, "{\"error_code\":50302,\"message\":\"warming up\"}");
          } else {
            respond(
                exchange,
                200,
                "{\"schema\":"
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(SCHEMA.toString())
                    + "}");
          }
        });

    try (RestSchemaRegistryClient client = client(Map.of("max.retries", 3))) {
      assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldNotRetryAClientErrorAndShouldQuoteTheRegistry() {
    answer("/schemas/ids/99", 404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

    try (RestSchemaRegistryClient client = client(Map.of("max.retries", 3))) {
      assertThatThrownBy(() -> client.schemaById(99))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining(url() + "/schemas/ids/99")
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("40403")
          .hasMessageContaining("Schema 99 not found");
    }
    assertThat(requests).hasValue(1);
  }

  @Test
  void shouldMapConflictToIncompatibleSchema() {
    answer(
        "/subjects/s-value/versions",
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

    try (RestSchemaRegistryClient client = client(Map.of())) {
      assertThatThrownBy(() -> client.register("s-value", SCHEMA))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageContaining("subject 's-value'")
          .hasMessageContaining("incompatible");
    }
  }

  @Test
  void shouldNameTheUrlWhenTheRegistryIsDownAndGiveUpAfterTheRetries() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RestSchemaRegistryClient client =
        new RestSchemaRegistryClient(
            RegistryClientConfig.from(
                Map.of(
                    "schema.registry.url",
                    "http://127.0.0.1:" + closedPort,
                    "max.retries",
                    2,
                    "retries.wait.ms",
                    10)));

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort + "/schemas/ids/1")
        .hasMessageContaining("did not answer")
        .hasMessageContaining("after 3 attempt(s)");
    client.close();
  }

  @Test
  void shouldTimeOutOnARegistryThatNeverAnswers() throws IOException {
    // Accepts connections into its backlog but never reads or answers them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RestSchemaRegistryClient client =
          new RestSchemaRegistryClient(
              RegistryClientConfig.from(
                  Map.of(
                      "schema.registry.url",
                      "http://127.0.0.1:" + silent.getLocalPort(),
                      "http.read.timeout.ms",
                      300,
                      "max.retries",
                      1,
                      "retries.wait.ms",
                      10)));

      // 2 attempts x 300 ms + backoff: the configured budget, far below any default timeout.
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(() -> client.schemaById(1))
                  .isInstanceOf(SchemaRegistryException.class)
                  .hasMessageContaining("127.0.0.1:" + silent.getLocalPort())
                  .hasMessageContaining("HttpTimeoutException"));
      client.close();
    }
  }
}
