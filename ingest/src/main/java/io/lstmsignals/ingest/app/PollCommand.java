package io.lstmsignals.ingest.app;

import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.ingest.poll.BinanceKlineClient;
import io.lstmsignals.ingest.poll.RetryPolicy;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.endpoint.EndpointSettings;
import io.lstmsignals.service.endpoint.Health;
import io.lstmsignals.service.endpoint.OperationsEndpoint;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ingest poll}: publishes closed bars from a klines API as they close. */
@Command(
    name = "poll",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Polls a Binance-style klines API (GET /api/v3/klines) and publishes every CLOSED bar once.",
      "",
      "Each symbol resumes after its last bar in the topic, so after downtime the missed bars are back-filled"
          + " page by page, with no duplicate and no hole. Honours HTTP 429/418 Retry-After and the"
          + " X-MBX-USED-WEIGHT-1M header, and retries timeouts and server errors with doubling backoff."
          + " Runs until stopped (Ctrl-C; it blocks: use another terminal), or once with --once.",
      "",
      "Checks first that the broker and the registry answer and that the topics exist (bin/stack"
          + " topics create makes them). While running it serves /health (ready once caught up) and"
          + " /metrics on http.port (127.0.0.1 by default).",
      ""
    })
final class PollCommand implements Callable<Integer> {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Mixin ServiceOptions options;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description = {"Topic of the 4h bars.", "Key " + IngestConfig.BARS_TOPIC + "."})
  String topic;

  @Option(
      names = "--symbols",
      paramLabel = "SYMBOL,...",
      description = {
        "Symbols to poll, comma-separated, e.g. BTCUSDT,ETHUSDT.",
        "Key " + IngestConfig.SYMBOLS + "."
      })
  String symbols;

  @Option(
      names = "--interval",
      paramLabel = "INTERVAL",
      description = {
        "Interval to fetch: 4h, or a divisor of it (1h, 30m, ...) to aggregate into 4h bars.",
        "Key " + IngestConfig.INTERVAL + ", default 4h."
      })
  String interval;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = {"Base URL of the klines API.", "Key " + IngestConfig.BASE_URL + "."})
  String baseUrl;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = {
        "Where a symbol the topic does not hold yet starts, e.g. 2024-01-01T00:00:00Z.",
        "Key " + IngestConfig.SINCE + "; default: 1,000 bars ago."
      })
  String since;

  @Option(
      names = "--page-limit",
      paramLabel = "N",
      description = {
        "Klines per request, at most 1000 on Binance.",
        "Key " + IngestConfig.PAGE_LIMIT + "."
      })
  String pageLimit;

  @Option(
      names = "--once",
      description = "Back-fill up to now, publish, print the summary and exit.")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> given = new LinkedHashMap<>();
    putIfGiven(given, IngestConfig.BARS_TOPIC, topic);
    putIfGiven(given, IngestConfig.SYMBOLS, symbols);
    putIfGiven(given, IngestConfig.INTERVAL, interval);
    putIfGiven(given, IngestConfig.BASE_URL, baseUrl);
    putIfGiven(given, IngestConfig.SINCE, since);
    putIfGiven(given, IngestConfig.PAGE_LIMIT, pageLimit);
    Settings settings = options.settings(IngestConfig.SPEC, given);
    IngestConfig config = IngestConfig.from(settings);
    EndpointSettings endpoint = once ? EndpointSettings.NONE : EndpointSettings.from(settings);
    List<String> polled = config.requireSymbols();
    BarInterval fetched = config.interval();
    Duration requestTimeout = config.requestTimeout();
    Clock clock = Clock.systemUTC();
    Instant start =
        config.since() != null
            ? config.since()
            : clock.instant().minus(fetched.length().multipliedBy(1000));
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch finished = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              running.set(false);
              main.interrupt();
              try {
                // The JVM halts when the hooks return: give the poller time to flush and print its
                // summary.
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ingest-poll-shutdown");
    try (OperationsEndpoint operations = OperationsEndpoint.start("ingest", endpoint);
        HttpClient http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        PollJob job =
            new PollJob(
                config.endpoints(),
                config.barsTopic(),
                new BinanceKlineClient(
                    config.baseUrl(),
                    http,
                    requestTimeout,
                    RetryPolicy.DEFAULT,
                    TimeSource.SYSTEM,
                    clock),
                polled,
                fetched,
                config.pageLimit(),
                clock,
                start,
                config.plausibility(),
                operations.meters())) {
      operations
          .health()
          .readiness(
              "poller",
              () ->
                  job.lastCaughtUp() == null
                      ? Health.Check.down("back-filling")
                      : Health.Check.up("caught up at " + job.lastCaughtUp()));
      if (once) {
        job.catchUp();
      } else {
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          job.run(fetched, clock, TimeSource.SYSTEM, Duration.ofSeconds(2), running::get);
        } catch (InterruptedException | InterruptException e) {
          if (running.get()) {
            throw e;
          }
          Thread.interrupted(); // stopping as asked: let the producer close normally
        }
      }
      RunSummary.print(job.tallies(), config.barsTopic(), out);
    } finally {
      finished.countDown();
    }
    return 0;
  }

  private static void putIfGiven(Map<String, String> given, String key, String value) {
    if (value != null) {
      given.put(key, value);
    }
  }
}
