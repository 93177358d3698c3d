package io.lstmsignals.bench.ingest;

import io.lstmsignals.ingest.app.ReplayJob;
import io.lstmsignals.ingest.bar.OhlcvBar;
import io.lstmsignals.ingest.bar.Plausibility;
import io.lstmsignals.ingest.pipeline.BarSink;
import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.Rejection;
import io.lstmsignals.ingest.pipeline.TimeSource;
import io.lstmsignals.ingest.publish.BarTopics;
import io.lstmsignals.ingest.publish.KafkaEndpoints;
import io.lstmsignals.ingest.replay.FileReplay;
import io.lstmsignals.ingest.replay.Pacer;
import io.lstmsignals.ingest.replay.ProgressMeter;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.service.cli.ConnectionOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest benchmark}: replay throughput into the real broker, against baselines measured in
 * the same run.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Measures replay throughput into the broker, in bars/s, against baselines from the same run.",
      "",
      "Each round replays the files into fresh topics, deleted afterwards. Modes:",
      "  parse+validate  reading and checking the files, no Kafka (the ceiling)",
      "  acks=1          non-idempotent producer, leader acknowledgement only",
      "  acks=all        the production setting: idempotent, all in-sync replicas",
      "Needs a running broker and registry (bin/stack up). Ends with an estimate for 11 M bars"
          + " (5 years x 1,000 symbols of 4h bars).",
      ""
    })
public final class IngestBenchmark implements Callable<Integer> {
  private static final long FIVE_YEARS_THOUSAND_SYMBOLS = 5L * 2_190 * 1_000;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      paramLabel = "N",
      description = "Rounds per mode; the median is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--symbols",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "Symbols to replay at once: copies of the files under synthetic symbols (S0BTCUSDT, S1ETHUSDT,"
              + " ...), interleaved in time as a multi-symbol replay is (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description = "Bar files to replay (default: data/BTCUSDT-4h.csv data/ETHUSDT-4h.csv).")
  List<Path> files =
      new ArrayList<>(List.of(Path.of("data/BTCUSDT-4h.csv"), Path.of("data/ETHUSDT-4h.csv")));

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("Invalid value " + rounds + " for --rounds: must be >= 1");
    }
    if (symbols < 1) {
      throw new IllegalArgumentException(
          "Invalid value " + symbols + " for --symbols: must be >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path copies = Files.createTempDirectory("ingest-benchmark");
    List<Path> replayed = List.of();
    try {
      replayed = syntheticSymbols(copies);
      measure(out, replayed);
    } finally {
      for (Path copy : replayed) {
        Files.deleteIfExists(copy);
      }
      Files.delete(copies);
    }
    return 0;
  }

  private List<Path> syntheticSymbols(Path dir) throws IOException {
    List<Path> result = new ArrayList<>();
    for (int i = 0; i < symbols; i++) {
      Path original = files.get(i % files.size());
      result.add(Files.copy(original, dir.resolve("S" + i + original.getFileName())));
    }
    return result;
  }

  private void measure(PrintWriter out, List<Path> replayed) throws Exception {
    long bars;
    try (FileReplay replay = FileReplay.open(replayed)) {
      bars = replay.countRecords();
    }
    out.printf(
        Locale.ROOT,
        "replaying %,d bars of %d symbols per round, %d rounds per mode (median), after one"
            + " warm-up round%n",
        bars,
        symbols,
        rounds);
    String prefix = "lstm.bench." + System.currentTimeMillis();
    List<String> topics = new ArrayList<>();
    try {
      parseAndValidate(replayed);
      kafka(replayed, prefix + ".warmup", true, topics);
      double baseline = median(rounds, i -> parseAndValidate(replayed));
      report(out, "parse+validate (no Kafka)", baseline, baseline);
      double acksOne = median(rounds, i -> kafka(replayed, prefix + ".acks1." + i, false, topics));
      report(out, "acks=1, not idempotent", acksOne, baseline);
      double acksAll = median(rounds, i -> kafka(replayed, prefix + ".acksall." + i, true, topics));
      report(out, "acks=all, idempotent (production)", acksAll, baseline);
      out.printf(Locale.ROOT, "acks=all / acks=1 = %.2f%n", acksAll / acksOne);
      out.printf(
          Locale.ROOT,
          "estimate for %,d bars (5 years x 1,000 symbols) at %,.0f bars/s: %s%n",
          FIVE_YEARS_THOUSAND_SYMBOLS,
          acksAll,
          ProgressMeter.formatDuration(FIVE_YEARS_THOUSAND_SYMBOLS / acksAll));
    } finally {
      if (!topics.isEmpty()) {
        try (Admin admin = Admin.create(KafkaEndpoints.of(connection).admin())) {
          admin.deleteTopics(topics).all().get();
        }
      }
    }
  }

  private interface Round {
    double barsPerSecond(int round) throws Exception;
  }

  private static double median(int rounds, Round round) throws Exception {
    double[] rates = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      rates[i] = round.barsPerSecond(i);
    }
    Arrays.sort(rates);
    return rates[rounds / 2];
  }

  private double parseAndValidate(List<Path> replayed) throws InterruptedException {
    BarSink counting =
        new BarSink() {
          @Override
          public void publish(OhlcvBar bar, String source) {}

          @Override
          public void reject(Rejection rejection) {}
        };
    try (FileReplay replay = FileReplay.open(replayed)) {
      IngestPipeline pipeline =
          new IngestPipeline(
              BarInterval.FOUR_HOURS, counting, symbol -> null, Plausibility.DEFAULT);
      ProgressMeter meter = new ProgressMeter(0, TimeSource.SYSTEM, Duration.ofDays(1), line -> {});
      replay.replayInto(pipeline, new Pacer(0, TimeSource.SYSTEM), meter);
      return meter.ratePerSecond();
    }
  }

  private double kafka(List<Path> replayed, String topic, boolean idempotent, List<String> created)
      throws InterruptedException {
    created.add(topic);
    created.add(BarTopics.deadLetters(topic).name());
    try (Admin admin = Admin.create(KafkaEndpoints.of(connection).admin())) {
      new TopicProvisioner(admin, Duration.ofSeconds(30))
          .ensure(List.of(BarTopics.bars(topic).spec(), BarTopics.deadLetters(topic).spec()));
    }
    return ReplayJob.run(
            KafkaEndpoints.of(connection),
            topic,
            replayed,
            0,
            idempotent,
            Plausibility.DEFAULT,
            line -> {})
        .recordsPerSecond();
  }

  private static void report(PrintWriter out, String mode, double rate, double baseline) {
    out.printf(
        Locale.ROOT, "%-36s %,12.0f bars/s   %.3f x parse+validate%n", mode, rate, rate / baseline);
    out.flush();
  }
}
