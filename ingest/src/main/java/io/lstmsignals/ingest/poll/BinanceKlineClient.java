package io.lstmsignals.ingest.poll;

import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.schemas.contract.BarInterval;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Binance's {@code GET /api/v3/klines} (any server with its shape: the base URL is
 * configurable).
 *
 * <p>Retries timeouts, I/O errors and 5xx answers with doubling backoff; on 429 (too many requests)
 * and 418 (banned for ignoring 429s) waits the {@code Retry-After} seconds; when {@code
 * X-MBX-USED-WEIGHT-1M} passes the budget, waits for the next minute before the next request. Other
 * 4xx answers (an unknown symbol, say) are not retried.
 */
public final class BinanceKlineClient implements KlineSource {
  private static final Logger log = LoggerFactory.getLogger(BinanceKlineClient.class);

  static final String WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

  private final URI baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final TimeSource time;
  private final Clock clock;
  private final String source;
  private boolean overBudget;

  /**
   * @param baseUrl e.g. {@code https://api.binance.com}
   * @param http a client the caller owns
   * @param time for waiting between tries (a fake in tests)
   * @param clock wall time, to find the next rate-limit minute
   */
  public BinanceKlineClient(
      URI baseUrl,
      HttpClient http,
      Duration requestTimeout,
      RetryPolicy retry,
      TimeSource time,
      Clock clock) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.time = time;
    this.clock = clock;
    this.source = "poll:" + baseUrl.getHost();
  }

  @Override
  public KlinePage fetch(String symbol, BarInterval interval, Instant from, int limit)
      throws KlineFetchException, InterruptedException {
    URI uri =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "")
                + "/api/v3/klines?symbol="
                + symbol
                + "&interval="
                + interval.name()
                + "&startTime="
                + from.toEpochMilli()
                + "&limit="
                + limit);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    String lastProblem = "no try made";
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      waitIfOverBudget();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        lastProblem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        backoff(uri, attempt, lastProblem);
        continue;
      }
      noteWeight(response);
      int status = response.statusCode();
      if (status == 200) {
        return new KlinePage(
            KlineJson.parse(response.body(), symbol, interval, source, uri.toString()));
      }
      lastProblem = "HTTP " + status + " " + abbreviate(response.body());
      if (status == 429 || status == 418) {
        long seconds = retryAfterSeconds(response).orElse(60);
        log.warn(
            "Rate limited url={} status={} retryAfterSeconds={} attempt={}",
            uri,
            status,
            seconds,
            attempt);
        if (attempt < retry.maxAttempts()) {
          time.sleepNanos(Duration.ofSeconds(seconds).toNanos());
        }
      } else if (status >= 500) {
        backoff(uri, attempt, lastProblem);
      } else {
        throw new KlineFetchException("GET " + uri + " answered " + lastProblem + ": not retried");
      }
    }
    throw new KlineFetchException(
        "GET " + uri + " failed " + retry.maxAttempts() + " times, last: " + lastProblem);
  }

  private void backoff(URI uri, int attempt, String problem) throws InterruptedException {
    if (attempt < retry.maxAttempts()) {
      Duration wait = retry.backoff(attempt);
      log.warn(
          "Request failed url={} attempt={} problem={} retryIn={}", uri, attempt, problem, wait);
      time.sleepNanos(wait.toNanos());
    }
  }

  private void noteWeight(HttpResponse<String> response) {
    OptionalLong used = response.headers().firstValueAsLong(WEIGHT_HEADER);
    if (used.isPresent() && used.getAsLong() >= retry.weightBudget()) {
      log.warn(
          "Request weight used={} reached budget={}: pausing until the next minute",
          used.getAsLong(),
          retry.weightBudget());
      overBudget = true;
    }
  }

  private void waitIfOverBudget() throws InterruptedException {
    if (overBudget) {
      long now = clock.millis();
      long untilNextMinute = 60_000 - Math.floorMod(now, 60_000L);
      time.sleepNanos(Duration.ofMillis(untilNextMinute).toNanos());
      overBudget = false;
    }
  }

  private static OptionalLong retryAfterSeconds(HttpResponse<String> response) {
    try {
      return response.headers().firstValueAsLong("Retry-After");
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
