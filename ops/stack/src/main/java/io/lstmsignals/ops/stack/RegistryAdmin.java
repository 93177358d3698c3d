package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls of the Confluent-compatible registry API that the stacks make: a liveness check and
 * the global compatibility level. Thread-safe.
 */
public final class RegistryAdmin {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Pattern COMPATIBILITY_LEVEL =
      Pattern.compile("\"compatibilityLevel\"\\s*:\\s*\"(\\w+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final String registryUrl;
  private final Duration requestTimeout;

  public RegistryAdmin(String registryUrl, Duration requestTimeout) {
    this.registryUrl = registryUrl;
    this.requestTimeout = requestTimeout;
  }

  /** Whether {@code GET {registryUrl}/subjects} answers 200 within the request timeout. */
  boolean answers() throws InterruptedException {
    try {
      return send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).GET()).statusCode()
          == 200;
    } catch (IOException notServingYet) {
      return false;
    }
  }

  /**
   * Sets the registry-wide compatibility level (e.g. BACKWARD) through {@code PUT /config} and
   * reads it back, so the registry rejects incompatible schema changes the way a production
   * Confluent registry set up that way does.
   */
  public void setGlobalCompatibility(String level) throws InterruptedException {
    String body = "{\"compatibility\":\"" + level + "\"}";
    HttpResponse<String> put =
        call(
            HttpRequest.newBuilder(URI.create(registryUrl + "/config"))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body)),
            "PUT /config " + body);
    if (put.statusCode() != 200) {
      throw new StackStartException(
          "schema registry at "
              + registryUrl
              + " refused PUT /config "
              + body
              + ": HTTP "
              + put.statusCode()
              + " "
              + put.body());
    }
    String actual = globalCompatibility();
    if (!level.equals(actual)) {
      throw new StackStartException(
          "schema registry at "
              + registryUrl
              + " accepted compatibility "
              + level
              + " but GET /config reports "
              + actual);
    }
  }

  /** The registry-wide compatibility level from {@code GET /config}. */
  String globalCompatibility() throws InterruptedException {
    HttpResponse<String> get =
        call(HttpRequest.newBuilder(URI.create(registryUrl + "/config")).GET(), "GET /config");
    Matcher level = COMPATIBILITY_LEVEL.matcher(get.body());
    if (get.statusCode() != 200 || !level.find()) {
      throw new StackStartException(
          "schema registry at "
              + registryUrl
              + " answered GET /config with HTTP "
              + get.statusCode()
              + " "
              + get.body());
    }
    return level.group(1);
  }

  private HttpResponse<String> call(HttpRequest.Builder request, String what)
      throws InterruptedException {
    try {
      return send(request);
    } catch (IOException e) {
      throw new StackStartException(
          "schema registry at " + registryUrl + " did not answer " + what + ": " + e, e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.timeout(requestTimeout).header("Accept", CONTENT_TYPE).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
