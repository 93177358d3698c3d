package io.lstmsignals.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.testkit.WithStack;
import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.schemas.avro.ModelEvent;
import io.lstmsignals.schemas.avro.RetrainOutcome;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.report.PnlPoint;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser on the dashboard of a running replay: headless Chromium (Debian's {@code chromium}
 * and {@code chromium-driver}, which {@code .ci/run} installs) driven by Selenium opens the page of
 * a pipeline that replayed BTC and ETH bars on the real stack, sees every replayed symbol, and then
 * sees the equity point of a bar published afterwards appear without a reload, and a retrain
 * decision published to the model-events topic appear in its panel.
 */
@WithStack
@Timeout(300)
class DashboardBrowserIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path MODEL = REPO.resolve("models/lstm-4h-default");
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final int BARS = 80;

  /** Both symbols' slices start here, so that they end together and the portfolio reaches both. */
  private static final String FIRST = "2024-01-01T00:00:00Z";

  /** {@code bars} rows of a bar file from the bar opening at {@code first}, under a new name. */
  private static Path slice(Path source, String first, int bars, Path target) throws Exception {
    List<String> lines = Files.readAllLines(source);
    int start = 0;
    while (!lines.get(start).startsWith(first + ",")) {
      start++;
    }
    List<String> out = new ArrayList<>();
    out.add(lines.getFirst());
    out.addAll(lines.subList(start, start + bars));
    Files.write(target, out);
    return target;
  }

  @Test
  void browserMustSeeEverySymbolAndANewBarsEquityPointLive(StackEndpoints stack, @TempDir Path dir)
      throws Exception {
    assertThat(CHROMIUM)
        .as("Debian's chromium (apt-get install -y chromium chromium-driver; .ci/run does)")
        .exists();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver").exists();

    // Given a running pipeline that replayed BTC and ETH bars, with its dashboard
    Path btc =
        slice(
            REPO.resolve("data/BTCUSDT-4h-2024.csv"), FIRST, BARS, dir.resolve("BTCUSDT-4h-a.csv"));
    Path eth =
        slice(REPO.resolve("data/ETHUSDT-4h.csv"), FIRST, BARS, dir.resolve("ETHUSDT-4h-a.csv"));
    Path nextBtc =
        slice(
            REPO.resolve("data/BTCUSDT-4h-2024.csv"),
            Instant.parse(FIRST).plus(Duration.ofHours(4L * BARS)).toString(),
            1,
            dir.resolve("BTCUSDT-4h-b.csv"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    PipelineTopics topics = PipelineTopics.suffixed(run);
    try (DemoPipeline pipeline =
        new DemoPipeline(
            stack,
            topics,
            new DemoPipeline.Settings(
                List.of(btc, eth),
                MODEL,
                0,
                0,
                0,
                "REFERENCE_CLOSE",
                "browser-" + run,
                dir.resolve("state"),
                0,
                Map.of()),
            line -> {})) {
      pipeline.createTopics();
      pipeline.releaseModel();
      pipeline.startProcessors();
      pipeline.replay();
      SequencedMap<String, List<PnlPoint>> pnl = pipeline.awaitPnl(Duration.ofMinutes(3));
      long lastBtcClose = pnl.get("BTCUSDT").getLast().barCloseTime();

      // (and its report's portfolio is the last portfolio snapshot, whose trades are both members'
      // fills: they end at the same bar)
      String portfolioName = "PORTFOLIO" + PerformanceReport.PORTFOLIO_SUFFIX;
      PnlPoint lastPortfolio = pnl.get(portfolioName).getLast();
      PerformanceMetrics portfolio =
          PerformanceMetrics.of4h(
              PerformanceReport.ofAll(pipeline.reportInputs())
                  .analyse(portfolioName)
                  .all()
                  .strategy());
      assertThat(portfolio.trades())
          .isEqualTo(lastPortfolio.trades())
          .isEqualTo(pnl.get("BTCUSDT").getLast().trades() + pnl.get("ETHUSDT").getLast().trades());
      assertThat(portfolio.cumulativeReturn())
          .isCloseTo(lastPortfolio.cumulativeReturn(), within(1e-9));

      ChromeOptions options =
          new ChromeOptions()
              .setBinary(CHROMIUM)
              .addArguments(
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--window-size=1400,1000",
                  "--user-data-dir=" + dir.resolve("chromium-profile"));
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
      WebDriver browser = new ChromeDriver(service, options);
      try {
        // When the browser opens the dashboard
        browser.get(pipeline.dashboardUrl().orElseThrow().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        // Then it sees every replayed symbol's latest signal and equity series
        wait.until(
            b ->
                b.findElements(By.cssSelector("#signals tr[data-symbol]")).size() == 2
                    && lastTime(b, "BTCUSDT") == lastBtcClose);
        assertThat(
                browser.findElements(By.cssSelector("#signals tr[data-symbol]")).stream()
                    .map(row -> row.getDomAttribute("data-symbol"))
                    .toList())
            .containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(browser.findElements(By.cssSelector(".series[data-series='ETHUSDT']")))
            .hasSize(1);
        assertThat(
                browser
                    .findElement(By.cssSelector(".series[data-series='BTCUSDT'] .summary"))
                    .getText())
            .contains(BARS - 1 + " bars");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // When one more BTC bar is published and realized
        ReplayJob.run(
            new KafkaEndpoints(stack.bootstrapServers(), stack.registryUrl()),
            topics.bars().name(),
            List.of(nextBtc),
            0,
            true,
            Plausibility.DEFAULT,
            line -> {});

        // Then its equity point appears on the open page, without a reload
        long newClose = lastBtcClose + 4 * 3600_000L;
        wait.until(b -> lastTime(b, "BTCUSDT") == newClose);
        WebElement summary =
            browser.findElement(By.cssSelector(".series[data-series='BTCUSDT'] .summary"));
        assertThat(summary.getText())
            .contains(BARS + " bars")
            .contains(Instant.ofEpochMilli(newClose).toString().replace(":00Z", "Z"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument"))
            .as("the page was not reloaded")
            .isEqualTo(true);

        // When the retrainer's model-events topic gets a decision, the panel shows it, live too
        assertThat(browser.findElement(By.id("model-events-note")).getText())
            .isEqualTo("from topic " + topics.events().name());
        Instant boundary = Instant.parse("2024-01-14T00:00:00Z");
        ModelEvent rejected =
            ModelEvent.newBuilder()
                .setModelLine("lstm-4h")
                .setSymbol("BTCUSDT")
                .setBoundary(boundary)
                .setOutcome(RetrainOutcome.REJECTED)
                .setEffectiveFrom(boundary)
                .setValidUntil(boundary.plus(Duration.ofDays(30)))
                .setVersionInForce("lstm-4h-champion")
                .setChallengerVersion("lstm-4h-challenger")
                .setCriterion("mae < champion")
                .setReason("challenger MAE 0.0102 >= champion 0.0101")
                .setDecidedAt(Instant.now())
                .setActor("browser-test")
                .build();
        try (KafkaProducer<String, ModelEvent> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers()),
                topics.events().keySerde().serializer(),
                topics
                    .events()
                    .valueSerializer(AvroSerdeConfig.specificRecords(stack.registryUrl())))) {
          producer
              .send(new ProducerRecord<>(topics.events().name(), "lstm-4h/" + boundary, rejected))
              .get();
        }
        wait.until(
            b -> !b.findElements(By.cssSelector("#model-events li[data-outcome]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#model-events li")).getText())
            .isEqualTo(
                "2024-01-14T00:00:00Z lstm-4h REJECTED: in force lstm-4h-champion, challenger"
                    + " lstm-4h-challenger — challenger MAE 0.0102 >= champion 0.0101");
      } finally {
        browser.quit();
      }
    }
  }

  private static long lastTime(WebDriver browser, String series) {
    List<WebElement> boxes =
        browser.findElements(By.cssSelector(".series[data-series='" + series + "']"));
    if (boxes.isEmpty()) {
      return -1;
    }
    String last = boxes.getFirst().getDomAttribute("data-last-time");
    return last == null || last.isEmpty() ? -1 : Long.parseLong(last);
  }
}
