package io.lstmsignals.service.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationsEndpointTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final EndpointSettings ANY_FREE_PORT =
      new EndpointSettings("127.0.0.1", 0, "", "");

  private OperationsEndpoint endpoint;

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void metricsShouldServeTheServicesMetersWithHistogramsAndTheJvmsInPrometheusFormat()
      throws Exception {
    // Given
    endpoint = OperationsEndpoint.start("scorer", ANY_FREE_PORT);
    Timer inference = Timer.builder("scorer.inference").register(endpoint.meters());
    inference.record(Duration.ofNanos(60_000));
    endpoint.meters().counter("scorer.signals", "decision", "LONG", "reason", "none").increment();

    // When
    HttpResponse<String> response = get(endpoint.url() + "/metrics", null);

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/plain");
    assertThat(response.body())
        .contains("scorer_signals_total{decision=\"LONG\",reason=\"none\",service=\"scorer\"} 1.0")
        .contains("scorer_inference_seconds_count{service=\"scorer\"} 1")
        .containsPattern(
            "scorer_inference_seconds_bucket\\{service=\"scorer\",le=\"6.0072E-5\"\\} 1")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_")
        .contains("process_uptime_seconds");
  }

  @Test
  void healthShouldBeReadyOnlyWhileEveryReadinessCheckPasses() throws Exception {
    // Given
    endpoint = OperationsEndpoint.start("signals", ANY_FREE_PORT);
    AtomicBoolean running = new AtomicBoolean(false);
    endpoint
        .health()
        .readiness(
            "streams",
            () -> running.get() ? Health.Check.up("RUNNING") : Health.Check.down("REBALANCING"));

    // When / Then: not ready, but alive
    HttpResponse<String> starting = get(endpoint.url() + "/health", null);
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body())
        .isEqualTo(
            "{\"service\":\"signals\",\"status\":\"DOWN\",\"live\":true,\"ready\":false,"
                + "\"checks\":{\"streams\":{\"status\":\"DOWN\",\"detail\":\"REBALANCING\"}}}\n");
    assertThat(get(endpoint.url() + "/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get(endpoint.url() + "/health/ready", null).statusCode()).isEqualTo(503);

    // When it runs
    running.set(true);

    // Then
    HttpResponse<String> ready = get(endpoint.url() + "/health", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"", "\"detail\":\"RUNNING\"");
  }

  @Test
  void aFailingLivenessCheckShouldMakeTheServiceNeitherLiveNorReady() throws Exception {
    // Given
    endpoint = OperationsEndpoint.start("ingest", ANY_FREE_PORT);
    endpoint.health().liveness("poller", () -> Health.Check.down("stopped"));
    endpoint.health().readiness("broker", () -> Health.Check.up("connected"));

    // Then
    assertThat(get(endpoint.url() + "/health/live", null).statusCode()).isEqualTo(503);
    assertThat(get(endpoint.url() + "/health", null).statusCode()).isEqualTo(503);
  }

  @Test
  void basicAuthShouldBeRequiredWhenAUserIsConfigured() throws Exception {
    // Given
    endpoint =
        OperationsEndpoint.start("scorer", new EndpointSettings("127.0.0.1", 0, "ops", "s3cret"));

    // Then
    assertThat(get(endpoint.url() + "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get(endpoint.url() + "/health", "ops:wrong").statusCode()).isEqualTo(401);
    assertThat(get(endpoint.url() + "/metrics", "ops:s3cret").statusCode()).isEqualTo(200);
    assertThat(get(endpoint.url() + "/health", "ops:s3cret").statusCode()).isEqualTo(200);
  }

  @Test
  void aTakenPortShouldBeRefusedNamingTheAddressAndTheKeys() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () ->
                  OperationsEndpoint.start(
                      "scorer", new EndpointSettings("127.0.0.1", port, "", "")))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith(
              "cannot serve /health and /metrics on 127.0.0.1:"
                  + port
                  + " (http.port, http.bind.address): ");
    }
  }

  @Test
  void aDisabledEndpointShouldServeNothingButKeepTheMeters() {
    endpoint = OperationsEndpoint.start("scorer", EndpointSettings.NONE);

    endpoint.meters().counter("scorer.signals").increment();

    assertThat(endpoint.meters().get("scorer.signals").counter().count()).isEqualTo(1.0);
    assertThatThrownBy(endpoint::url)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the scorer endpoint is disabled (http.port=-1)");
  }

  @Test
  void settingsShouldNeverShowThePassword() {
    assertThat(new EndpointSettings("0.0.0.0", 9402, "ops", "s3cret").toString())
        .doesNotContain("s3cret")
        .contains("password=[hidden]");
  }

  private static HttpResponse<String> get(String url, String userInfo)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (userInfo != null) {
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
